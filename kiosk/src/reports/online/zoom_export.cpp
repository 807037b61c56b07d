// Zoom's participants report (Reports > Usage > Participants, "Export with meeting data"): a
// meeting block (Meeting ID, Topic, Start Time, End Time, User Email of the host…), a blank
// line, then one row per connection: Name (Original Name), User Email, Join Time, Leave Time,
// Duration (Minutes), Guest. A participant who reconnects has one row per connection.

#include "export_table.hpp"

#include <fmt/format.h>

namespace kiosk::online {
namespace {

std::string lowered(std::string text)
{
    for (char& c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

} // namespace

tl::expected<AttendanceExport, ExportProblem> read_zoom(const std::vector<Record>& rows,
                                                        std::size_t header)
{
    AttendanceExport report;
    report.platform = MeetingPlatform::Zoom;
    std::string host_email;
    for (std::size_t index = 0; index + 1 < header; ++index) {
        const auto topic = column_of(rows[index], {"Topic", "Sujet"});
        const auto start = column_of(rows[index], {"Start Time", "Heure de début"});
        if (!topic || !start)
            continue;
        const auto& values = rows[index + 1];
        report.title = cell(values, topic);
        report.started = parse_export_time(cell(values, start));
        report.ended = parse_export_time(cell(values, column_of(rows[index], {"End Time"})));
        host_email = lowered(cell(values, column_of(rows[index], {"User Email"})));
        if (!report.started)
            return tl::unexpected(ExportProblem{values.front().line, "Start Time",
                                                "heure de début de la réunion illisible"});
    }
    const auto& head = rows[header];
    const auto name = column_of(head, {"Name (Original Name)", "Name", "Nom (nom d'origine)"});
    const auto email = column_of(head, {"User Email", "Adresse e-mail de l'utilisateur"});
    const auto join = column_of(head, {"Join Time", "Heure d'arrivée"});
    const auto leave = column_of(head, {"Leave Time", "Heure de départ"});
    const auto duration = column_of(head, {"Duration (Minutes)", "Durée (minutes)"});
    std::vector<std::string> missing;
    if (!name)
        missing.emplace_back("Name (Original Name)");
    if (!email)
        missing.emplace_back("User Email");
    if (!join)
        missing.emplace_back("Join Time");
    if (!leave)
        missing.emplace_back("Leave Time");
    if (!duration)
        missing.emplace_back("Duration (Minutes)");
    if (!missing.empty())
        return tl::unexpected(missing_columns(MeetingPlatform::Zoom, head.front().line, missing));

    std::vector<AttendanceRow> attendance;
    for (std::size_t index = header + 1; index < rows.size(); ++index) {
        const auto& row = rows[index];
        const int line = row.front().line;
        if (row.size() < head.size())
            return tl::unexpected(ExportProblem{
                line, "", fmt::format("{} colonne(s) au lieu de {}", row.size(), head.size())});
        AttendanceRow read;
        read.line = line;
        read.name = cell(row, name);
        read.email = cell(row, email);
        if (read.name.empty() && read.email.empty())
            return tl::unexpected(
                ExportProblem{line, "Name (Original Name)", "participant sans nom ni e-mail"});
        const auto from = parse_export_time(cell(row, join));
        if (!from)
            return tl::unexpected(ExportProblem{line, "Join Time", "heure illisible"});
        const auto to = parse_export_time(cell(row, leave));
        if (!to || *to < *from)
            return tl::unexpected(
                ExportProblem{line, "Leave Time", "heure illisible ou avant l'arrivée"});
        const auto seconds = parse_duration_seconds(cell(row, duration));
        if (!seconds)
            return tl::unexpected(ExportProblem{line, "Duration (Minutes)", "durée illisible"});
        read.interval = TimeInterval{*from, *to};
        read.seconds = *seconds;
        read.organiser = !host_email.empty() && lowered(read.email) == host_email;
        attendance.push_back(std::move(read));
    }
    report.participants = gather(attendance);
    return report;
}

} // namespace kiosk::online
