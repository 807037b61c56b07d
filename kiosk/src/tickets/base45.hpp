#pragma once

// Base45 (RFC 9285): bytes written with the 45 characters of the QR code's alphanumeric mode,
// so a ticket's QR code stays small (11 bits per 2 characters instead of 8 bits per byte).

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace kiosk {

enum class Base45Problem {
    BadCharacter, // a character outside the alphabet (lower case included)
    BadLength,    // one character left over: no group of Base45 is one character long
    OutOfRange,   // a group encodes a value that no bytes produce (above 65535, or 255 for two)
};

[[nodiscard]] std::string base45_encode(std::span<const std::uint8_t> bytes);
[[nodiscard]] tl::expected<std::vector<std::uint8_t>, Base45Problem>
base45_decode(std::string_view text);

} // namespace kiosk
