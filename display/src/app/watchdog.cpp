// The service manager's watchdog: when systemd runs the board with WatchdogSec=, it must hear
// from the loop regularly or it restarts the board. The hook is called on every turn of the
// loop (drawing or not), so a loop stuck anywhere, not only in drawing, is noticed. The rule
// itself (READY=1 first, WATCHDOG=1 at half the interval) is the core's ServiceNotifier,
// shared with the camera process.

#include "kiosk/platform/service_notifier.hpp"
#include "kiosk_display/app.hpp"

namespace kiosk_display::app {

std::function<void()> service_watchdog()
{
    auto notifier = kiosk::ServiceNotifier::from_environment();
    return [notifier]() mutable { notifier.loop_turned(std::chrono::steady_clock::now()); };
}

} // namespace kiosk_display::app
