#pragma once

// Identifiers of things that travel between the office and the sites: random 63-bit values,
// unique across databases, never per-file counters. Shown as 16 hexadecimal digits.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

template <typename Tag> class Id {
public:
    constexpr Id() = default;
    constexpr explicit Id(std::int64_t value) : value_(value) {}

    [[nodiscard]] static Id random();
    [[nodiscard]] static std::optional<Id> parse(std::string_view hex);

    [[nodiscard]] constexpr std::int64_t value() const { return value_; }
    [[nodiscard]] std::string to_string() const;
    [[nodiscard]] constexpr bool is_valid() const { return value_ > 0; }
    friend constexpr auto operator<=>(Id, Id) = default;

private:
    std::int64_t value_ = 0;
};

[[nodiscard]] std::int64_t random_id_value();
[[nodiscard]] std::optional<std::int64_t> parse_id_value(std::string_view hex);
[[nodiscard]] std::string format_id_value(std::int64_t value);

template <typename Tag> Id<Tag> Id<Tag>::random() { return Id{random_id_value()}; }
template <typename Tag> std::optional<Id<Tag>> Id<Tag>::parse(std::string_view hex)
{
    if (auto value = parse_id_value(hex))
        return Id{*value};
    return std::nullopt;
}
template <typename Tag> std::string Id<Tag>::to_string() const { return format_id_value(value_); }

using SessionId = Id<struct SessionTag>;

} // namespace kiosk
