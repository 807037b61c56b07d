#pragma once

// The staff console: an HTTPS server that staff reach from a phone or a laptop on the site
// network to run the day — sessions, visitors, notices, calendar imports — through the same
// core functions as kioskctl. Nothing but the sign-in page is served to whoever is not signed in.

#include "kiosk/base/time.hpp"
#include "kiosk/config/config.hpp"

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace kiosk_console {

// A site's console runs the day there; the office's shows the four sites (their health and
// attendance, from what sync brought back) and has no day, visitors, import or notices of its own.
enum class Place { Site, Office };

struct ConsoleOptions {
    std::filesystem::path database;
    Place place = Place::Site;
    std::string site; // at a site
    std::optional<kiosk::SiteConfig> config;
    std::string host = "127.0.0.1"; // loopback unless the site opens it to its network
    int port = 8443;                // 0: any free port (tests)
    // A second, plain-HTTP port that serves nothing but the address to use instead.
    std::optional<int> plain_port;
    std::filesystem::path certificate; // both created (self-signed) when neither exists
    std::filesystem::path private_key;
    std::filesystem::path assets; // the folder holding console.css and console.js
    std::filesystem::path runtime_dir; // where the camera process writes its heartbeat
    std::string fonts;                 // the charts' fonts (kiosk_print::font_directory)
    kiosk::Clock clock = kiosk::Clock::system();
    // Time a client has from its first TLS byte to the end of its headers; a client address
    // holds at most `connections_per_address` connections at once.
    std::chrono::milliseconds header_deadline{std::chrono::seconds{10}};
    std::size_t connections_per_address = 8;
};

// The console's certificate and key: kept when both exist, made (self-signed, for this machine's
// name, localhost and the loopback addresses) when neither does. `kioskctl sync invite` gives
// the certificate's fingerprint to the sites, which pin its key. The certificate lasts 397
// days from `now`; the console renews it with the same key 30 days before its end.
void ensure_certificate_files(const std::filesystem::path& certificate,
                              const std::filesystem::path& private_key, kiosk::Instant now);

// This machine's name, as the certificate names it.
[[nodiscard]] std::string machine_name();

class Console {
public:
    // Loads the assets and the certificate (making one if needed); throws when it cannot.
    explicit Console(ConsoleOptions options);
    ~Console();
    Console(const Console&) = delete;
    Console& operator=(const Console&) = delete;

    // Binds the listening sockets and returns the HTTPS port; throws when the port is taken.
    int bind();
    // Serves until stop() (from another thread or a signal handler's thread).
    void run();
    void stop();
    // The plain-HTTP port actually bound (0 when there is none).
    [[nodiscard]] int plain_port() const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace kiosk_console
