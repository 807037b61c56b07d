#pragma once

// Enumerations written by name (in the database, in files, on the command line): one table of
// (value, name) pairs per enumeration, read both ways.

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <utility>

namespace kiosk {

template <typename Enum, std::size_t N>
using NameTable = std::array<std::pair<Enum, std::string_view>, N>;

template <typename Enum, std::size_t N>
[[nodiscard]] std::string_view name_of(const NameTable<Enum, N>& names, Enum value)
{
    for (const auto& [candidate, name] : names)
        if (candidate == value)
            return name;
    return "?";
}

template <typename Enum, std::size_t N>
[[nodiscard]] std::optional<Enum> value_of(const NameTable<Enum, N>& names, std::string_view text)
{
    for (const auto& [value, name] : names)
        if (name == text)
            return value;
    return std::nullopt;
}

} // namespace kiosk
