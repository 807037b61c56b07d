#include "kiosk/reports/site_health.hpp"

#include "board_health.hpp"
#include "health_findings.hpp"
#include "kiosk/sync/link.hpp"
#include "kiosk/sync/sync.hpp"
#include "store/column_values.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace kiosk {
namespace {

using columns::optional_instant;

std::string ago(Instant then, Instant now) { return french_duration(now - then); }

HealthFinding camera_finding(const CameraHealth& camera, Instant now)
{
    if (!camera.record_problem.empty())
        return {Severity::Problem, "camera", camera.record_problem};
    switch (camera.condition) {
    case CameraCondition::Running:
        if (camera.input == TicketInput::Reader)
            return {Severity::Ok, "camera", "Le lecteur de billets est branché et attend."};
        return {Severity::Ok, "camera",
                fmt::format("La caméra fonctionne ({:.1f} images/s).", camera.frames_per_second)};
    case CameraCondition::NoFrames:
        return {Severity::Problem, "camera",
                camera.last_frame ? fmt::format("La caméra ne donne plus d'image depuis {}.",
                                                ago(*camera.last_frame, now))
                                  : std::string("La caméra ne donne aucune image.")};
    case CameraCondition::Stalled:
        return {Severity::Problem, "camera",
                fmt::format("Le programme de la caméra ne répond plus depuis {}.",
                            camera.heartbeat ? ago(*camera.heartbeat, now) : "longtemps")};
    case CameraCondition::Stopped:
        return {Severity::Problem, "camera",
                camera.input == TicketInput::Reader
                    ? "Le programme du lecteur de billets est arrêté."
                    : "Le programme de la caméra est arrêté."};
    case CameraCondition::NoStatus:
        break;
    }
    return {Severity::Problem, "camera", "Le programme de la caméra n'a pas démarré."};
}

HealthFinding disk_finding(std::uintmax_t free_bytes, const SiteHealthLimits& limits)
{
    if (free_bytes < limits.problem_free_bytes)
        return {Severity::Problem, "disque",
                fmt::format("Disque presque plein : {} libres. Les entrées vont être refusées.",
                            french_size(free_bytes))};
    if (free_bytes < limits.warning_free_bytes)
        return {Severity::Warning, "disque",
                fmt::format("Peu de place sur le disque : {} libres.", french_size(free_bytes))};
    return {Severity::Ok, "disque",
            fmt::format("{} libres sur le disque.", french_size(free_bytes))};
}

// A site that joined the office: what its agent says of the live link.
HealthFinding link_finding(const SiteHealth& health, std::chrono::system_clock::time_point real_now,
                           const SiteHealthLimits& limits)
{
    const std::string waiting =
        health.waiting > 0 ? fmt::format(" ; {} changement(s) en attente d'envoi", health.waiting)
                           : std::string();
    if (!health.link)
        return {Severity::Warning, "synchro",
                fmt::format("Le lien avec le siège ({}) n'a pas encore tourné (service "
                            "atelier-sync){}.",
                            health.office, waiting)};
    const auto& link = *health.link;
    const auto real_seconds = std::chrono::time_point_cast<std::chrono::seconds>(real_now);
    const auto since = [&] {
        return link.since ? french_duration(real_seconds -
                                            std::chrono::time_point_cast<std::chrono::seconds>(
                                                *link.since))
                          : std::string();
    };
    switch (link.condition) {
    case LinkCondition::Online:
        return {Severity::Ok, "synchro",
                fmt::format("Dernier échange avec le siège ({}) il y a {}{}.", health.office,
                            since(), waiting)};
    case LinkCondition::Offline: {
        const bool long_out =
            !link.since || real_now - *link.since > std::chrono::minutes{limits.silence};
        return {long_out ? Severity::Problem : Severity::Warning, "synchro",
                fmt::format("Hors ligne{} : {}{}.",
                            link.since ? " depuis " + since() : std::string(" (jamais joint)"),
                            link.error, waiting)};
    }
    case LinkCondition::Stopped:
        break;
    }
    return {Severity::Problem, "synchro",
            fmt::format("Le lien avec le siège est arrêté (service atelier-sync){}.", waiting)};
}

// A site without a network: bundles carried on a USB stick.
HealthFinding file_route_finding(const SiteHealth& health, Instant now,
                                 const SiteHealthLimits& limits)
{
    if (!health.sync_configured)
        return {Severity::Warning, "synchro",
                "La synchronisation avec le siège n'est pas configurée."};
    if (!health.last_sync_received)
        return {Severity::Warning, "synchro", "Rien n'a encore été reçu du siège."};
    if (now - *health.last_sync_received > limits.sync_age)
        return {Severity::Warning, "synchro",
                fmt::format("Dernier envoi du siège reçu il y a {}.",
                            ago(*health.last_sync_received, now))};
    return {Severity::Ok, "synchro",
            fmt::format("Dernier envoi du siège reçu le {}.",
                        format_local_datetime(*health.last_sync_received))};
}

} // namespace

