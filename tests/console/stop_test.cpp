// Stopping the console whatever it is doing: `kioskctl serve` stops it from the thread that
// takes SIGTERM, which may come before the server has started listening (systemd stopping a
// console that has just started). A stop asked then must not be lost.

#include "build_paths.hpp"
#include "kiosk_console/console.hpp"
#include "kioskctl.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <future>
#include <thread>

namespace {

kiosk_console::ConsoleOptions loopback_console(const test::Kioskctl& kioskctl)
{
    kiosk_console::ConsoleOptions options;
    options.database = kioskctl.database();
    options.site = "rennes";
    options.port = 0;
    options.plain_port = 0;
    options.certificate = kioskctl.dir() / "console-cert.pem";
    options.private_key = kioskctl.dir() / "console-key.pem";
    options.assets = std::filesystem::path(test::source_dir()) / "assets/console";
    return options;
}

// Runs the console on another thread; true when run() has returned within ten seconds.
bool run_ends(kiosk_console::Console& console, const std::function<void()>& meanwhile)
{
    auto ran = std::async(std::launch::async, [&console] { console.run(); });
    meanwhile();
    const bool ended = ran.wait_for(std::chrono::seconds{10}) == std::future_status::ready;
    if (!ended)
        console.stop(); // a second stop, once it listens, so that a failing test still ends
    return ended;
}

} // namespace

TEST_CASE("a stop asked before the console listens ends its run at once", "[console]")
{
    test::Kioskctl kioskctl;
    kioskctl.ok({"init"});
    kiosk_console::Console console(loopback_console(kioskctl));
    REQUIRE(console.bind() > 0);
    REQUIRE(console.plain_port() > 0);
    console.stop();
    CHECK(run_ends(console, [] {}));
}

TEST_CASE("a stop asked while the console starts listening is never lost", "[console]")
{
    test::Kioskctl kioskctl;
    kioskctl.ok({"init"});
    // The stop lands anywhere from before run() begins to after both ports listen.
    for (int attempt = 0; attempt < 20; ++attempt) {
        INFO("attempt " << attempt);
        kiosk_console::Console console(loopback_console(kioskctl));
        REQUIRE(console.bind() > 0);
        CHECK(run_ends(console, [&console, attempt] {
            std::this_thread::sleep_for(std::chrono::microseconds{attempt * 250});
            console.stop();
        }));
    }
}
