#include "kiosk/platform/service_notifier.hpp"

#include <cstdlib>
#include <systemd/sd-daemon.h>

namespace kiosk {

ServiceNotifier ServiceNotifier::from_environment()
{
    std::uint64_t interval_us = 0;
    // WATCHDOG_PID names the process the watchdog is meant for: a child that inherited the
    // environment must not ping on its parent's behalf.
    const bool watched = sd_watchdog_enabled(0, &interval_us) > 0 && interval_us > 0;
    const char* socket = std::getenv("NOTIFY_SOCKET");
    const bool managed = socket != nullptr && *socket != '\0';
    // Half the interval, as systemd recommends, so one late turn is not yet a restart.
    return ServiceNotifier(managed, std::chrono::microseconds{watched ? interval_us / 2 : 0});
}

void ServiceNotifier::loop_turned(TimePoint now)
{
    if (!managed_)
        return;
    if (!ready_sent_) {
        ready_sent_ = true;
        (void)sd_notify(0, "READY=1");
    }
    if (watched() && (last_ping_ == TimePoint{} || now - last_ping_ >= ping_period_)) {
        last_ping_ = now;
        (void)sd_notify(0, "WATCHDOG=1");
    }
}

void ServiceNotifier::stopping()
{
    if (managed_)
        (void)sd_notify(0, "STOPPING=1");
}

} // namespace kiosk
