// The console under load, measured with real parts: `kioskctl serve` on loopback, real TLS.
// Prints, from the same run:
//   - the server's resident memory before and its peak during 32 simultaneous sign-ins (half
//     of them unknown names), each from its own address (127.0.3.x) so that the per-address
//     throttle does not spare the hashing: target peak < 200 MB;
//   - the baseline: a signed-in day page (/jour) and a bare file (/favicon.ico), p50 / p95,
//     over a kept-alive connection, nothing else going on;
//   - the same day page while 50 slow clients hold connections (25 silent TCP connections, 25
//     TLS clients sending a header line every second, each from its own address, reconnecting
//     whenever the server cuts them): target p95 within 2× the baseline.
// Run on a release build:  build/release/benchmarks/bench_console [SECONDS]

#include "build_paths.hpp"
#include "loopback_client.hpp"
#include "process.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <httplib.h>
#include <memory>
#include <openssl/ssl.h>
#include <regex>
#include <stdexcept>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
using Milliseconds = std::chrono::duration<double, std::milli>;

constexpr const char* password = "bonjour-accueil-2026";

const std::map<std::string, std::string> clean_environment{
    {"DISPLAY", ""}, {"KIOSK_DB", ""}, {"KIOSK_CONFIG", ""}};

std::string run(const std::vector<std::string>& arguments, const std::string& input = {})
{
    const auto command = test::command_line(test::kioskctl_program(), arguments);
    const auto result = input.empty()
                            ? test::run_process(command, clean_environment)
                            : test::run_process_with_input(command, input, clean_environment);
    if (result.exit_code != 0)
        throw std::runtime_error(fmt::format("kioskctl {} : {}", arguments.front(), result.err));
    return result.out;
}

struct Spread {
    double p50 = 0, p95 = 0;
};

Spread spread_of(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const auto at = [&](double q) {
        return values[static_cast<std::size_t>(q * static_cast<double>(values.size() - 1))];
    };
    return {at(0.5), at(0.95)};
}

// The cookies a response sets, as one Cookie header.
std::string cookies_of(const std::string& response)
{
    std::string cookies;
    const std::regex set_cookie(R"(\r\nSet-Cookie: ([^=;\r]+=[^;\r]*))", std::regex::icase);
    for (auto it = std::sregex_iterator(response.begin(), response.end(), set_cookie);
         it != std::sregex_iterator(); ++it)
        cookies += (cookies.empty() ? "" : "; ") + (*it)[1].str();
    return cookies;
}

