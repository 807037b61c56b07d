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

    // Inserts `session` under a fresh random id (or its own, when valid) and returns the id.
    SessionId add(Session session, Instant now);
    // Replaces every field of the session with this id; false when there is no such session.
    bool update(const Session& session, Instant now);
    bool remove(SessionId id);

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
