#pragma once

#include <span>
#include <string_view>

namespace kiosk {

// One entry per schema version, applied in order; entry i brings the schema to version i + 1.
// Never edit a published entry: append a new one.
[[nodiscard]] std::span<const std::string_view> migrations();

namespace migration {
// Versions 1 to 9 (migrations_early.cpp), the head of the list.
[[nodiscard]] std::span<const std::string_view> early_versions();
} // namespace migration

} // namespace kiosk
