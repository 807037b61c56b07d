#include "kiosk/base/time.hpp"

#include <sys/timex.h>

namespace kiosk {

ClockTrust system_clock_trust(Instant now)
{
    if (local_day(now).year() < date::year{2025})
        return ClockTrust::Unsynchronised;
    timex status{};
    const int state = ntp_adjtime(&status);
    if (state == TIME_ERROR || (status.status & STA_UNSYNC) != 0)
        return ClockTrust::Unsynchronised;
    return ClockTrust::Synchronised;
}

ClockTrust Clock::trust() const
{
    if (frozen_)
        return ClockTrust::Synchronised;
    return system_clock_trust(now());
}

} // namespace kiosk
