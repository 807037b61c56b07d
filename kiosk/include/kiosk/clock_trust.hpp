#pragma once

#include "kiosk/checkin.hpp"
#include "kiosk/time.hpp"

namespace kiosk {

// Whether the system clock can be believed: not when it reads a year before the software
// existed (a board without a real-time clock, booted offline), nor when the kernel says it is
// not synchronised (ntp_adjtime reports TIME_ERROR or STA_UNSYNC).
[[nodiscard]] ClockTrust system_clock_trust(Instant now);

} // namespace kiosk
