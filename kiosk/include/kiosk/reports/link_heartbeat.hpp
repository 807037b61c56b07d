#pragma once

// What the site's sync agent (kioskctl sync run) says of the live link after each attempt: a
// small JSON file under the runtime folder, replaced atomically, which the board's staff corner,
// the console's health page and `kioskctl sync status` read. Like the camera's heartbeat, it
// lives in /run, not in the database: it is about now.
//   {"pid", "office", "last_attempt", "last_success", "last_error", "next_attempt", "waiting"}
// Instants are Unix seconds (fractional), null until they happen; last_error is empty while the
// link works.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace kiosk {

struct LinkHeartbeat {
    using RealTime = std::chrono::system_clock::time_point;

    long pid = 0;
    std::string office; // the office's address
    std::optional<RealTime> last_attempt;
    std::optional<RealTime> last_success;
    std::string last_error;
    std::optional<RealTime> next_attempt;
    std::int64_t waiting = 0; // this site's changes the office has not acknowledged yet
};

void to_json(nlohmann::ordered_json& document, const LinkHeartbeat& heartbeat);
void from_json(const nlohmann::ordered_json& document, LinkHeartbeat& heartbeat);

[[nodiscard]] std::filesystem::path link_status_path(const std::filesystem::path& runtime_dir);

// The heartbeat under `runtime_dir`; none when the agent never ran (or wrote nonsense).
[[nodiscard]] std::optional<LinkHeartbeat>
read_link_heartbeat(const std::filesystem::path& runtime_dir);

enum class LinkCondition {
    Online,  // the last exchange went through
    Offline, // the last attempt failed: the office cannot be reached, or refused
    Stopped, // the agent that wrote the heartbeat is gone
};

// The link as staff need it: how it is, and since when (the last exchange that went through).
struct LinkHealth {
    LinkCondition condition = LinkCondition::Stopped;
    std::optional<LinkHeartbeat::RealTime> since;
    std::string error;
    std::string office;
    std::int64_t waiting = 0;
};

// None when there is no heartbeat: the site is not on the live link, or its agent never ran.
[[nodiscard]] std::optional<LinkHealth> read_link_health(const std::filesystem::path& runtime_dir);

} // namespace kiosk
