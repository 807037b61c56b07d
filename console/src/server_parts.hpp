#pragma once

// Pieces of the server shared by its files: the asset table, the security headers and the
// sign-in pages (which run before anyone is signed in, outside the Routes wrapper).

#include "html.hpp"
#include "kiosk/staff/staff.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <httplib.h>
#include <map>
#include <mutex>
#include <string>

namespace kiosk_console {

struct ConsoleOptions;

struct Asset {
    std::string content;
    std::string type;
};

// Every file of the assets folder whose name is plain (letters, digits, '-', one extension
// among css/js/svg/png), read once: an asset URL is a key in this table, never a path.
[[nodiscard]] std::map<std::string, Asset> load_assets(const std::filesystem::path& folder);

void add_security_headers(httplib::Response& response);

// A page in the common frame for whoever is not signed in (no navigation).
void reply_anonymous(httplib::Response& response, int status, const std::string& title,
                     html::Message message, const std::string& body = {});

void show_sign_in(const httplib::Request& request, httplib::Response& response,
                  html::Message message = {}, int status = 200);
void sign_in(const httplib::Request& request, httplib::Response& response,
             const ConsoleOptions& options);
void sign_out(const httplib::Request& request, httplib::Response& response,
              const ConsoleOptions& options);

// The live link's requests held at the office until it has something for their site: at most
// `most` at once (past that, answered at once), so that staff pages always find a thread.
// A site's new request ends the one it had held: a site cuts its held request when it has a
// change to send, and the office cannot see the cut, so the old one would otherwise keep a
// thread and a hold slot until its time ran out.
struct SyncHolds {
    int most = 4;
    std::chrono::seconds longest{25};
    std::chrono::milliseconds poll{200};
    std::atomic<int> held{0};
    std::atomic<bool> stopping{false};

    // The turn of `site`'s newest request; a held request whose turn is past gives way.
    std::uint64_t arrived(const std::string& site)
    {
        const std::lock_guard lock(mutex);
        return ++turns[site];
    }
    bool superseded(const std::string& site, std::uint64_t turn)
    {
        const std::lock_guard lock(mutex);
        return turns[site] != turn;
    }

private:
    std::mutex mutex;
    std::map<std::string, std::uint64_t> turns;
};

// The office's end of the live link (see sync_endpoint.cpp).
void add_sync_endpoint(httplib::SSLServer& https, const ConsoleOptions& options, SyncHolds& holds);

} // namespace kiosk_console
