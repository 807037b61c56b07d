#include "kiosk/base/ids.hpp"

#include <charconv>
#include <fmt/format.h>
#include <random>

namespace kiosk {

std::int64_t random_id_value()
{
    // std::random_device reads the kernel's entropy pool (getrandom) on glibc.
    static thread_local std::random_device device;
    for (;;) {
        const std::uint64_t high = device();
        const std::uint64_t low = device();
        const auto value = static_cast<std::int64_t>(((high << 32) | low) >> 1);
        if (value != 0)
            return value;
    }
}

std::optional<std::int64_t> parse_id_value(std::string_view hex)
{
    if (hex.empty() || hex.size() > 16)
        return std::nullopt;
    std::uint64_t value = 0;
    const auto [end, error] = std::from_chars(hex.data(), hex.data() + hex.size(), value, 16);
    if (error != std::errc{} || end != hex.data() + hex.size() || value == 0 ||
        value > static_cast<std::uint64_t>(INT64_MAX))
        return std::nullopt;
    return static_cast<std::int64_t>(value);
}

std::string format_id_value(std::int64_t value) { return fmt::format("{:016x}", value); }

} // namespace kiosk
