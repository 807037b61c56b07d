#pragma once

// A Rennes site database with the demo day, a trusted issuing key and tickets with first
// names, and a live kiosk-display on it that logs every greeting it shows: what the greeting
// tests drive from the outside, as the camera process and staff would.

#include "kiosk/checkin/checkin.hpp"
#include "kiosk/platform/runtime.hpp"
#include "kiosk/tickets/ticket_store.hpp"
#include "kiosk/tickets/trusted_keys.hpp"
#include "kiosk_display_runner.hpp"
#include "sql.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <sstream>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>

namespace test {

enum class WaitForFrame { Yes, No };
// Writing a PNG of each greeting frame is slow: only for tests that look at the pixels.
enum class CaptureFrames { Yes, No };

class GreetingSite {
public:
    GreetingSite()
    {
        kioskctl.ok({"init"});
        kioskctl.ok({"demo", "--date", "2026-11-26"});
        std::filesystem::create_directories(runtime());
        store_ = std::make_unique<kiosk::Store>(kioskctl.database(), kiosk::Access::ReadWrite);
        kiosk::TrustedKeys(*store_).trust(key_.public_key(), *kiosk::parse_local_time("2026-11-01 09:00"));
        workshop = session_id("rennes", "atelier", "Créer sa fiche d'établissement sur Google");
        private_session = session_id("rennes", "privee", "");
        nancy_workshop = session_id("nancy", "atelier", "Créer sa fiche d'établissement sur Google");
    }

    Kioskctl kioskctl;
    std::string workshop;        // Rennes, 9:30, Salle Bréhat
    std::string private_session; // Rennes, 12:30, "Session privée — CCI Ille-et-Vilaine"
    std::string nancy_workshop;

    [[nodiscard]] std::string path(const std::string& name) const { return (kioskctl.dir() / name).string(); }
    [[nodiscard]] std::string runtime() const { return path("run"); }

    // A ticket issued by the office, with the holder's first name (and a staff note) as the
    // office sends them to the site.
    std::string ticket(const std::string& session, const std::string& first_name,
                       const std::string& note = {})
    {
        const auto id = kiosk::SessionId::parse(session);
        REQUIRE(id);
        auto issued = kiosk::TicketStore(*store_).issue(*id, key_, *kiosk::parse_local_time("2026-11-20 09:00"));
        REQUIRE(issued);
        REQUIRE(test::Sql(store_->path())
                    .exec("UPDATE tickets SET first_name = ?2, note = ?3 WHERE id = ?1",
                          {issued->claims.ticket.database_value(), first_name, note}) == 1);
        return issued->payload;
    }

    struct Recorded {
        std::string id;
        std::int64_t committed_us = 0; // wall clock, just after the commit returned
    };

    // Checks a ticket in through the core's rules, as kiosk-checkin does, and wakes the board.
    Recorded record(const std::string& payload, const std::string& at, const std::string& site = "rennes")
    {
        const kiosk::ScanRequest request{payload, site, "entree", *kiosk::parse_local_time(at),
                                         kiosk::ClockTrust::Synchronised};
        const auto result = kiosk::check_in(*store_, request, kiosk::CheckinRules{});
        Recorded recorded{result.scan.to_string(), wall_microseconds()};
        kiosk::wake_board(runtime());
        return recorded;
    }

    std::unique_ptr<BackgroundDisplay> start_board(const std::string& at,
                                                   WaitForFrame wait = WaitForFrame::Yes,
                                                   CaptureFrames capture = CaptureFrames::Yes,
                                                   const std::string& size = "1280x720")
    {
        std::filesystem::remove(path("model.txt"));
        std::vector<std::string> arguments{"--db", kioskctl.database(), "--site", "rennes",
                                           "--windowed", "--size", size, "--at", at,
                                           "--dump-model", path("model.txt"), "--runtime-dir",
                                           runtime(), "--banner-log", path("banners.jsonl"), "--mute"};
        if (capture == CaptureFrames::Yes)
            arguments.insert(arguments.end(), {"--frame-capture", path("frame.png")});
        auto board = std::make_unique<BackgroundDisplay>(arguments, path("board.log"));
        if (wait == WaitForFrame::Yes) {
            const bool drawn = wait_until([&] { return std::filesystem::exists(path("model.txt")); },
                                          std::chrono::seconds{20});
            INFO(read_file(path("board.log")));
            REQUIRE(drawn);
        }
        return board;
    }

