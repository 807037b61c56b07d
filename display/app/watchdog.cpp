// The service manager's watchdog: when systemd runs the board with WatchdogSec=, it must hear
// from the loop regularly or it restarts the board. The hook is called on every turn of the
// loop (drawing or not), so a loop stuck anywhere, not only in drawing, is noticed.

#include "app.hpp"

#include <chrono>
#include <systemd/sd-daemon.h>

namespace kiosk_display::app {

std::function<void()> service_watchdog()
{
    std::uint64_t interval_us = 0;
    const bool watched = sd_watchdog_enabled(0, &interval_us) > 0;
    if (!watched && sd_booted() <= 0)
        return {};
    // Half the interval between pings, as systemd recommends; READY=1 on the first turn.
    const auto period = std::chrono::microseconds{watched ? interval_us / 2 : 0};
    return [period, watched, ready = false, last = std::chrono::steady_clock::time_point{}]() mutable {
        const auto now = std::chrono::steady_clock::now();
        if (!ready) {
            ready = true;
            (void)sd_notify(0, "READY=1");
        }
        if (watched && now - last >= period) {
            last = now;
            (void)sd_notify(0, "WATCHDOG=1");
        }
    };
}

} // namespace kiosk_display::app
