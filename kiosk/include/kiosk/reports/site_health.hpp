#pragma once

// Is this kiosk fit to greet visitors? The camera process's heartbeat, the board's heartbeat
// and picture, the room left on the disk, how fresh the schedule and the last sync are — read
// the same way by the console's health page and `kioskctl health`, and recorded in the
// database (tables site_health and board_pictures) so that the next sync bundle tells the
// office how each site was doing and shows it what each entrance screen displays.

#include "kiosk/base/sizes.hpp"
#include "kiosk/base/time.hpp"
#include "kiosk/reports/board_heartbeat.hpp"
#include "kiosk/reports/camera_heartbeat.hpp"
#include "kiosk/reports/link_heartbeat.hpp"
#include "kiosk/store/database_health.hpp"
#include "kiosk/store/store.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

enum class CameraCondition {
    Running,  // heartbeat fresh, frames arriving
    NoFrames, // the process runs but the camera gives no image (a reader has none to give)
    Stalled,  // the heartbeat stopped: the process hangs
    Stopped,  // the process that wrote the heartbeat is gone
    NoStatus, // no heartbeat file: the camera process never ran since boot
};

struct CameraHealth {
    CameraCondition condition = CameraCondition::NoStatus;
    TicketInput input = TicketInput::Camera;
    double frames_per_second = 0;
    std::optional<Instant> heartbeat;
    std::optional<Instant> last_frame;
    std::optional<Instant> last_scan;
    std::string source;
    std::string last_error;
    std::string record_problem; // set when scans can no longer be recorded (disk full…)
};

struct CameraLimits {
    // kiosk-checkin rewrites its heartbeat about once a second; a few missed beats mean a hang.
    std::chrono::seconds heartbeat = std::chrono::seconds{5};
    std::chrono::seconds frame = std::chrono::seconds{10};
};

// Reads the heartbeat under `runtime_dir` (kiosk::camera_status_path). `now` is the system's
// real time, not a frozen clock: the heartbeat is written in real time.
[[nodiscard]] CameraHealth read_camera_health(const std::filesystem::path& runtime_dir,
                                              std::chrono::system_clock::time_point now,
                                              const CameraLimits& limits = {});

struct SiteHealth {
    std::string site;
    Instant measured_at;
    CameraHealth camera;
    BoardHealth board = {};
    std::uintmax_t free_bytes = 0;
    std::optional<Instant> schedule_changed_at; // the latest change to a session
    std::optional<Instant> last_sync_received;  // a bundle from the office applied here
    bool sync_configured = false;
    std::string office;               // the office's address, once the site joined it
    std::optional<LinkHealth> link;   // the live link, when its agent has run
    std::int64_t waiting = 0;         // this site's changes the office has not acknowledged
    std::vector<HealthFinding> findings; // camera, ecran, disque, synchro, donnees: worst first

    [[nodiscard]] Severity severity() const;
};

struct SiteHealthLimits {
    std::uintmax_t problem_free_bytes = 200ull * 1024 * 1024;
    std::uintmax_t warning_free_bytes = 1024ull * 1024 * 1024;
    std::chrono::hours sync_age{26}; // a nightly sync that missed one night
    // A site on the live link that has not called for this long while it is open is in trouble.
    std::chrono::minutes silence{15};
    BoardLimits board = {};
};

// Measures this site's health; reads the database only.
[[nodiscard]] SiteHealth measure_site_health(Store& store, const std::string& site,
                                             const std::filesystem::path& runtime_dir, Instant now,
                                             std::chrono::system_clock::time_point real_now,
                                             const SiteHealthLimits& limits = {});

// Keeps `health` in table site_health (one row per site), which sync carries to the office,
// and the board's picture in table board_pictures when it is newer than the one kept (so an
// unchanged picture, a screen off all night, does not travel again). A measurement, not a
// change anyone made: no audit row, as for every health record.
void record_site_health(Store& store, const SiteHealth& health);

// The board's picture as last recorded for `site`: at a site, its own; at the office, what the
// site's last bundle brought (checked again with check_board_picture before it is returned).
struct RecordedBoardPicture {
    Instant taken_at;
    BoardPicture picture;
};
[[nodiscard]] std::optional<RecordedBoardPicture> recorded_board_picture(Store& store,
                                                                         std::string_view site);

// What the office knows of one site: its last recorded health and the last bundle from it.
struct SiteOverview {
    std::string site;
    std::optional<Instant> last_contact; // the site's last exchange over the live link
    std::int64_t waiting = 0;            // the office's changes the site has not acknowledged
    std::optional<Instant> device_retired_at;
    std::optional<Instant> last_bundle_received;
    std::optional<Instant> last_bundle_made;
    std::optional<Instant> health_measured_at;
    std::optional<CameraCondition> camera;
    std::optional<BoardCondition> board = {};
    std::optional<Instant> board_picture_at = {}; // the latest picture of its board that came here
    double frames_per_second = 0;
    std::optional<Instant> last_scan;
    std::optional<std::uintmax_t> free_bytes;
    Severity recorded_severity = Severity::Ok;
    std::string recorded_summary; // the site's findings, as it wrote them
    int checked_in_today = 0;
    std::vector<HealthFinding> findings; // as seen from here, worst first

    [[nodiscard]] Severity severity() const;
};

// Every known site, in the order of kiosk::all_sites().
[[nodiscard]] std::vector<SiteOverview> site_overviews(Store& store, Day today, Instant now,
                                                       const SiteHealthLimits& limits = {});

[[nodiscard]] std::string_view camera_condition_name(CameraCondition condition); // "running"…
[[nodiscard]] std::optional<CameraCondition> parse_camera_condition(std::string_view name);
[[nodiscard]] std::string_view severity_name(Severity severity); // "ok", "warning", "problem"

} // namespace kiosk
