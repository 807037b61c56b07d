#pragma once

// Reading the fields of the core's JSON documents forgivingly: a field missing or of the wrong
// type reads as none, so a document from an older or newer program is still read for what it
// says.

#include "kiosk/base/time.hpp"

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

[[nodiscard]] inline std::optional<int> integer(const Json& document, const char* key)
{
    const auto found = document.find(key);
    if (found == document.end() || !found->is_number_integer())
        return std::nullopt;
    return found->get<int>();
}

} // namespace kiosk::json_fields
