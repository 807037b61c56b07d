// Slow and idle clients against the real `kioskctl serve` on loopback: connections that send
// nothing, or their headers a line at a time, from other loopback addresses (127.0.0.0/8 is all
// this machine's), while a browser on 127.0.0.1 keeps working.

#include "console_site.hpp"
#include "loopback_client.hpp"

#include <openssl/ssl.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <fmt/format.h>
#include <memory>
#include <string>
#include <vector>

using test::Browser;
using test::ConsoleServer;
using test::ConsoleSite;

namespace {

constexpr const char* afternoon = "2026-11-26 14:20";

struct ClientContext {
    SSL_CTX* context = SSL_CTX_new(TLS_client_method());
    ClientContext()
    {
        SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nullptr);
        std::signal(SIGPIPE, SIG_IGN); // writing to a connection the server cut is expected
    }
    ~ClientContext() { SSL_CTX_free(context); }
};

long long milliseconds_since(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now() - start)
        .count();
}

} // namespace

TEST_CASE("Fifty idle connections and eight slow TLS clients do not stop the console",
          "[console]")
{
    ConsoleSite site;
    ConsoleServer server(site.kioskctl, afternoon, "serve", {"--header-deadline", "2"});
    ClientContext tls;

    // 50 connections that send nothing, 5 from each of 10 addresses, then 8 clients that finish
    // their handshake and send a header line every 300 ms, never the blank line.
    std::vector<std::unique_ptr<test::LoopbackConnection>> idle;
    for (int i = 0; i < 50; ++i)
        idle.push_back(
            std::make_unique<test::LoopbackConnection>(fmt::format("127.0.0.{}", 2 + i % 10), server.port()));
    std::vector<std::unique_ptr<test::LoopbackConnection>> slow;
    for (int i = 0; i < 8; ++i) {
        slow.push_back(
            std::make_unique<test::LoopbackConnection>(fmt::format("127.0.1.{}", 1 + i), server.port()));
        REQUIRE(slow.back()->start_tls(tls.context));
        REQUIRE(slow.back()->send("GET /connexion HTTP/1.1\r\n"));
    }

    // Meanwhile a member of staff signs in and reads the day, promptly.
    const auto start = std::chrono::steady_clock::now();
    Browser browser(server);
    const auto signed_in = browser.sign_in("accueil", test::staff_password);
    CHECK(signed_in.status == 303);
    CHECK(browser.get("/jour").status == 200);
    CHECK(milliseconds_since(start) < 1500);

    // The slow ones keep sending, and still lose their connection at the deadline (2 s).
    bool all_closed = false;
    while (!all_closed && milliseconds_since(start) < 6000) {
        std::this_thread::sleep_for(std::chrono::milliseconds{300});
        for (auto& client : slow)
            client->send("X-Lent: 1\r\n");
        all_closed = true;
        for (const auto& connection : idle)
            all_closed = all_closed && connection->closed_by_server();
        for (const auto& connection : slow)
            all_closed = all_closed && connection->closed_by_server();
    }
    CHECK(all_closed);
    CHECK(milliseconds_since(start) >= 1500);
    CHECK(browser.get("/jour").status == 200);
}

TEST_CASE("A client address holds at most eight connections at once", "[console]")
{
    ConsoleSite site;
    ConsoleServer server(site.kioskctl, afternoon, "serve");

    std::vector<std::unique_ptr<test::LoopbackConnection>> held;
    for (int i = 0; i < 20; ++i)
        held.push_back(std::make_unique<test::LoopbackConnection>("127.0.0.40", server.port()));
    // The twelve past the limit are closed at once, not at the 10 s deadline.
    int closed = 0;
    const auto start = std::chrono::steady_clock::now();
    while (closed < 12 && milliseconds_since(start) < 3000) {
        std::this_thread::sleep_for(std::chrono::milliseconds{100});
        closed = 0;
        for (const auto& connection : held)
            closed += connection->closed_by_server() ? 1 : 0;
    }
    CHECK(closed == 12);
    // The eight within the limit stay until their deadline (10 s), and other addresses are
    // served meanwhile.
    Browser browser(server);
    CHECK(browser.get("/connexion").status == 200);
    closed = 0;
    for (const auto& connection : held)
        closed += connection->closed_by_server() ? 1 : 0;
    CHECK(closed == 12);
    // Once they are gone, the address is welcome again.
    held.clear();
    std::this_thread::sleep_for(std::chrono::milliseconds{300});
    ClientContext tls;
    test::LoopbackConnection again("127.0.0.40", server.port());
    REQUIRE(again.start_tls(tls.context));
    REQUIRE(again.send("GET /connexion HTTP/1.1\r\n"));
    CHECK(again.send("Host: 127.0.0.1\r\nConnection: close\r\n\r\n"));
    CHECK(again.answer().starts_with("HTTP/1.1 200"));
}
