// The office's view of the four sites, from what their sync bundles brought back.

#include "board_health.hpp"
#include "health_findings.hpp"
#include "kiosk/base/site.hpp"
#include "kiosk/config/config.hpp"
#include "kiosk/reports/site_health.hpp"
#include "kiosk/sync/sync.hpp"
#include "store/column_values.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace kiosk {
namespace {

using columns::optional_instant;

std::string_view camera_words(CameraCondition condition)
{
    switch (condition) {
    case CameraCondition::Running:
        return "la caméra fonctionnait";
    case CameraCondition::NoFrames:
        return "la caméra ne donnait plus d'image";
    case CameraCondition::Stalled:
        return "le programme de la caméra ne répondait plus";
    case CameraCondition::Stopped:
        return "le programme de la caméra était arrêté";
    case CameraCondition::NoStatus:
        break;
    }
    return "le programme de la caméra n'avait pas démarré";
}

void read_bundles(const SyncStatus& sync, SiteOverview& overview)
{
    for (const auto& peer : sync.peers)
        if (peer.peer == overview.site) {
            overview.last_contact = peer.contact_at;
            overview.waiting = peer.waiting;
            overview.device_retired_at = peer.retired_at;
            overview.last_bundle_received = peer.received_at;
            overview.last_bundle_made = peer.received_made;
        }
}

// A site on the live link calls the office every half-minute or so; silent while it is open,
// it cannot tell the office its check-ins, nor hear of revocations.
std::optional<HealthFinding> silence(const SiteOverview& overview, Instant now,
                                     const SiteHealthLimits& limits)
{
    if (overview.device_retired_at)
        return HealthFinding{Severity::Warning, "synchro",
                             fmt::format("Appareil retiré le {} : le site n'échange plus.",
                                         format_local_datetime(*overview.device_retired_at))};
    if (!overview.last_contact)
        return std::nullopt; // a site on the file route, judged by its last bundle
    const auto quiet = now - *overview.last_contact;
    if (quiet <= limits.silence)
        return std::nullopt;
    const auto config = default_site_config(overview.site);
    const bool open = config && config->hours.is_open(now);
    return HealthFinding{open ? Severity::Problem : Severity::Warning, "synchro",
                         fmt::format("Aucun échange depuis le {}{}.",
                                     format_local_datetime(*overview.last_contact),
                                     open ? ", pendant les heures d'ouverture" : "")};
}

void read_recorded_health(Store& store, SiteOverview& overview)
{
    SQLite::Statement row(
        database_of(store),
        "SELECT measured_at, severity, summary, camera, fps_tenths, last_scan_utc, "
        "free_bytes, board, (SELECT taken_at FROM board_pictures WHERE site = ?1) "
        "FROM site_health WHERE site = ?1");
    row.bind(1, overview.site);
    if (!row.executeStep())
        return;
    overview.health_measured_at = from_unix_seconds(row.getColumn(0).getInt64());
    const std::string severity = row.getColumn(1).getString();
    overview.recorded_severity = severity == "problem"   ? Severity::Problem
                                 : severity == "warning" ? Severity::Warning
                                                         : Severity::Ok;
    overview.recorded_summary = row.getColumn(2).getString();
    overview.camera = parse_camera_condition(row.getColumn(3).getString());
    overview.frames_per_second = static_cast<double>(row.getColumn(4).getInt64()) / 10;
    overview.last_scan = optional_instant(row.getColumn(5));
    if (!row.getColumn(6).isNull())
        overview.free_bytes = static_cast<std::uintmax_t>(row.getColumn(6).getInt64());
    overview.board = parse_board_condition(row.getColumn(7).getString());
    overview.board_picture_at = optional_instant(row.getColumn(8));
}

void read_today(Store& store, SiteOverview& overview, Day today)
{
    const auto range = local_day_range(today);
    SQLite::Statement count(database_of(store),
                            "SELECT count(*) FROM checkins WHERE site = ? AND undone_at IS NULL "
                            "AND at_utc >= ? AND at_utc < ?");
    count.bind(1, overview.site);
    count.bind(2, unix_seconds(range.begin));
    count.bind(3, unix_seconds(range.end));
    if (count.executeStep())
        overview.checked_in_today = count.getColumn(0).getInt();
    SQLite::Statement scan(database_of(store), "SELECT max(at_utc) FROM scans WHERE site = ?");
    scan.bind(1, overview.site);
    if (scan.executeStep())
        if (const auto last = optional_instant(scan.getColumn(0));
            last && (!overview.last_scan || *last > *overview.last_scan))
            overview.last_scan = last;
}

void judge(SiteOverview& overview, Instant now, const SiteHealthLimits& limits)
{
    auto& findings = overview.findings;
    if (const auto quiet = silence(overview, now, limits))
        findings.push_back(*quiet);
    else if (!overview.last_contact) {
        // Not on the live link: what the office knows is as old as the last bundle carried.
        if (!overview.last_bundle_made)
            findings.push_back({Severity::Warning, "synchro", "Aucun envoi reçu de ce site."});
        else if (now - *overview.last_bundle_made > limits.sync_age)
            findings.push_back({Severity::Warning, "synchro",
                                fmt::format("Dernier envoi fait le {} : ce que l'on sait date.",
                                            format_local_datetime(*overview.last_bundle_made))});
    }
    if (overview.camera && *overview.camera != CameraCondition::Running)
        findings.push_back({Severity::Problem, "camera",
                            fmt::format("Au dernier relevé, {}.", camera_words(*overview.camera))});
    if (const auto board = board_health::office_finding(overview.board, overview.board_picture_at))
        findings.push_back(*board);
    if (overview.recorded_severity != Severity::Ok && !overview.recorded_summary.empty())
        findings.push_back({overview.recorded_severity, "site", overview.recorded_summary});
    if (findings.empty())
        findings.push_back({Severity::Ok, "site", "Rien à signaler au dernier relevé."});
    health_findings::sort_worst_first(findings);
}

} // namespace

std::vector<SiteOverview> site_overviews(Store& store, Day today, Instant now,
                                         const SiteHealthLimits& limits)
{
    std::vector<SiteOverview> overviews;
    const auto sync = Sync(store).status();
    for (const SiteId site : all_sites()) {
        SiteOverview overview;
        overview.site = std::string(site.id());
        read_bundles(sync, overview);
        read_recorded_health(store, overview);
        read_today(store, overview, today);
        judge(overview, now, limits);
        overviews.push_back(std::move(overview));
    }
    return overviews;
}

} // namespace kiosk
