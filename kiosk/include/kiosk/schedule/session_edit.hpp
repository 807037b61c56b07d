#pragma once

// Changing a session the way staff mean it, whoever types it (kioskctl, the console): a new
// room remembers the old one so the board can say where from, a delay marks the session
// delayed, a moved start keeps the session's length. And the console's rule for two people
// editing one session: a save based on what someone saw is refused if the session changed
// since.

#include "kiosk/config/config.hpp"
#include "kiosk/schedule/session.hpp"
#include "kiosk/store/store.hpp"

#include <optional>
#include <string>
#include <tl/expected.hpp>
#include <vector>

namespace kiosk {

// Every field a change may set; unset fields leave the session as it is.
struct SessionChange {
    std::optional<Kind> kind;
    std::optional<std::string> title;
    std::optional<Instant> start;
    std::optional<Instant> end;
    std::optional<std::string> end_time_of_day; // "16:30": on the day the session starts
    std::optional<std::string> room;
    std::optional<int> capacity;
    std::optional<std::string> trainer;
    std::optional<std::string> join_url;
    std::optional<std::string> organiser;
    std::optional<std::vector<std::string>> tags;
    std::optional<Status> status;
    std::optional<int> delay_minutes;
};

// Applies `change`; a workshop with no capacity takes its room's from the site configuration.
// Fails (field "end") only for an end time of day that does not exist that day.
[[nodiscard]] std::optional<FieldProblem> apply(const SessionChange& change, Session& session, const SiteConfig* config);

// A short digest of everything staff can see of a session: what an edit form carries to tell
// whether the session changed under it.
[[nodiscard]] std::string session_fingerprint(const Session& session);

enum class SaveRefusal {
    Missing,          // no such session (removed meanwhile)
    ChangedMeanwhile, // someone saved it after the form was shown
    Invalid,          // the result breaks a rule: `problem` says which
    NotPlanner,       // a change to a plan this database does not own: `problem` says whose
};

struct SaveProblem {
    SaveRefusal reason;
    std::optional<FieldProblem> problem;
};

struct SavedChange {
    Session before;
    Session after;
};

// Applies and saves in one transaction, unless the session's fingerprint is no longer
// `seen_fingerprint` (empty: no check, as on the command line).
[[nodiscard]] tl::expected<SavedChange, SaveProblem>
save_change(Store& store, SessionId id, const SessionChange& change,
            const std::string& seen_fingerprint, const SiteConfig* config, Instant now);

} // namespace kiosk