CameraHealth read_camera_health(const std::filesystem::path& runtime_dir,
                                std::chrono::system_clock::time_point now,
                                const CameraLimits& limits)
{
    CameraHealth camera;
    std::ifstream in(camera_status_path(runtime_dir));
    if (!in)
        return camera;
    std::stringstream content;
    content << in.rdbuf();
    const auto document = nlohmann::ordered_json::parse(content.str(), nullptr, false);
    if (!document.is_object()) {
        // Replaced atomically, so never half-written: unreadable means someone else wrote it.
        camera.condition = CameraCondition::Stalled;
        camera.last_error = "fichier d'état illisible";
        return camera;
    }
    const auto heartbeat = document.get<CameraHeartbeat>();
    const auto seconds = [](const std::optional<CameraHeartbeat::RealTime>& at) {
        return at ? std::optional(std::chrono::time_point_cast<std::chrono::seconds>(*at))
                  : std::nullopt;
    };
    camera.heartbeat = seconds(heartbeat.heartbeat);
    camera.last_frame = seconds(heartbeat.last_frame);
    camera.last_scan = seconds(heartbeat.last_scan);
    camera.frames_per_second = heartbeat.frames_per_second;
    camera.source = heartbeat.source;
    camera.last_error = heartbeat.last_error;
    camera.record_problem = heartbeat.record_problem;
    camera.input = heartbeat.input;
    const long pid = heartbeat.pid;
    const auto now_seconds = std::chrono::time_point_cast<std::chrono::seconds>(now);
    if (!health_findings::process_exists(pid))
        camera.condition = CameraCondition::Stopped;
    else if (!camera.heartbeat || now_seconds - *camera.heartbeat > limits.heartbeat)
        camera.condition = CameraCondition::Stalled;
    else if (camera.input == TicketInput::Camera &&
             (!camera.last_frame || now_seconds - *camera.last_frame > limits.frame))
        camera.condition = CameraCondition::NoFrames;
    else
        camera.condition = CameraCondition::Running;
    return camera;
}

Severity SiteHealth::severity() const { return health_findings::worst(findings); }
Severity SiteOverview::severity() const { return health_findings::worst(findings); }

