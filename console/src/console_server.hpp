#pragma once

// The server behind the console's public face: console.cpp sets it up and runs every staff
// page through the same checks (signed in, allowed, token, this site's session); routes.cpp
// says which address goes to which page.

#include "certificate.hpp"
#include "kiosk_console/console.hpp"
#include "request.hpp"
#include "server_parts.hpp"
#include "slow_clients.hpp"

#include <atomic>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

namespace kiosk_console {

struct Console::Impl : Routes {
    ConsoleOptions options;
    std::map<std::string, Asset> assets;
    CertificateKeeper certificate;
    httplib::SSLServer https;
    httplib::Server plain;
    ConnectionGuard guard;
    int bound_port = 0;
    int bound_plain_port = 0;
    std::thread plain_thread;
    // run() and stop() may come in either order from two threads (a signal taken before the
    // server listens): what each has done is kept under this lock.
    std::mutex serving_mutex;
    bool stop_asked = false;
    bool serving = false; // run() got past its start
    std::atomic<bool> https_done{false};
    std::atomic<bool> plain_done{false};
    SyncHolds holds;
    std::mutex messages_mutex;
    std::map<std::string, html::Message> messages; // by sign-in token: shown once

    explicit Impl(ConsoleOptions console_options);

    // Every address the console answers on its HTTPS port (routes.cpp).
    void add_routes();
    void send_asset(const std::string& name, const char* cache, httplib::Response& response) const;

    static void redirect(httplib::Response& response, const std::string& location);
    bool signed_in(const httplib::Request& request);
    // Failures of the environment become a page, not a dropped connection.
    static void guarded(httplib::Response& response, const std::function<void()>& work);
    void handle(const httplib::Request& http, httplib::Response& response, Access access,
                bool is_change, const Handler& handler);

    void get(const std::string& pattern, Access access, Handler handler) override;
    void post(const std::string& pattern, Access access, Handler handler) override;
};

} // namespace kiosk_console
