#pragma once

// The office and a site, each with its own database and a real `kioskctl serve` on a free
// loopback port (the office's with --office, which carries the live link's endpoint), their
// clocks frozen at the same instant: what the live link's tests pair, exchange and break.

#include "build_paths.hpp"
#include "kioskctl.hpp"
#include "process.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <optional>
#include <regex>
#include <string>
#include <thread>

namespace test {

inline constexpr const char* link_now = "2026-11-26 10:00";

class Served {
public:
    Served(const Kioskctl& kioskctl, const std::vector<std::string>& options,
           const std::string& name, const std::string& at = link_now)
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
        const std::regex line(R"(console : https://127\.0\.0\.1:(\d+)/)");
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds{30};
        std::smatch match;
        while (std::chrono::steady_clock::now() < deadline) {
            const std::string text = read_file(log_);
            if (std::regex_search(text, match, line)) {
                port_ = std::stoi(match[1]);
                return;
            }
            REQUIRE(process_->running());
            std::this_thread::sleep_for(std::chrono::milliseconds{50});
        }
        FAIL("kioskctl serve did not start: " << read_file(log_));
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

struct LinkPair {
    Kioskctl office;
    Kioskctl site; // Rennes
    std::optional<Served> served;

    LinkPair()
    {
        office.ok({"init"});
        office.ok({"keys", "generate", "--out", key()});
        office.ok({"sync", "identity", "--office", "--key", key()});
        site.ok({"init"});
        served.emplace(office, std::vector<std::string>{"--office"}, "office-console");
    }

    [[nodiscard]] std::string key() const { return (office.dir() / "office.key").string(); }

    // The line `kioskctl sync invite` prints at the office.
    std::string invite(const std::string& for_site = "rennes")
    {
        return trimmed(office.ok(
            {"--at", link_now, "sync", "invite", "--site", for_site, "--url", served->url()}));
    }

    ProcessResult join(const std::string& line)
    {
        return site({"--at", link_now, "sync", "join", line, "--site", "rennes"});
    }

    void paired()
    {
        const auto joined = join(invite());
        INFO(joined.err);
        REQUIRE(joined.exit_code == 0);
    }

    [[nodiscard]] std::string runtime() const { return (site.dir() / "run").string(); }

    ProcessResult exchange()
    {
        return site({"--at", link_now, "sync", "run", "--once", "--runtime-dir", runtime()});
    }

    void exchange_ok()
    {
        const auto result = exchange();
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
    }
};

} // namespace test
