#pragma once

// Tells the service manager (systemd, Type=notify) that a program is ready, then that its main
// loop still turns. Used by the board and the camera process alike.

#include <chrono>
#include <string_view>

namespace kiosk {

class ServiceNotifier {
public:
    using TimePoint = std::chrono::steady_clock::time_point;

    // Reads what systemd sets: NOTIFY_SOCKET, and WATCHDOG_USEC with WATCHDOG_PID when the
    // unit has WatchdogSec=. Outside systemd every call does nothing.
    [[nodiscard]] static ServiceNotifier from_environment();

    // Called on every turn of the main loop, drawing or idle, with the turn's monotonic time;
    // never from a timer or another thread. READY=1 goes out at the first turn, WATCHDOG=1 once
    // half the watchdog interval has passed since the last one. So a loop stuck anywhere stops
    // the pings, and systemd restarts the program.
    void loop_turned(TimePoint now);

    // STOPPING=1: a deliberate shutdown is not a hang.
    void stopping();

    [[nodiscard]] bool watched() const { return ping_period_.count() > 0; }
    [[nodiscard]] std::chrono::microseconds ping_period() const { return ping_period_; }

private:
    ServiceNotifier(bool managed, std::chrono::microseconds ping_period)
        : managed_(managed)
        , ping_period_(ping_period)
    {
    }

    bool managed_ = false;
    std::chrono::microseconds ping_period_{0};
    bool ready_sent_ = false;
    TimePoint last_ping_{};
};

} // namespace kiosk
