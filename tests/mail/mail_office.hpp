#pragma once

// An office that issues tickets (TicketOffice) and mails them through a real SMTP server on the
// loopback address (aiosmtpd, tests/mail/smtp_sink.py), and a real parser (Python's e-mail
// package, tests/mail/read_mail.py) to read what arrived.

#include "build_paths.hpp"
#include "ticket_office.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace test {

// A port nothing listens on now, on the loopback address.
inline int unused_port()
{
    const int probe = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::bind(probe, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
    socklen_t length = sizeof address;
    REQUIRE(::getsockname(probe, reinterpret_cast<sockaddr*>(&address), &length) == 0);
    ::close(probe);
    return ntohs(address.sin_port);
}

class SmtpSink {
public:
    SmtpSink(std::filesystem::path folder, int port, std::vector<std::string> refused = {},
             const std::vector<std::string>& options = {})
        : folder_(std::move(folder))
    {
        std::filesystem::create_directories(folder_);
        std::filesystem::remove(folder_ / "port");
        std::vector<std::string> arguments{"/usr/bin/python3",
                                           test::source_dir() + "/tests/mail/smtp_sink.py",
                                           folder_.string(), "--port", std::to_string(port)};
        for (const auto& address : refused) {
            arguments.push_back("--refuse");
            arguments.push_back(address);
        }
        arguments.insert(arguments.end(), options.begin(), options.end());
        process_ = std::make_unique<BackgroundProcess>(arguments, (folder_ / "sink.log").string());
        for (int tries = 0; tries < 200 && !std::filesystem::exists(folder_ / "port"); ++tries)
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        INFO(read_file((folder_ / "sink.log").string()));
        REQUIRE(std::filesystem::exists(folder_ / "port"));
    }

    // The messages received, in order of arrival.
    [[nodiscard]] std::vector<std::filesystem::path> messages() const
    {
        std::vector<std::filesystem::path> found;
        for (const auto& entry : std::filesystem::directory_iterator(folder_))
            if (entry.path().extension() == ".eml")
                found.push_back(entry.path());
        std::sort(found.begin(), found.end());
        return found;
    }

    // The next message received is written, then `pid` is killed before the 250 is answered.
    void kill_after_accepting(int pid) const
    {
        std::ofstream(folder_ / "kill-after-accepting.tmp") << pid << "\n";
        std::filesystem::rename(folder_ / "kill-after-accepting.tmp",
                                folder_ / "kill-after-accepting");
    }

private:
    std::filesystem::path folder_;
    std::unique_ptr<BackgroundProcess> process_;
};

struct MailOffice : TicketOffice {
    int port = unused_port();
    std::filesystem::path config = kioskctl.dir() / "mail.toml";
    std::filesystem::path received = kioskctl.dir() / "received";

    std::string more_sections; // written after the sites' sections

    MailOffice() { configure("security = \"none\"\n"); }

    // The mail configuration, with these lines in [relay] after its host and port.
    void configure(const std::string& relay_lines) const
    {
        std::ofstream(config, std::ios::trunc)
            << "[relay]\nhost = \"127.0.0.1\"\nport = " << port << "\ntimeout_seconds = 10\n"
            << relay_lines
            << "[messages]\ndomain = \"atelier.example.org\"\n"
                                 "[online]\nfrom = \"Atelier numérique <en-ligne@atelier.example.org>\"\n"
                                 "[sites.saint-etienne]\n"
                                 "from = \"Atelier numérique de Saint-Étienne "
                                 "<saint-etienne@atelier.example.org>\"\n"
                                 "reply_to = \"accueil@atelier.example.org\"\n"
                                 "address = \"10 place Jean-Jaurès, 42000 Saint-Étienne\"\n"
                                 "directions = \"tram T1, arrêt Hôtel de Ville\"\n"
                                 "bring = \"votre ordinateur portable\"\n"
            << more_sections;
    }

    [[nodiscard]] std::unique_ptr<SmtpSink> relay(std::vector<std::string> refused = {},
                                                  const std::vector<std::string>& options = {}) const
    {
        return std::make_unique<SmtpSink>(received, port, std::move(refused), options);
    }

    // `kioskctl --at WHEN mail send`, however it ends.
    [[nodiscard]] ProcessResult send(const std::string& when,
                                     std::vector<std::string> extra = {}) const
    {
        std::vector<std::string> arguments{"--at", when, "mail", "send", "--mail-config",
                                           config.string(), "--json"};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        return kioskctl(arguments);
    }

    [[nodiscard]] nlohmann::json sent(const std::string& when) const
    {
        const auto result = send(when);
        INFO("stderr: " << result.err);
        REQUIRE(result.exit_code == 0);
        return nlohmann::json::parse(result.out);
    }

    // The outbox, oldest first (`mail list` shows the newest first).
    [[nodiscard]] nlohmann::json outbox() const
    {
        auto entries = nlohmann::json::parse(kioskctl.ok({"mail", "list", "--json"}));
        std::sort(entries.begin(), entries.end(),
                  [](const auto& a, const auto& b) { return a.at("id") < b.at("id"); });
        return entries;
    }

    // What a mail client makes of a message; its files are written to `parts`.
    [[nodiscard]] static nlohmann::json read(const std::filesystem::path& message,
                                             const std::filesystem::path& parts)
    {
        const auto result =
            run_process({"/usr/bin/python3", test::source_dir() + "/tests/mail/read_mail.py",
                         message.string(), parts.string()});
        INFO("read_mail.py: " << result.err);
        REQUIRE(result.exit_code == 0);
        return nlohmann::json::parse(result.out);
    }
};

} // namespace test
