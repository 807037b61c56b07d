#pragma once

// A real `kioskctl serve` on a free loopback port, its clock frozen at `at`, what it prints
// kept in a log beside its database: started, then waited for until it names its port.

#include "build_paths.hpp"
#include "kioskctl.hpp"
#include "process.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <thread>
#include <vector>

namespace test {

class Served {
public:
    // `options`: further options of `kioskctl serve`; `name`: its log's.
    Served(const Kioskctl& kioskctl, const std::vector<std::string>& options,
           const std::string& name, const std::string& at)
        : log_((kioskctl.dir() / (name + ".log")).string())
    {
        std::vector<std::string> command{test::kioskctl_program(),
                                         "--db",
                                         kioskctl.database(),
                                         "--at",
                                         at,
                                         "serve",
                                         "--listen",
                                         "127.0.0.1:0"};
        command.insert(command.end(), options.begin(), options.end());
        process_.emplace(command, log_,
                         std::map<std::string, std::string>{
                             {"DISPLAY", ""}, {"KIOSK_DB", ""}, {"KIOSK_CONFIG", ""}});
        port_ = printed_port(R"(console : https://127\.0\.0\.1:(\d+)/)");
    }

    // The port that `line` captures in what the server printed, waited for up to 30 s.
    int printed_port(const std::string& line)
    {
        const std::regex pattern(line);
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{30};
        std::smatch match;
        while (std::chrono::steady_clock::now() < deadline) {
            const std::string text = read_file(log_);
            if (std::regex_search(text, match, pattern))
                return std::stoi(match[1]);
            REQUIRE(process_->running());
            std::this_thread::sleep_for(std::chrono::milliseconds{50});
        }
        FAIL("kioskctl serve did not start: " << read_file(log_));
        return 0;
    }

    [[nodiscard]] int port() const { return port_; }
    [[nodiscard]] std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }
    [[nodiscard]] std::string log() const { return read_file(log_); }
    int stop() { return process_->stop(); }

private:
    std::string log_;
    std::optional<BackgroundProcess> process_;
    int port_ = 0;
};

} // namespace test
