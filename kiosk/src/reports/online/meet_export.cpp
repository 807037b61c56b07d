// Google Meet's attendance report (Workspace: the sheet sent to the organiser after the call,
// downloaded as CSV): First name, Last name, Email, Duration ("1 hr 5 min"), Time joined,
// Time exited — one row per person, first arrival and last departure, without the day. The
// sheet says nothing of the meeting, so the session cannot be checked against it.

#include "export_table.hpp"

namespace kiosk::online {

tl::expected<AttendanceExport, ExportProblem> read_meet(const std::vector<Record>& rows,
                                                        std::size_t header)
{
    AttendanceExport report;
    report.platform = MeetingPlatform::Meet;
    const auto& head = rows[header];
    const auto first = column_of(head, {"First name", "Prénom"});
    const auto last = column_of(head, {"Last name", "Nom"});
    const auto email = column_of(head, {"Email", "Adresse e-mail"});
    const auto duration = column_of(head, {"Duration", "Durée"});
    std::vector<std::string> missing;
    for (const auto& [found, column] :
         {std::pair{first, "First name"}, std::pair{last, "Last name"}, std::pair{email, "Email"},
          std::pair{duration, "Duration"}})
        if (!found)
            missing.emplace_back(column);
    if (!missing.empty())
        return tl::unexpected(missing_columns(MeetingPlatform::Meet, head.front().line, missing));

    std::vector<AttendanceRow> attendance;
    for (std::size_t index = header + 1; index < rows.size(); ++index) {
        const auto& row = rows[index];
        AttendanceRow read;
        read.line = row.front().line;
        read.first_name = cell(row, first);
        read.last_name = cell(row, last);
        read.email = cell(row, email);
        if (read.first_name.empty() && read.last_name.empty() && read.email.empty())
            return tl::unexpected(
                ExportProblem{read.line, "First name", "participant sans nom ni e-mail"});
        const auto seconds = parse_duration_seconds(cell(row, duration));
        if (!seconds)
            return tl::unexpected(ExportProblem{
                read.line, "Duration", "durée illisible : « " + cell(row, duration) + " »"});
        read.seconds = *seconds;
        attendance.push_back(std::move(read));
    }
    report.participants = gather(attendance);
    return report;
}

} // namespace kiosk::online
