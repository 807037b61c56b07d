// Slow and idle clients against the real `kioskctl serve` on loopback: connections that send
// nothing, or their headers a line at a time, from other loopback addresses (127.0.0.0/8 is all
// this machine's), while a browser on 127.0.0.1 keeps working.

#include "console_site.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

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

// A TCP connection to the console from `source` (an address of 127.0.0.0/8).
class Connection {
public:
    Connection(const std::string& source, int port) : socket_(::socket(AF_INET, SOCK_STREAM, 0))
    {
        REQUIRE(socket_ >= 0);
        const timeval patience{5, 0};
        setsockopt(socket_, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);
        sockaddr_in from{};
        from.sin_family = AF_INET;
        REQUIRE(inet_pton(AF_INET, source.c_str(), &from.sin_addr) == 1);
        REQUIRE(::bind(socket_, reinterpret_cast<sockaddr*>(&from), sizeof from) == 0);
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(static_cast<std::uint16_t>(port));
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(socket_, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0);
    }
    ~Connection()
    {
        if (tls_ != nullptr)
            SSL_free(tls_);
        ::close(socket_);
    }
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Completes the TLS handshake (the certificate is not the point here) and starts a request.
    void start_request(SSL_CTX* context)
    {
        tls_ = SSL_new(context);
        SSL_set_fd(tls_, socket_);
        REQUIRE(SSL_connect(tls_) == 1);
        send("GET /connexion HTTP/1.1\r\n");
    }

    // One more header line, as a slow client sends it; false once the server has cut us off.
    bool send(const std::string& line)
    {
        if (tls_ != nullptr)
            return SSL_write(tls_, line.data(), static_cast<int>(line.size())) > 0;
        return ::send(socket_, line.data(), line.size(), MSG_NOSIGNAL) > 0;
    }

    // What the server answers, up to its end of the connection.
    std::string answer()
    {
        std::string text;
        char buffer[4096];
        int got = 0;
        while ((got = SSL_read(tls_, buffer, sizeof buffer)) > 0)
            text.append(buffer, static_cast<std::size_t>(got));
        return text;
    }

    // Whether the server has closed its side (a read gives end of file or an error). Over TLS,
    // the bytes waiting may be the server's session tickets, not an answer: TLS reads them.
    [[nodiscard]] bool closed_by_server() const
    {
        pollfd ready{socket_, POLLIN, 0};
        if (::poll(&ready, 1, 0) <= 0)
            return false;
        if (tls_ == nullptr) {
            char byte = 0;
            return ::recv(socket_, &byte, 1, MSG_DONTWAIT | MSG_PEEK) <= 0;
        }
        const int flags = fcntl(socket_, F_GETFL);
        fcntl(socket_, F_SETFL, flags | O_NONBLOCK);
        char byte = 0;
        const int got = SSL_peek(tls_, &byte, 1);
        const int error = SSL_get_error(tls_, got);
        fcntl(socket_, F_SETFL, flags);
        return got <= 0 && error != SSL_ERROR_WANT_READ;
    }

private:
    int socket_;
    SSL* tls_ = nullptr;
};

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
    std::vector<std::unique_ptr<Connection>> idle;
    for (int i = 0; i < 50; ++i)
        idle.push_back(
            std::make_unique<Connection>(fmt::format("127.0.0.{}", 2 + i % 10), server.port()));
    std::vector<std::unique_ptr<Connection>> slow;
    for (int i = 0; i < 8; ++i) {
        slow.push_back(
            std::make_unique<Connection>(fmt::format("127.0.1.{}", 1 + i), server.port()));
        slow.back()->start_request(tls.context);
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

    std::vector<std::unique_ptr<Connection>> held;
    for (int i = 0; i < 20; ++i)
        held.push_back(std::make_unique<Connection>("127.0.0.40", server.port()));
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
    Connection again("127.0.0.40", server.port());
    again.start_request(tls.context);
    CHECK(again.send("Host: 127.0.0.1\r\nConnection: close\r\n\r\n"));
    CHECK(again.answer().starts_with("HTTP/1.1 200"));
}
