// The service watchdog rule, against a real datagram socket set in NOTIFY_SOCKET as systemd
// does: pings follow the loop's turns, so a loop that stops turning stops the pings.

#include "kiosk/platform/service_notifier.hpp"
#include "temp_dir.hpp"

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <poll.h>
#include <string>
#include <sys/socket.h>
#include <sys/un.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using namespace std::chrono_literals;

// The service manager's end: a bound datagram socket and the environment pointing to it.
class FakeServiceManager {
public:
    explicit FakeServiceManager(std::chrono::microseconds watchdog)
    {
        path_ = (dir_ / "notify").string();
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        REQUIRE(path_.size() < sizeof address.sun_path);
        path_.copy(address.sun_path, path_.size());
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
        ::setenv("NOTIFY_SOCKET", path_.c_str(), 1);
        ::setenv("WATCHDOG_USEC", std::to_string(watchdog.count()).c_str(), 1);
        ::setenv("WATCHDOG_PID", std::to_string(::getpid()).c_str(), 1);
    }
    ~FakeServiceManager()
    {
        ::unsetenv("NOTIFY_SOCKET");
        ::unsetenv("WATCHDOG_USEC");
        ::unsetenv("WATCHDOG_PID");
        ::close(fd_);
    }
    FakeServiceManager(const FakeServiceManager&) = delete;
    FakeServiceManager& operator=(const FakeServiceManager&) = delete;

    // Every message received within `window`.
    std::vector<std::string> receive_for(std::chrono::milliseconds window)
    {
        std::vector<std::string> messages;
        const auto until = std::chrono::steady_clock::now() + window;
        for (auto now = std::chrono::steady_clock::now(); now < until;
             now = std::chrono::steady_clock::now()) {
            pollfd waiting{fd_, POLLIN, 0};
            const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - now);
            if (::poll(&waiting, 1, static_cast<int>(left.count()) + 1) <= 0)
                continue;
            char buffer[256];
            const auto size = ::recv(fd_, buffer, sizeof buffer, 0);
            if (size > 0)
                messages.emplace_back(buffer, static_cast<std::size_t>(size));
        }
        return messages;
    }

private:
    test::TempDir dir_;
    std::string path_;
    int fd_ = -1;
};

long count_of(const std::vector<std::string>& messages, const std::string& message)
{
    long count = 0;
    for (const auto& received : messages)
        count += received == message;
    return count;
}

} // namespace

TEST_CASE("The notifier says READY once, then pings at half the watchdog interval of the loop's time",
          "[service]")
{
    FakeServiceManager manager(200ms);
    auto notifier = kiosk::ServiceNotifier::from_environment();
    REQUIRE(notifier.watched());
    CHECK(notifier.ping_period() == 100ms);

    const auto start = std::chrono::steady_clock::time_point{} + 1h;
    notifier.loop_turned(start);
    CHECK(manager.receive_for(50ms) == std::vector<std::string>{"READY=1", "WATCHDOG=1"});
    notifier.loop_turned(start + 40ms);
    notifier.loop_turned(start + 99ms);
    CHECK(manager.receive_for(50ms).empty()); // too soon after the last ping
    notifier.loop_turned(start + 100ms);
    CHECK(manager.receive_for(50ms) == std::vector<std::string>{"WATCHDOG=1"});
    notifier.stopping();
    CHECK(manager.receive_for(50ms) == std::vector<std::string>{"STOPPING=1"});
}

TEST_CASE("A loop that stops turning stops the pings, and they come back when it turns again",
          "[service]")
{
    FakeServiceManager manager(100ms); // pings every 50 ms while the loop turns
    auto notifier = kiosk::ServiceNotifier::from_environment();
    std::atomic<bool> stalled{false};
    std::atomic<bool> finished{false};
    std::thread loop([&] {
        while (!finished) {
            while (stalled && !finished)
                std::this_thread::sleep_for(1ms); // stuck: no turn, as in a hung call
            notifier.loop_turned(std::chrono::steady_clock::now());
            std::this_thread::sleep_for(5ms);
        }
    });

    const auto turning = manager.receive_for(400ms);
    CHECK(count_of(turning, "READY=1") == 1);
    CHECK(count_of(turning, "WATCHDOG=1") >= 4);

    stalled = true;
    (void)manager.receive_for(30ms); // a ping already on its way
    const auto during_stall = manager.receive_for(500ms);
    CHECK(during_stall.empty());

    stalled = false;
    const auto resumed = manager.receive_for(200ms);
    CHECK(count_of(resumed, "WATCHDOG=1") >= 1);
    CHECK(count_of(resumed, "READY=1") == 0);
    finished = true;
    loop.join();
}

TEST_CASE("Outside systemd the notifier sends nothing and watches nothing", "[service]")
{
    ::unsetenv("NOTIFY_SOCKET");
    ::unsetenv("WATCHDOG_USEC");
    auto notifier = kiosk::ServiceNotifier::from_environment();
    CHECK_FALSE(notifier.watched());
    notifier.loop_turned(std::chrono::steady_clock::now()); // must not fail
}
