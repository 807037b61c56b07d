#pragma once

// What the board knows about the day, as read from the site database. Plain data: the model
// turns it into sections and rows for a given instant.

#include "kiosk/reports/link_heartbeat.hpp"
#include "kiosk/base/ids.hpp"
#include "kiosk/base/time.hpp"
#include "kiosk/config/config.hpp"
#include "kiosk/schedule/notice.hpp"
#include "kiosk/schedule/session.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kiosk_display {

struct BoardData {
    std::string site_id;
    std::string site_name;
    kiosk::Minutes doors_open_lead{30};
    kiosk::Day day{};                            // the local day these sessions belong to
    std::vector<kiosk::Session> sessions;        // that day's, this site's and the national ones
    std::map<kiosk::SessionId, int> seats_taken; // per session with a capacity
    // The next instant seats change without any write: absent ticket holders' seats free up.
    std::optional<kiosk::Instant> seats_change_at;
    std::optional<kiosk::Session> next_session; // the first one after that day
    std::vector<kiosk::Notice> notices;         // posted by staff, not cleared when read
    std::optional<kiosk::OpeningHours> hours;   // the site's, to say when it opens next
    kiosk::Instant loaded_at{};
};

// Whether what is on screen is the database's current state.
enum class Freshness { Current, Stale };

using kiosk::ClockTrust;

// The camera process's heartbeat, as found under the runtime directory.
// What the staff corner says of whatever reads the tickets (see kiosk::read_camera_health).
enum class CameraState {
    Unknown,      // never started since boot
    Alive,        // a camera seeing frames
    ReaderReady,  // a handheld reader, its program running
    Silent,       // running, but no frames or no heartbeat
    Stopped,      // its program has ended
    NotRecording, // scans are read but cannot be recorded (a full disk)
};

// The live link with the office, as the staff corner says it (see kiosk::read_link_health).
struct LinkState {
    kiosk::LinkCondition condition = kiosk::LinkCondition::Stopped;
    // Since the last exchange that went through, rounded as the board says it (to ten seconds,
    // a minute, an hour): the corner is redrawn only when its words change.
    std::optional<std::chrono::seconds> since;

    friend bool operator==(const LinkState&, const LinkState&) = default;
};

} // namespace kiosk_display