std::string form_token_of(const std::string& html)
{
    std::smatch match;
    if (!std::regex_search(html, match, std::regex(R"(name="form_token" value="([^"]*)\")")))
        throw std::runtime_error("pas de formulaire de connexion");
    return match[1];
}

// One request on a connection of its own from `source`; the whole answer.
std::string request_from(const std::string& source, int port, SSL_CTX* context,
                         const std::string& request)
{
    test::LoopbackConnection connection(source, port);
    if (!connection.start_tls(context) || !connection.send(request))
        throw std::runtime_error("requête impossible depuis " + source);
    return connection.answer();
}

// Signs in from `source` as `name`; the status line of the answer.
std::string sign_in(const std::string& source, int port, SSL_CTX* context,
                    const std::string& name)
{
    const std::string form = request_from(
        source, port, context, "GET /connexion HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    const std::string body = fmt::format("form_token={}&name={}&password={}", form_token_of(form),
                                         name, password);
    const std::string answer = request_from(
        source, port, context,
        fmt::format("POST /connexion HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    "Cookie: {}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                    "Content-Length: {}\r\n\r\n{}",
                    cookies_of(form), body.size(), body));
    return answer.substr(0, answer.find("\r\n"));
}

// 50 slow clients from 127.0.4.1 … 127.0.4.50 until `stop`: half silent, half sending a header
// line every second over TLS; a client the server cut connects again.
void hold_slow_clients(int port, SSL_CTX* context, const std::atomic<bool>& stop,
                       std::atomic<int>& reconnects)
{
    std::vector<std::unique_ptr<test::LoopbackConnection>> clients(50);
    const auto connect = [&](std::size_t i) {
        try {
            auto client =
                std::make_unique<test::LoopbackConnection>(fmt::format("127.0.4.{}", i + 1), port);
            if (i % 2 == 1) {
                if (!client->start_tls(context))
                    return;
                client->send("GET /jour HTTP/1.1\r\n");
            }
            clients[i] = std::move(client);
        } catch (const std::exception&) {
            clients[i].reset();
        }
    };
    for (std::size_t i = 0; i < clients.size(); ++i)
        connect(i);
    auto next_line = Clock::now() + std::chrono::seconds{1};
    while (!stop) {
        std::this_thread::sleep_for(std::chrono::milliseconds{100});
        const bool line_due = Clock::now() >= next_line;
        if (line_due)
            next_line += std::chrono::seconds{1};
        for (std::size_t i = 0; i < clients.size(); ++i) {
            if (!clients[i] || clients[i]->closed_by_server()) {
                ++reconnects;
                connect(i);
            } else if (line_due && i % 2 == 1) {
                clients[i]->send("X-Lent: 1\r\n");
            }
        }
    }
}

std::vector<double> time_requests(httplib::SSLClient& client, const std::string& path,
                                  const httplib::Headers& headers, int count)
{
    std::vector<double> times;
    for (int i = 0; i < count; ++i) {
        const auto started = Clock::now();
        const auto answer = client.Get(path.c_str(), headers);
        if (!answer || answer->status != 200)
            throw std::runtime_error(fmt::format("{} : pas de réponse 200", path));
        times.push_back(Milliseconds(Clock::now() - started).count());
    }
    return times;
}

} // namespace

int main(int argc, char** argv)
{
    const int seconds = argc > 1 ? std::atoi(argv[1]) : 20;
    std::signal(SIGPIPE, SIG_IGN);
    char folder_template[] = "/tmp/bench-console-XXXXXX";
    const std::filesystem::path folder = mkdtemp(folder_template);
    const std::string database = (folder / "site.db").string();
    const std::string day = "2026-11-26";
    const std::string at = day + " 14:20";

    run({"--db", database, "init"});
    for (int i = 0; i < 12; ++i)
        run({"--db", database, "--at", at, "session", "add", "--site", "rennes", "--kind",
             "atelier", "--title", fmt::format("Atelier numérique {}", i + 1), "--start",
             fmt::format("{} {:02}:00", day, 9 + i % 9), "--end",
             fmt::format("{:02}:30", 10 + i % 9), "--room", "Salle Bréhat"});
    // 17 accounts: "accueil" for the browser, 16 for the sign-ins at once (the throttle holds
    // simultaneous attempts on one name, rightly).
    for (int i = 0; i <= 16; ++i)
        run({"--db", database, "staff", "add", i == 0 ? "accueil" : fmt::format("equipe{}", i),
             "--role", "staff"},
            std::string(password) + "\n");

    const auto log = (folder / "serve.log").string();
    test::BackgroundProcess serve(
        test::command_line(
            test::kioskctl_program(),
            {"--db", database, "--at", at, "serve", "--site", "rennes", "--listen", "127.0.0.1:0"}),
        log, clean_environment);
    int port = 0;
    const std::regex line(R"(console : https://127\.0\.0\.1:(\d+)/)");
    for (int tries = 0; tries < 600 && port == 0; ++tries) {
        std::smatch match;
        const std::string text = test::read_file(log);
        if (std::regex_search(text, match, line))
            port = std::stoi(match[1]);
        else
            std::this_thread::sleep_for(std::chrono::milliseconds{50});
    }
    if (port == 0)
        throw std::runtime_error("kioskctl serve n'a pas démarré : " + test::read_file(log));

    SSL_CTX* context = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nullptr);

    // Memory: 32 sign-ins at once, 16 right (16 names) and 16 unknown names, each from its own
    // address.
    const double resident_before = test::memory_mb(serve.pid(), "VmRSS");
    std::vector<std::thread> signing;
    std::atomic<int> signed_in{0}, refused{0}, busy{0}, throttled{0};
    const auto sign_ins_started = Clock::now();
    for (int i = 0; i < 32; ++i)
        signing.emplace_back([&, i] {
            const auto status = sign_in(fmt::format("127.0.3.{}", i + 1), port, context,
                                        i % 2 == 0 ? fmt::format("equipe{}", i / 2 + 1)
                                                   : fmt::format("inconnu{}", i));
            if (status.find(" 303") != std::string::npos)
                ++signed_in;
            else if (status.find(" 503") != std::string::npos)
                ++busy;
            else if (status.find(" 429") != std::string::npos)
                ++throttled;
            else
                ++refused;
        });
    for (auto& thread : signing)
        thread.join();
    const double sign_ins_seconds =
        std::chrono::duration<double>(Clock::now() - sign_ins_started).count();
    const double peak = test::memory_mb(serve.pid(), "VmHWM");

    // A signed-in browser on 127.0.0.1.
    httplib::SSLClient browser("127.0.0.1", port);
    browser.enable_server_certificate_verification(false);
    browser.set_keep_alive(true);
    browser.set_tcp_nodelay(true);
    browser.set_read_timeout(std::chrono::seconds{30});
    const auto form = browser.Get("/connexion");
    std::string cookie;
    for (const auto& [name, value] : form->headers)
        if (name == "Set-Cookie")
            cookie += (cookie.empty() ? "" : "; ") + value.substr(0, value.find(';'));
    const auto signed_in_answer = browser.Post(
        "/connexion", {{"Cookie", cookie}},
        fmt::format("form_token={}&name=accueil&password={}", form_token_of(form->body), password),
        "application/x-www-form-urlencoded");
    if (!signed_in_answer || signed_in_answer->status != 303)
        throw std::runtime_error("connexion du navigateur refusée");
    cookie = signed_in_answer->get_header_value("Set-Cookie");
    const httplib::Headers headers{{"Cookie", cookie.substr(0, cookie.find(';'))}};

    time_requests(browser, "/jour", headers, 20); // warm
    const auto bare = spread_of(time_requests(browser, "/favicon.ico", {}, 200));
    const auto quiet = spread_of(time_requests(browser, "/jour", headers, 200));

    std::atomic<bool> stop{false};
    std::atomic<int> reconnects{0};
    std::thread slow([&] { hold_slow_clients(port, context, stop, reconnects); });
    std::this_thread::sleep_for(std::chrono::seconds{1});
    std::vector<double> loaded_times;
    const auto loaded_until = Clock::now() + std::chrono::seconds{seconds};
    while (Clock::now() < loaded_until) {
        const auto more = time_requests(browser, "/jour", headers, 10);
        loaded_times.insert(loaded_times.end(), more.begin(), more.end());
        std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
    stop = true;
    slow.join();
    const auto loaded = spread_of(loaded_times);
    SSL_CTX_free(context);
    serve.stop();

    fmt::print("bench_console (kioskctl serve, loopback, TLS)\n");
    fmt::print("  32 sign-ins at once (16 right, 16 unknown names, 32 addresses): "
               "{} signed in, {} refused, {} asked to wait (429), {} to retry (503), in {:.1f} s\n",
               signed_in.load(), refused.load(), throttled.load(), busy.load(), sign_ins_seconds);
    fmt::print("    server memory: {:.0f} MB before, peak {:.0f} MB (target < 200 MB)\n",
               resident_before, peak);
    fmt::print("  baseline, nothing else going on: /favicon.ico p50 {:.2f} ms p95 {:.2f} ms; "
               "/jour signed in p50 {:.2f} ms p95 {:.2f} ms\n",
               bare.p50, bare.p95, quiet.p50, quiet.p95);
    fmt::print("  /jour while 50 slow clients hold connections ({} s, {} requests, the server "
               "cut and they reconnected {} times): p50 {:.2f} ms p95 {:.2f} ms, p95 = {:.2f}× "
               "the baseline (target ≤ 2×)\n",
               seconds, loaded_times.size(), reconnects.load(), loaded.p50, loaded.p95,
               loaded.p95 / quiet.p95);
    std::filesystem::remove_all(folder);
    return 0;
}
