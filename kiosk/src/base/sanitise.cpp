#include "kiosk/base/sanitise.hpp"

#include <cstdint>

namespace kiosk {
namespace {

constexpr std::string_view replacement = "\xEF\xBF\xBD"; // U+FFFD

// Length of the valid UTF-8 sequence starting at `at` and its code point, or 0 when invalid
// (truncated, overlong, a surrogate or beyond U+10FFFF).
std::size_t read_code_point(std::string_view text, std::size_t at, std::uint32_t& code_point)
{
    const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(text[at + i]); };
    const std::uint8_t lead = byte(0);
    if (lead < 0x80) {
        code_point = lead;
        return 1;
    }
    std::size_t length = 0;
    std::uint32_t minimum = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        code_point = lead & 0x1Fu;
        minimum = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        code_point = lead & 0x0Fu;
        minimum = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        code_point = lead & 0x07u;
        minimum = 0x10000;
    } else {
        return 0;
    }
    if (at + length > text.size())
        return 0;
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xC0) != 0x80)
            return 0;
        code_point = code_point << 6 | (byte(i) & 0x3Fu);
    }
    if (code_point < minimum || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF))
        return 0;
    return length;
}

bool is_control(std::uint32_t code_point)
{
    return code_point < 0x20 || (code_point >= 0x7F && code_point <= 0x9F);
}

} // namespace

std::string sanitised_text(std::string_view raw, std::size_t max_bytes)
{
    std::string text;
    text.reserve(std::min(raw.size(), max_bytes));
    std::size_t at = 0;
    while (at < raw.size()) {
        std::uint32_t code_point = 0;
        const std::size_t length = read_code_point(raw, at, code_point);
        const std::string_view piece =
            length == 0 || is_control(code_point) ? replacement : raw.substr(at, length);
        if (text.size() + piece.size() > max_bytes)
            break;
        text += piece;
        at += length == 0 ? 1 : length;
    }
    return text;
}

std::string excerpt(std::string_view raw)
{
    constexpr std::size_t most = 80;
    std::string shown = sanitised_text(raw, most);
    if (raw.size() > most)
        shown += "…";
    return shown;
}

} // namespace kiosk
