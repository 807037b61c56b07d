// Mails per second to a real SMTP server on the loopback address (aiosmtpd, as in the tests):
// N tickets (default 1000) issued to N people in one transaction, then one `mail send` run —
// each message composed (text, HTML, the ticket's PNG and PDF, the .ics) and handed to the relay
// through libcurl — beside, in the same run, the relay's own pace (the same bytes sent again
// and again, nothing composed) and composing alone (nothing sent).
//
//   build/release/benchmarks/bench_mail [N]

#include "build_paths.hpp"
#include "kiosk/mail/outbox.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk/tickets/ticket_store.hpp"
#include "kiosk_mail/compose.hpp"
#include "kiosk_mail/sender.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// The tests' SMTP server, in a folder of its own; stopped when the object goes.
class Relay {
public:
    explicit Relay(const std::filesystem::path& folder)
    {
        const std::string script = test::source_dir() + "/tests/mail/smtp_sink.py";
        const std::string target = folder.string();
        std::vector<char*> arguments{const_cast<char*>("/usr/bin/python3"),
                                     const_cast<char*>(script.c_str()),
                                     const_cast<char*>(target.c_str()), nullptr};
        if (posix_spawn(&pid_, arguments[0], nullptr, nullptr, arguments.data(), environ) != 0)
            throw std::runtime_error("le serveur SMTP de test n'a pas démarré");
        for (int tries = 0; tries < 400 && !std::filesystem::exists(folder / "port"); ++tries)
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        std::ifstream(folder / "port") >> port_;
        if (port_ == 0)
            throw std::runtime_error("le serveur SMTP de test n'écoute pas (python3-aiosmtpd ?)");
    }
    ~Relay()
    {
        kill(pid_, SIGTERM);
        int status = 0;
        waitpid(pid_, &status, 0);
    }
    Relay(const Relay&) = delete;
    Relay& operator=(const Relay&) = delete;
    [[nodiscard]] int port() const { return port_; }

private:
    pid_t pid_ = -1;
    int port_ = 0;
};

kiosk_mail::MailConfig config_for(int port)
{
    auto config = kiosk_mail::parse_mail_config(
        fmt::format("[relay]\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"none\"\n"
                    "[messages]\ndomain = \"atelier.example.org\"\n"
                    "[online]\nfrom = \"Atelier numérique <en-ligne@atelier.example.org>\"\n"
                    "[sites.rennes]\nfrom = \"Atelier numérique de Rennes "
                    "<rennes@atelier.example.org>\"\naddress = \"12 rue Saint-Hélier, 35000 "
                    "Rennes\"\nbring = \"votre ordinateur portable\"\n",
                    port),
        "bench");
    if (!config)
        throw std::runtime_error(config.error());
    return *config;
}

} // namespace

int main(int argc, char** argv)
{
    const int count = argc > 1 ? std::atoi(argv[1]) : 1000;
    if (count <= 0 || count > 100000) {
        std::fprintf(stderr, "usage : bench_mail [NOMBRE]\n");
        return 2;
    }
    const auto folder = std::filesystem::temp_directory_path() /
                        fmt::format("bench-mail-{}", static_cast<long>(getpid()));
    std::filesystem::create_directories(folder);
    {
        const Relay relay(folder / "relay");
        const auto config = config_for(relay.port());
        const auto fonts =
            kiosk_print::Fonts::load(std::filesystem::path(test::source_dir()) / "assets/fonts");
        kiosk::Store store(folder / "office.db", kiosk::Access::ReadWrite,
                           kiosk::Creation::CreateIfMissing);
        const auto now = kiosk::from_unix_seconds(1795000000); // a week before the workshop
        kiosk::Session workshop;
        workshop.site = "rennes";
        workshop.title = "Créer sa boutique en ligne : démarches et équipement";
        workshop.room = "Salle Bréhat";
        workshop.capacity = count;
        workshop.start = kiosk::from_unix_seconds(1795699800);
        workshop.end = workshop.start + std::chrono::hours{2};
        const auto session = kiosk::SessionStore(store).add(workshop, now);
        std::vector<kiosk::Registration> people;
        for (int i = 0; i < count; ++i)
            people.push_back({.first_name = fmt::format("Zoé{}", i),
                              .last_name = "Nguyen",
                              .email = fmt::format("personne{}@example.org", i),
                              .note = ""});
        const auto key = kiosk::SigningKey::generate();
        auto start = Clock::now();
        if (!kiosk::TicketStore(store).issue_for(session, people, key, now,
                                                 kiosk::WhenRevoked::IssueAgain))
            throw std::runtime_error("émission refusée");
        const double issuing = seconds_since(start);

        // Composing alone.
        const auto due = kiosk::Outbox(store).due(now, count, std::chrono::seconds{60});
        const auto found = kiosk::SessionStore(store).find(session);
        start = Clock::now();
        std::size_t bytes = 0;
        std::string sample;
        for (const auto& entry : due) {
            auto mail = kiosk_mail::compose(entry, *found, config, fonts, now);
            bytes += mail.bytes.size();
            if (sample.empty())
                sample = std::move(mail.bytes);
        }
        const double composing = seconds_since(start);

        // The relay's own pace: the same message, composed once, sent min(N, 300) times.
        const int raw_count = std::min(count, 300);
        kiosk_mail::SmtpTransport transport(config.relay, "");
        start = Clock::now();
        for (int i = 0; i < raw_count; ++i)
            if (transport.send("rennes@atelier.example.org", "personne@example.org", sample)
                    .outcome != kiosk_mail::Delivery::Accepted)
                throw std::runtime_error("le relais a refusé le message de référence");
        const double relay_alone = seconds_since(start);

        // The whole run: compose, mark, send, record.
        start = Clock::now();
        const auto report = kiosk_mail::send_outbox(store, config, fonts, &transport, now, {});
        const double sending = seconds_since(start);
        if (report.sent != count)
            throw std::runtime_error(fmt::format("{} messages envoyés sur {}", report.sent, count));
        start = Clock::now();
        const auto rerun = kiosk_mail::send_outbox(store, config, fonts, &transport, now, {});
        const double rerunning = seconds_since(start);

        std::printf("issuing %d tickets with their mails queued: %.2f s\n", count, issuing);
        std::printf("composing alone:  %6.1f mails/s (%.1f ms each, %.0f KB each)\n",
                    count / composing, composing * 1000 / count,
                    static_cast<double>(bytes) / count / 1024);
        std::printf("relay alone:      %6.1f mails/s (the same %.0f KB message, %d times)\n",
                    raw_count / relay_alone, static_cast<double>(sample.size()) / 1024, raw_count);
        std::printf("mail send:        %6.1f mails/s (%d sent, %d refused, %d deferred in %.1f s;"
                    " target >= 20/s)\n",
                    report.sent / sending, report.sent, report.refused, report.deferred, sending);
        std::printf("rerun:            %d sent in %.3f s\n", rerun.sent, rerunning);
    }
    std::filesystem::remove_all(folder);
    return 0;
}
