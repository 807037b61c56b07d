#pragma once

// Reading the fields of the core's JSON documents forgivingly: a field missing or of the wrong
// type reads as none, so a document from an older or newer program is still read for what it
// says.

#include "kiosk/base/time.hpp"

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace kiosk::json_fields {

using Json = nlohmann::ordered_json;

[[nodiscard]] inline std::optional<std::string> text(const Json& document, const char* key)
{
    const auto found = document.find(key);
    if (found == document.end() || !found->is_string())
        return std::nullopt;
    return found->get<std::string>();
}

// An instant as format_iso8601() writes it.
[[nodiscard]] inline std::optional<Instant> instant(const Json& document, const char* key)
{
    const auto found = text(document, key);
    return found ? parse_iso8601(*found) : std::nullopt;
}

// A real-time instant as Unix seconds, fractional (the runtime folder's heartbeats).
using RealTime = std::chrono::system_clock::time_point;

[[nodiscard]] inline Json seconds_or_null(const std::optional<RealTime>& at)
{
    if (!at)
        return nullptr;
    return std::chrono::duration<double>(at->time_since_epoch()).count();
}

[[nodiscard]] inline std::optional<RealTime> real_time(const Json& document, const char* key)
{
    const auto found = document.find(key);
    if (found == document.end() || !found->is_number())
        return std::nullopt;
    return RealTime{std::chrono::duration_cast<RealTime::duration>(
        std::chrono::duration<double>(found->get<double>()))};
}

[[nodiscard]] inline std::optional<int> integer(const Json& document, const char* key)
{
    const auto found = document.find(key);
    if (found == document.end() || !found->is_number_integer())
        return std::nullopt;
    return found->get<int>();
}

} // namespace kiosk::json_fields
