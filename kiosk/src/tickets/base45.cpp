#include "tickets/base45.hpp"

#include <array>

namespace kiosk {
namespace {

constexpr std::string_view alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

constexpr std::array<std::int8_t, 256> make_values()
{
    std::array<std::int8_t, 256> values{};
    values.fill(-1);
    for (std::size_t i = 0; i < alphabet.size(); ++i)
        values[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
    return values;
}

constexpr std::array<std::int8_t, 256> values = make_values();

} // namespace

std::string base45_encode(std::span<const std::uint8_t> bytes)
{
    std::string text;
    text.reserve(bytes.size() / 2 * 3 + 2);
    std::size_t i = 0;
    for (; i + 1 < bytes.size(); i += 2) {
        unsigned n = bytes[i] * 256u + bytes[i + 1];
        for (int digit = 0; digit < 3; ++digit, n /= 45)
            text += alphabet[n % 45];
    }
    if (i < bytes.size()) {
        const unsigned n = bytes[i];
        text += alphabet[n % 45];
        text += alphabet[n / 45];
    }
    return text;
}

tl::expected<std::vector<std::uint8_t>, Base45Problem> base45_decode(std::string_view text)
{
    if (text.size() % 3 == 1)
        return tl::unexpected(Base45Problem::BadLength);
    std::vector<std::uint8_t> bytes;
    bytes.reserve(text.size() / 3 * 2 + 1);
    for (std::size_t i = 0; i < text.size(); i += 3) {
        const std::size_t group = std::min<std::size_t>(3, text.size() - i);
        unsigned n = 0;
        unsigned weight = 1;
        for (std::size_t digit = 0; digit < group; ++digit, weight *= 45) {
            const int value = values[static_cast<unsigned char>(text[i + digit])];
            if (value < 0)
                return tl::unexpected(Base45Problem::BadCharacter);
            n += static_cast<unsigned>(value) * weight;
        }
        if (group == 3) {
            if (n > 0xFFFF)
                return tl::unexpected(Base45Problem::OutOfRange);
            bytes.push_back(static_cast<std::uint8_t>(n >> 8));
            bytes.push_back(static_cast<std::uint8_t>(n & 0xFF));
        } else {
            if (n > 0xFF)
                return tl::unexpected(Base45Problem::OutOfRange);
            bytes.push_back(static_cast<std::uint8_t>(n));
        }
    }
    return bytes;
}

} // namespace kiosk
