// Which platform wrote the file, found from its participants' header row.

#include "export_table.hpp"

#include <array>
#include <fmt/format.h>

namespace kiosk {

std::string_view platform_code(MeetingPlatform platform)
{
    switch (platform) {
    case MeetingPlatform::Zoom:
        return "zoom";
    case MeetingPlatform::Teams:
        return "teams";
    case MeetingPlatform::Meet:
        return "meet";
    }
    return "?";
}

std::string_view platform_name(MeetingPlatform platform)
{
    switch (platform) {
    case MeetingPlatform::Zoom:
        return "Zoom";
    case MeetingPlatform::Teams:
        return "Teams";
    case MeetingPlatform::Meet:
        return "Meet";
    }
    return "?";
}

namespace {

struct Signature {
    MeetingPlatform platform;
    std::array<std::string_view, 6> columns;
};

// The columns that tell each platform's participants header; a row holding three of one
// platform's is taken for its header.
constexpr std::array<Signature, 3> signatures{{
    {MeetingPlatform::Zoom,
     {"Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)",
      "Guest"}},
    {MeetingPlatform::Teams,
     {"Name", "First Join", "Last Leave", "In-Meeting Duration", "Email", "Role"}},
    {MeetingPlatform::Meet,
     {"First name", "Last name", "Email", "Duration", "Time joined", "Time exited"}},
}};
constexpr std::size_t header_search_rows = 60;

int score(const Record& row, const Signature& signature)
{
    int found = 0;
    for (const auto column : signature.columns)
        if (online::column_of(row, {column}))
            ++found;
    return found;
}

} // namespace

tl::expected<AttendanceExport, ExportProblem> read_attendance_export(std::string_view bytes)
{
    auto rows = online::export_rows(bytes);
    if (!rows)
        return tl::unexpected(rows.error());
    if (rows->empty())
        return tl::unexpected(ExportProblem{0, "", "fichier vide"});
    int best_score = 0;
    const Signature* best = nullptr;
    std::size_t best_row = 0;
    for (std::size_t index = 0; index < std::min(rows->size(), header_search_rows); ++index)
        for (const auto& signature : signatures) {
            const int found = score((*rows)[index], signature);
            if (found > best_score) {
                best_score = found;
                best = &signature;
                best_row = index;
            }
        }
    if (best == nullptr)
        return tl::unexpected(ExportProblem{
            0, "",
            "ce n'est pas un rapport de présence Zoom, Teams ou Meet : aucune des colonnes "
            "attendues (Zoom « Name (Original Name) », « Join Time »… ; Teams « Name », "
            "« In-Meeting Duration »… ; Meet « First name », « Duration »…)"});
    if (best_score < 3) {
        std::vector<std::string> missing;
        for (const auto column : best->columns)
            if (!online::column_of((*rows)[best_row], {column}))
                missing.emplace_back(column);
        return tl::unexpected(
            online::missing_columns(best->platform, (*rows)[best_row].front().line, missing));
    }
    switch (best->platform) {
    case MeetingPlatform::Zoom:
        return online::read_zoom(*rows, best_row);
    case MeetingPlatform::Teams:
        return online::read_teams(*rows, best_row);
    case MeetingPlatform::Meet:
        return online::read_meet(*rows, best_row);
    }
    return tl::unexpected(ExportProblem{0, "", "plateforme inconnue"});
}

} // namespace kiosk