SiteHealth measure_site_health(Store& store, const std::string& site,
                               const std::filesystem::path& runtime_dir, Instant now,
                               std::chrono::system_clock::time_point real_now,
                               const SiteHealthLimits& limits)
{
    SiteHealth health;
    health.site = site;
    health.measured_at = now;
    health.camera = read_camera_health(runtime_dir, real_now);
    const auto real_seconds = std::chrono::time_point_cast<std::chrono::seconds>(real_now);
    health.findings.push_back(camera_finding(health.camera, real_seconds));
    health.board = read_board_health(runtime_dir, real_now, limits.board);
    health.findings.push_back(board_health::site_finding(health.board, real_now));

    std::error_code error;
    const auto space = std::filesystem::space(store.path().parent_path(), error);
    if (error)
        health.findings.push_back(
            {Severity::Problem, "disque", "La place libre sur le disque est inconnue."});
    else {
        health.free_bytes = space.available;
        health.findings.push_back(disk_finding(space.available, limits));
    }

    SQLite::Statement changed(
        database_of(store), "SELECT max(updated_at) FROM sessions_now WHERE site = ? OR site IS NULL");
    changed.bind(1, site);
    if (changed.executeStep())
        health.schedule_changed_at = optional_instant(changed.getColumn(0));

    const auto sync = Sync(store).status();
    health.sync_configured = sync.identity.has_value();
    for (const auto& peer : sync.peers)
        if (peer.peer == office_name) {
            health.last_sync_received = peer.received_at;
            health.waiting = peer.waiting;
        }
    if (const auto office = Link(store).office()) {
        health.office = office->url;
        health.link = read_link_health(runtime_dir);
        health.findings.push_back(link_finding(health, real_now, limits));
    } else {
        health.findings.push_back(file_route_finding(health, now, limits));
    }

    health.findings.push_back({Severity::Ok, "donnees",
                               health.schedule_changed_at
                                   ? fmt::format("Programme modifié pour la dernière fois le {}.",
                                                 format_local_datetime(*health.schedule_changed_at))
                                   : std::string("Aucune session au programme.")});
    health_findings::sort_worst_first(health.findings);
    return health;
}

void record_site_health(Store& store, const SiteHealth& health)
{
    std::string summary;
    for (const auto& finding : health.findings)
        if (finding.severity != Severity::Ok)
            summary += (summary.empty() ? "" : " ") + finding.message;
    store.write([&] {
        SQLite::Statement upsert(
            database_of(store),
            "INSERT INTO site_health (site, measured_at, severity, summary, camera, fps_tenths, "
            "last_frame_utc, last_scan_utc, free_bytes, board) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (site) DO UPDATE SET measured_at = excluded.measured_at, "
            "severity = excluded.severity, summary = excluded.summary, camera = excluded.camera, "
            "fps_tenths = excluded.fps_tenths, last_frame_utc = excluded.last_frame_utc, "
            "last_scan_utc = excluded.last_scan_utc, free_bytes = excluded.free_bytes, "
            "board = excluded.board");
        upsert.bind(1, health.site);
        upsert.bind(2, unix_seconds(health.measured_at));
        upsert.bind(3, std::string(severity_name(health.severity())));
        upsert.bind(4, summary);
        upsert.bind(5, std::string(camera_condition_name(health.camera.condition)));
        upsert.bind(6,
                    static_cast<std::int64_t>(std::lround(health.camera.frames_per_second * 10)));
        if (health.camera.last_frame)
            upsert.bind(7, unix_seconds(*health.camera.last_frame));
        if (health.camera.last_scan)
            upsert.bind(8, unix_seconds(*health.camera.last_scan));
        upsert.bind(9, static_cast<std::int64_t>(health.free_bytes));
        upsert.bind(10, std::string(board_condition_name(health.board.condition)));
        upsert.exec();
        board_health::record_picture(store, health.site, health.board);
    });
}

std::string_view camera_condition_name(CameraCondition condition)
{
    switch (condition) {
    case CameraCondition::Running:
        return "running";
    case CameraCondition::NoFrames:
        return "no_frames";
    case CameraCondition::Stalled:
        return "stalled";
    case CameraCondition::Stopped:
        return "stopped";
    case CameraCondition::NoStatus:
        break;
    }
    return "no_status";
}

std::optional<CameraCondition> parse_camera_condition(std::string_view name)
{
    for (const auto condition :
         {CameraCondition::Running, CameraCondition::NoFrames, CameraCondition::Stalled,
          CameraCondition::Stopped, CameraCondition::NoStatus})
        if (camera_condition_name(condition) == name)
            return condition;
    return std::nullopt;
}

std::string_view severity_name(Severity severity)
{
    switch (severity) {
    case Severity::Ok:
        return "ok";
    case Severity::Warning:
        return "warning";
    case Severity::Problem:
        break;
    }
    return "problem";
}

} // namespace kiosk
