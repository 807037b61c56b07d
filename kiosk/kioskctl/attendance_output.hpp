#pragma once

#include "kiosk/attendance.hpp"

#include <string>

namespace kioskctl {

// `attendance --format table`: the sessions, then totals per day, per site and overall, the
// arrival curve and the refusals, aligned for a terminal.
[[nodiscard]] std::string attendance_table(const kiosk::AttendanceReport& report);

// "Rennes, jeudi 26 novembre 2026", "tous les sites, du 2026-11-01 au 2026-11-30".
[[nodiscard]] std::string scope_title(const kiosk::AttendanceScope& scope);

} // namespace kioskctl
