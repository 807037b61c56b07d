#pragma once

// Attendance as files for other programs: CSV for a spreadsheet, JSON for scripts and the
// console. Both layouts are stable and documented in the README; change them only by adding.

#include "kiosk/reports/attendance.hpp"
#include "kiosk/reports/labels.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace kiosk {

// RFC 4180: one row per session, a header, CRLF line ends, UTF-8 with a byte-order mark so
// that spreadsheets opening it by double-click keep the accents.
[[nodiscard]] std::string attendance_csv(const AttendanceReport& report);

[[nodiscard]] nlohmann::ordered_json attendance_json(const AttendanceReport& report);

} // namespace kiosk
