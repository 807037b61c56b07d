#pragma once

// How many seats of a session are taken: the one rule the board, walk-ins and the office share.
//
// Until the start (delayed, if it is) plus the release delay, every valid ticket holds a seat,
// whether or not its holder has come. From then on only the holders who came in keep one: the
// seats of those who did not come are free for walk-ins. Walk-ins always hold theirs, and so do
// holders of tickets this database has no row for (signed elsewhere) once they came in.

#include "kiosk/config/config.hpp"
#include "kiosk/schedule/session.hpp"
#include "kiosk/store/store.hpp"

#include <map>
#include <optional>
#include <span>

namespace kiosk {

struct SeatRules {
    // The late-entry grace: when tickets stop admitting, their unused seats stop being held.
    Minutes release_after{15};

    [[nodiscard]] static SeatRules from(const SiteConfig& config)
    {
        return {config.late_entry_grace};
    }
};

struct SeatCount {
    int tickets = 0;          // valid (not revoked) tickets of the session in this database
    int checked_in = 0;       // tickets admitted, check-ins not undone
    int checked_in_unlisted = 0; // of those, tickets without a valid row here
    int walkins = 0;          // walk-ins not undone
    bool released = false;    // past the start plus the release delay

    [[nodiscard]] int taken() const
    {
        return (released ? checked_in : tickets + checked_in_unlisted) + walkins;
    }
};

// When the seats of absent ticket holders free up.
[[nodiscard]] Instant seats_released_at(const Session& session, const SeatRules& rules);

[[nodiscard]] SeatCount count_seats(Store& store, const Session& session, Instant now,
                                    const SeatRules& rules);

// Seats left, never negative; none for a session without a capacity (online ones).
[[nodiscard]] std::optional<int> seats_left(const Session& session, const SeatCount& count);

// count_seats(…).taken() for each session.
[[nodiscard]] std::map<SessionId, int> seats_taken(Store& store,
                                                   std::span<const Session> sessions,
                                                   Instant now, const SeatRules& rules);

} // namespace kiosk
