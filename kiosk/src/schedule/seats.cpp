#include "kiosk/schedule/seats.hpp"

#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>

namespace kiosk {

Instant seats_released_at(const Session& session, const SeatRules& rules)
{
    return session.effective_start() + rules.release_after;
}

SeatCount count_seats(Store& store, const Session& session, Instant now, const SeatRules& rules)
{
    // One statement, so the four counts come from the same moment of the database.
    SQLite::Statement select(database_of(store), R"sql(
        SELECT
          (SELECT count(*) FROM tickets WHERE session_id = ?1 AND revoked_at IS NULL),
          (SELECT count(DISTINCT ticket_id) FROM checkins
             WHERE session_id = ?1 AND undone_at IS NULL),
          (SELECT count(DISTINCT c.ticket_id) FROM checkins c
             WHERE c.session_id = ?1 AND c.undone_at IS NULL
               AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.id = c.ticket_id
                                 AND t.session_id = ?1 AND t.revoked_at IS NULL)),
          (SELECT count(*) FROM walkins WHERE session_id = ?1 AND undone_at IS NULL))sql");
    select.bind(1, session.id.value());
    select.executeStep();
    SeatCount count;
    count.tickets = select.getColumn(0).getInt();
    count.checked_in = select.getColumn(1).getInt();
    count.checked_in_unlisted = select.getColumn(2).getInt();
    count.walkins = select.getColumn(3).getInt();
    count.released = now >= seats_released_at(session, rules);
    return count;
}

std::optional<int> seats_left(const Session& session, const SeatCount& count)
{
    if (!session.capacity)
        return std::nullopt;
    return std::max(0, *session.capacity - count.taken());
}

std::map<SessionId, int> seats_taken(Store& store, std::span<const Session> sessions, Instant now,
                                     const SeatRules& rules)
{
    std::map<SessionId, int> taken;
    for (const auto& session : sessions)
        taken[session.id] = count_seats(store, session, now, rules).taken();
    return taken;
}

} // namespace kiosk
