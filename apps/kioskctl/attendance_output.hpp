#pragma once

#include "kiosk/reports/attendance.hpp"

#include <string>

namespace kioskctl {

// `attendance --format table`: the sessions, then totals per day, per site and overall, the
// arrival curve and the refusals, aligned for a terminal.
[[nodiscard]] std::string attendance_table(const kiosk::AttendanceReport& report);

} // namespace kioskctl
