#pragma once

// What the three platforms' readers share: the file decoded and cut into rows, columns found by
// name, times and durations as the platforms write them, and rows gathered into participants.

#include "base/csv_records.hpp"
#include "kiosk/reports/online_attendance.hpp"

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace kiosk::online {

// The export as UTF-8 rows: BOM and UTF-16 handled, separator guessed (tab, comma, semicolon),
// bounds checked (size, lines, each field's length), cells trimmed. Blank lines are skipped.
[[nodiscard]] tl::expected<std::vector<Record>, ExportProblem> export_rows(std::string_view bytes);

// The index of the first cell of `row` named one of `names` (case and spaces aside).
[[nodiscard]] std::optional<std::size_t> column_of(const Record& row,
                                                   std::initializer_list<std::string_view> names);
[[nodiscard]] bool cell_is(const Record& row, std::size_t index, std::string_view name);
[[nodiscard]] std::string cell(const Record& row, std::optional<std::size_t> index);

// "11/26/2026 02:29:03 PM" (Zoom, Teams in English: month first), "11/26/26, 2:29:03 PM",
// "26/11/2026 14:29:03" (day first when there is no AM/PM), "2026-11-26 14:29:03"; read as
// Europe/Paris local time.
[[nodiscard]] std::optional<Instant> parse_export_time(std::string_view text);
// "1h 5m 3s" (Teams), "1 hr 5 min" (Meet), "01:05:03", or a number of minutes (Zoom).
[[nodiscard]] std::optional<int> parse_duration_seconds(std::string_view text);

// One row of attendance, before the rows of one person are put together.
struct AttendanceRow {
    std::string name = {};
    std::string first_name = {};
    std::string last_name = {};
    std::string email = {};
    std::optional<TimeInterval> interval = {};
    int seconds = 0; // the row's duration, when it gives no interval
    int line = 0;
    bool organiser = false;
};

// Rows of one person gathered (same e-mail, else same folded name): minutes from the union of
// their intervals when every row has one, else the sum of the durations.
[[nodiscard]] std::vector<OnlineParticipant> gather(const std::vector<AttendanceRow>& rows);

// "il manque la colonne « X »", refused for the platform named.
[[nodiscard]] ExportProblem missing_columns(MeetingPlatform platform, int line,
                                            const std::vector<std::string>& missing);

[[nodiscard]] tl::expected<AttendanceExport, ExportProblem>
read_zoom(const std::vector<Record>& rows, std::size_t header);
[[nodiscard]] tl::expected<AttendanceExport, ExportProblem>
read_teams(const std::vector<Record>& rows, std::size_t header);
[[nodiscard]] tl::expected<AttendanceExport, ExportProblem>
read_meet(const std::vector<Record>& rows, std::size_t header);

} // namespace kiosk::online