    [[nodiscard]] std::vector<nlohmann::json> banner_lines() const
    {
        std::vector<nlohmann::json> lines;
        std::istringstream text(read_file(path("banners.jsonl")));
        for (std::string line; std::getline(text, line);)
            if (!line.empty())
                lines.push_back(nlohmann::json::parse(line));
        return lines;
    }

    std::optional<nlohmann::json> wait_for_banner(const std::string& scan, std::chrono::milliseconds limit) const
    {
        std::optional<nlohmann::json> found;
        wait_until([&] {
            for (auto& line : banner_lines())
                if (line["scan"] == scan)
                    found = std::move(line);
            return found.has_value();
        }, limit);
        return found;
    }

    bool wait_for_model(const std::string& text, std::chrono::milliseconds limit) const
    {
        return wait_until([&] { return read_file(path("model.txt")).find(text) != std::string::npos; }, limit);
    }

    bool wait_for_model_without(const std::string& text, std::chrono::milliseconds limit) const
    {
        return wait_until(
            [&] {
                const auto model = read_file(path("model.txt"));
                return !model.empty() && model.find(text) == std::string::npos;
            },
            limit);
    }

    static std::int64_t wall_microseconds()
    {
        return std::chrono::duration_cast<std::chrono::microseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
            .count();
    }

    template <typename Condition>
    static bool wait_until(Condition&& condition, std::chrono::milliseconds limit)
    {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (true) {
            if (condition())
                return true;
            if (std::chrono::steady_clock::now() >= deadline)
                return false;
            std::this_thread::sleep_for(std::chrono::milliseconds{10});
        }
    }

    std::string session_id(const std::string& site, const std::string& kind, const std::string& title) const
    {
        const auto day = kioskctl.day(site, "2026-11-26");
        for (const auto& session : day["sessions"])
            if (session["kind"] == kind && (title.empty() || session["title"] == title) &&
                session["site"] == site)
                return session["id"];
        FAIL("no " << kind << " session « " << title << " » at " << site);
        return {};
    }

private:
    kiosk::SigningKey key_ = kiosk::SigningKey::generate();
    std::unique_ptr<kiosk::Store> store_;
};

// Environment variables set for a scope (a child started inside it inherits them).
class ScopedEnvironment {
public:
    explicit ScopedEnvironment(const std::map<std::string, std::string>& variables)
    {
        for (const auto& [name, value] : variables) {
            const char* old = std::getenv(name.c_str());
            saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
            setenv(name.c_str(), value.c_str(), 1);
        }
    }
    ~ScopedEnvironment()
    {
        for (const auto& [name, value] : saved_) {
            if (value)
                setenv(name.c_str(), value->c_str(), 1);
            else
                unsetenv(name.c_str());
        }
    }
    ScopedEnvironment(const ScopedEnvironment&) = delete;
    ScopedEnvironment& operator=(const ScopedEnvironment&) = delete;

private:
    std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

// What systemd listens on: the datagrams a service sends with sd_notify().
class NotifySocket {
public:
    explicit NotifySocket(const std::string& path) : path_(path)
    {
        fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        REQUIRE(path.size() < sizeof(address.sun_path));
        std::copy(path.begin(), path.end(), address.sun_path);
        REQUIRE(bind(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) == 0);
    }
    ~NotifySocket()
    {
        close(fd_);
        unlink(path_.c_str());
    }
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;

    std::vector<std::string> received()
    {
        char buffer[512];
        while (true) {
            const auto size = recv(fd_, buffer, sizeof(buffer), 0);
            if (size <= 0)
                break;
            messages_.emplace_back(buffer, static_cast<std::size_t>(size));
        }
        return messages_;
    }

private:
    std::string path_;
    int fd_ = -1;
    std::vector<std::string> messages_;
};

} // namespace test
