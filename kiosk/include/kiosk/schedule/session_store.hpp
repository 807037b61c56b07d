#pragma once

#include "kiosk/schedule/session.hpp"
#include "kiosk/store/store.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

// Reading and writing sessions. Callers validate first (see validate()); the schema's CHECKs
// are the last line of defence, not the user-facing one.
class SessionStore {
public:
    explicit SessionStore(Store& store) : store_(store) {}

    // Who owns what. A session's plan (title, times, room, trainer…) is its planner's: the
    // office, which may plan any site's sessions, or the site, which plans its own. The day-of
    // state staff set on site (delay, room change, full, cancelled) is the site's, whoever
    // planned the session: at a site it is kept apart from the plan and shown over it. What
    // this database is comes from its sync identity; without one (a site on its own) it plans
    // everything itself, as before sync. Writes that break the rule throw UserError with the
    // reason; planning_refusal() tells it beforehand.

    // This database's sync identity ("office" or a site), if it has one.
    [[nodiscard]] std::optional<std::string> here();
    // Why this database may not plan `session` (a new one, or a change to its plan): another
    // site's or a national session at a site, or one the office planned.
    [[nodiscard]] std::optional<std::string> planning_refusal(const Session& session);

    // Inserts `session` and returns its id: its own when valid, else derived from its uid
    // (the same calendar imported at the office and at the site makes the same sessions),
    // else random. Its planner is this database.
    SessionId add(Session session, Instant now);
    // Sets every field of the session with this id: what changed goes to the plan, or at a
    // site the day-of fields to the site's state. The office planning a site's session takes
    // it over. False when there is no such session.
    bool update(const Session& session, Instant now);
    // Removes the session; the office takes a site's session over first, so the removal
    // reaches the site. Refused at a site for a session it did not plan, and everywhere for a
    // session with history (tickets, scans, check-ins: see has_history), which is cancelled
    // instead.
    bool remove(SessionId id);
    [[nodiscard]] static SessionId id_for_uid(std::string_view uid);

    enum class Upsert { Added, Updated, Unchanged };
    // Matches on `session.uid` (an import's identity): updates in place, keeping the id.
    Upsert upsert_by_uid(Session session, Instant now);

    [[nodiscard]] std::optional<Session> find(SessionId id);
    [[nodiscard]] std::optional<Session> find_by_uid(std::string_view uid);

    // The sessions starting during `day` at `site` plus the national ones, in start order.
    [[nodiscard]] std::vector<Session> day(std::string_view site, Day day);

    // The sessions of `site` only (no national ones) starting in [from, to), or of every site
    // and the national ones when `site` is none: what attendance reports cover.
    [[nodiscard]] std::vector<Session> between(const std::optional<std::string>& site,
                                               Instant from, Instant to);
    // The first session of `site` (or national) starting at or after `from`, cancelled ones
    // excepted: what the board names when a day has nothing left.
    [[nodiscard]] std::optional<Session> first_from(std::string_view site, Instant from);

    // Whether people already did something with this session (tickets, scans, check-ins):
    // such a session is cancelled rather than deleted, so nothing they did is lost.
    [[nodiscard]] bool has_history(SessionId id);

    // Whether this database holds any session of `site`: a site it has never heard of is more
    // likely the wrong file than an empty period.
    [[nodiscard]] bool knows_site(std::string_view site);

    // Sessions of the same site and room, not cancelled, whose times overlap `session`.
    [[nodiscard]] std::vector<Session> room_conflicts(const Session& session);

private:
    Store& store_;
};

} // namespace kiosk
