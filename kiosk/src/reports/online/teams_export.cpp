// Microsoft Teams's attendance report (the meeting's Attendance tab, Download): UTF-16LE, tabs,
// in sections. "1. Summary" holds key–value rows (Meeting title, Start time, End time…);
// "2. Participants" one row per person: Name, First Join, Last Leave, In-Meeting Duration,
// Email, Participant ID (UPN), Role; "3. In-Meeting Activities", when there, one row per
// connection: Name, Join Time, Leave Time, Duration, Email, Role. Connections give the minutes
// (overlaps counted once); without them, In-Meeting Duration does.

#include "export_table.hpp"

#include <cctype>
#include <fmt/format.h>

namespace kiosk::online {
namespace {

bool section_title(const Record& row)
{
    const auto& text = row.front().text;
    return row.size() <= 2 && text.size() > 3 &&
           std::isdigit(static_cast<unsigned char>(text[0])) &&
           text.find(". ") != std::string::npos;
}

bool organiser_role(const std::string& role)
{
    return role == "Organizer" || role == "Organiser" || role == "Organisateur" ||
           role == "Co-organizer" || role == "Coorganisateur";
}

// The summary's value for one of `keys`, in the rows before the participants.
std::string summary_value(const std::vector<Record>& rows, std::size_t header,
                          std::initializer_list<std::string_view> keys, int& line)
{
    for (std::size_t index = 0; index < header; ++index)
        if (rows[index].size() >= 2 && column_of(rows[index], keys) == std::size_t{0}) {
            line = rows[index].front().line;
            return rows[index][1].text;
        }
    return {};
}

std::string email_of(const Record& row, std::optional<std::size_t> email,
                     std::optional<std::size_t> upn)
{
    auto address = cell(row, email);
    if (address.empty() && cell(row, upn).find('@') != std::string::npos)
        address = cell(row, upn);
    return address;
}

} // namespace

tl::expected<AttendanceExport, ExportProblem> read_teams(const std::vector<Record>& rows,
                                                         std::size_t header)
{
    AttendanceExport report;
    report.platform = MeetingPlatform::Teams;
    int line = 0;
    report.title = summary_value(rows, header,
                                 {"Meeting title", "Meeting Title", "Titre de la réunion"}, line);
    const auto start =
        summary_value(rows, header, {"Start time", "Meeting Start Time", "Heure de début"}, line);
    if (!start.empty() && !(report.started = parse_export_time(start)))
        return tl::unexpected(
            ExportProblem{line, "Start time", "heure illisible : « " + start + " »"});
    const auto end =
        summary_value(rows, header, {"End time", "Meeting End Time", "Heure de fin"}, line);
    if (!end.empty() && !(report.ended = parse_export_time(end)))
        return tl::unexpected(ExportProblem{line, "End time", "heure illisible : « " + end + " »"});

    const auto& head = rows[header];
    const auto name = column_of(head, {"Name", "Nom"});
    const auto duration = column_of(head, {"In-Meeting Duration", "Durée de la réunion"});
    const auto email = column_of(head, {"Email", "E-mail", "Adresse e-mail"});
    const auto upn = column_of(head, {"Participant ID (UPN)", "ID du participant (UPN)"});
    const auto role = column_of(head, {"Role", "Rôle"});
    std::vector<std::string> missing;
    for (const auto& [found, column] :
         {std::pair{name, "Name"}, std::pair{duration, "In-Meeting Duration"},
          std::pair{email, "Email"}, std::pair{role, "Role"}})
        if (!found)
            missing.emplace_back(column);
    if (!missing.empty())
        return tl::unexpected(missing_columns(MeetingPlatform::Teams, head.front().line, missing));

    std::vector<AttendanceRow> per_person;
    std::size_t index = header + 1;
    for (; index < rows.size() && !section_title(rows[index]); ++index) {
        const auto& row = rows[index];
        AttendanceRow read;
        read.line = row.front().line;
        read.name = cell(row, name);
        read.email = email_of(row, email, upn);
        read.organiser = organiser_role(cell(row, role));
        if (read.name.empty() && read.email.empty())
            return tl::unexpected(
                ExportProblem{read.line, "Name", "participant sans nom ni e-mail"});
        const auto seconds = parse_duration_seconds(cell(row, duration));
        if (!seconds)
            return tl::unexpected(
                ExportProblem{read.line, "In-Meeting Duration",
                              "durée illisible : « " + cell(row, duration) + " »"});
        read.seconds = *seconds;
        per_person.push_back(std::move(read));
    }

    // The connections, when the report has them.
    std::vector<AttendanceRow> connections;
    for (; index < rows.size(); ++index) {
        const auto join = column_of(rows[index], {"Join Time", "Heure d'arrivée"});
        const auto leave = column_of(rows[index], {"Leave Time", "Heure de départ"});
        if (!join || !leave)
            continue;
        const auto& activity = rows[index];
        const auto activity_name = column_of(activity, {"Name", "Nom"});
        const auto activity_email = column_of(activity, {"Email", "E-mail", "Adresse e-mail"});
        const auto activity_role = column_of(activity, {"Role", "Rôle"});
        for (++index; index < rows.size() && !section_title(rows[index]); ++index) {
            const auto& row = rows[index];
            AttendanceRow read;
            read.line = row.front().line;
            read.name = cell(row, activity_name);
            read.email = cell(row, activity_email);
            read.organiser = organiser_role(cell(row, activity_role));
            const auto from = parse_export_time(cell(row, join));
            const auto to = parse_export_time(cell(row, leave));
            if (!from)
                return tl::unexpected(ExportProblem{read.line, "Join Time", "heure illisible"});
            if (!to || *to < *from)
                return tl::unexpected(
                    ExportProblem{read.line, "Leave Time", "heure illisible ou avant l'arrivée"});
            read.interval = TimeInterval{*from, *to};
            connections.push_back(std::move(read));
        }
        break;
    }
    report.participants = gather(connections.empty() ? per_person : connections);
    return report;
}

} // namespace kiosk::online
