#pragma once

#include "kiosk/base/ids.hpp"
#include "kiosk/base/time.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

enum class Kind {
    Atelier,  // physical workshop in a room of a site, with a capacity
    Live,     // live online training, usually national
    Coaching, // one-to-one video slot: the public screen only shows that slots exist
    Privee,   // private online session for a group: "Session privée — organiser", never a link
};

enum class Status { Scheduled, Delayed, RoomChanged, Full, Cancelled };

[[nodiscard]] std::string_view to_string(Kind kind);
[[nodiscard]] std::string_view to_string(Status status);
[[nodiscard]] std::optional<Kind> parse_kind(std::string_view text);
[[nodiscard]] std::optional<Status> parse_status(std::string_view text);

struct Session {
    SessionId id;
    std::string uid;                 // identity in an imported calendar; empty when typed in
    std::optional<std::string> site; // none: national, shown at every site
    Kind kind = Kind::Atelier;
    std::string title;
    std::vector<std::string> tags;
    std::string trainer;
    std::string room;
    std::string previous_room; // set when the room changed, so the board can say from where
    std::optional<int> capacity;
    Instant start;
    Instant end;
    std::string join_url;
    std::string organiser;
    Status status = Status::Scheduled;
    int delay_minutes = 0;
    Instant updated_at;
    // Who planned it and may change its plan: "office" or the site (see session_store.hpp).
    // Empty in a session being made: the store decides.
    std::string planner;

    [[nodiscard]] Instant effective_start() const { return start + Minutes{delay_minutes}; }
    [[nodiscard]] Instant effective_end() const { return end + Minutes{delay_minutes}; }
    [[nodiscard]] bool is_national() const { return !site.has_value(); }
};

// Whether two sessions say the same: every field but the id, the planner and the time of the
// last change. What an import or an upsert compares before it writes.
[[nodiscard]] bool same_content(const Session& a, const Session& b);

// What a public screen may say a session is: its title, "Coaching individuel" for a coaching
// slot, and for a private session "Session privée — organiser", never its title.
[[nodiscard]] std::string public_title(const Session& session);

// What is wrong with a session, naming the field as the command line and imports call it.
struct FieldProblem {
    std::string field;
    std::string message;
};

// Checks the rules every session obeys, whatever wrote it (command line, import, console).
[[nodiscard]] std::optional<FieldProblem> validate(const Session& session);

// A session as the programs print it and the audit trail keeps it: "id", "uid", "site" (null
// when national), "kind", "title", "tags", "trainer", "room", "previous_room", "capacity" (or
// null), "start" and "end" (ISO 8601 with the Paris offset), "duration_min", "join_url",
// "organiser", "status", "delay_min", "updated_at", "planner". Reading takes what it finds; what is
// missing or malformed stays as a default-made session has it.
void to_json(nlohmann::ordered_json& document, const Session& session);
void from_json(const nlohmann::ordered_json& document, Session& session);

[[nodiscard]] std::string join_tags(const std::vector<std::string>& tags);
[[nodiscard]] std::vector<std::string> split_tags(std::string_view text);

} // namespace kiosk
