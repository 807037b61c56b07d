#include "kiosk/base/sanitise.hpp"

#include <cctype>
#include <cstdint>
#include <utility>

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

namespace {

// U+00C0–U+024F and U+1E00–U+1EFF folded to one ASCII letter, from the Unicode decompositions
// without their marks, plus the letters that have none (ø, đ, ł, ħ…): '*' for the ligatures and
// special letters of `folded_words`, '?' for a letter to keep as it is, '.' for a symbol (× ÷).
constexpr std::string_view latin_letters =
    "aaaaaa*ceeeeiiiidnooooo.ouuuuy**aaaaaa*ceeeeiiiidnooooo.ouuuuy*y"
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkklllllll"
    "lllnnnnnnn**oooooo**rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs"
    "bbbb??occdddd?eeeffgg*iikkl?mnnooo**pp?ss??ttttuuuvyyzzzzz??ss?w"
    "????*********aaiioouuuuuuuuuueaaaa**ggggkkoooozzj***gg*wnnaa**oo"
    "aaaaeeeeiiiioooorrrruuuussttyyhhnd**zzaaeeooooooooyylntj**acclts"
    "z??bu?eejjqqrryy";
constexpr std::string_view latin_additional_letters =
    "aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkkllllllllmm"
    "mmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuuuuvvvv"
    "wwwwwwwwwwxxxxyyzzzzzzhtwyasss*daaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee"
    "eeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy**vvyy";

constexpr std::pair<std::uint32_t, std::string_view> folded_words[] = {
    {0x00C6, "ae"}, {0x00DE, "th"}, {0x00DF, "ss"}, {0x00E6, "ae"}, {0x00FE, "th"}, {0x0132, "ij"},
    {0x0133, "ij"}, {0x014A, "ng"}, {0x014B, "ng"}, {0x0152, "oe"}, {0x0153, "oe"}, {0x0195, "hv"},
    {0x01A2, "oi"}, {0x01A3, "oi"}, {0x01C4, "dz"}, {0x01C5, "dz"}, {0x01C6, "dz"}, {0x01C7, "lj"},
    {0x01C8, "lj"}, {0x01C9, "lj"}, {0x01CA, "nj"}, {0x01CB, "nj"}, {0x01CC, "nj"}, {0x01E2, "ae"},
    {0x01E3, "ae"}, {0x01F1, "dz"}, {0x01F2, "dz"}, {0x01F3, "dz"}, {0x01F6, "hv"}, {0x01FC, "ae"},
    {0x01FD, "ae"}, {0x0222, "ou"}, {0x0223, "ou"}, {0x0238, "db"}, {0x0239, "qp"}, {0x1E9E, "ss"},
    {0x1EFA, "ll"}, {0x1EFB, "ll"},
};

enum class Kind { Folded, Kept, Mark, Separator };

bool in(std::uint32_t point, std::uint32_t first, std::uint32_t last)
{
    return point >= first && point <= last;
}

// Punctuation, spaces, symbols, invisible and format characters of the scripts kept whole: in
// a file name they separate words like a space does (and some, bidi controls, would disguise
// the name).
bool separates(std::uint32_t p)
{
    return in(p, 0x02B0, 0x02FF) || p == 0x037E || p == 0x0387 || in(p, 0x055A, 0x055F) ||
           in(p, 0x0589, 0x058A) || p == 0x05BE || p == 0x05C0 || p == 0x05C3 || p == 0x05C6 ||
           in(p, 0x05F3, 0x05F4) || in(p, 0x0600, 0x060F) || in(p, 0x061B, 0x061F) ||
           in(p, 0x066A, 0x066D) || p == 0x06D4 || in(p, 0x06DD, 0x06DE) || in(p, 0x0700, 0x070F) ||
           in(p, 0x0964, 0x0965) || p == 0x0970 || p == 0x0E4F || in(p, 0x0E5A, 0x0E5B) ||
           p == 0x10FB || in(p, 0x1360, 0x1368) || in(p, 0x166D, 0x166E) || p == 0x1680 ||
           in(p, 0x169B, 0x169C) || in(p, 0x16EB, 0x16ED) || in(p, 0x17D4, 0x17DA) ||
           in(p, 0x1800, 0x180F) || in(p, 0x2000, 0x2BFF) || in(p, 0x2E00, 0x2E7F) ||
           in(p, 0x3000, 0x3004) || in(p, 0x3008, 0x303F) || in(p, 0xD800, 0xF8FF) ||
           in(p, 0xFE00, 0xFE1F) || in(p, 0xFE30, 0xFE6F) || p == 0xFEFF || in(p, 0xFF00, 0xFF0F) ||
           in(p, 0xFF1A, 0xFF20) || in(p, 0xFF3B, 0xFF40) || in(p, 0xFF5B, 0xFF65) || p >= 0xFFF0;
}

// What `point` becomes in a file name; `folded` receives the ASCII of a folded letter.
Kind classify(std::uint32_t point, std::string& folded)
{
    folded.clear();
    if (point < 0x80) {
        if (!std::isalnum(static_cast<unsigned char>(point)))
            return Kind::Separator;
        folded = static_cast<char>(std::tolower(static_cast<int>(point)));
        return Kind::Folded;
    }
    const auto latin = [&](std::string_view table, std::uint32_t first) {
        const char letter = table[point - first];
        if (letter == '.')
            return Kind::Separator;
        if (letter == '?')
            return Kind::Kept;
        if (letter == '*') {
            for (const auto& [candidate, word] : folded_words)
                if (candidate == point)
                    folded = word;
        } else {
            folded = letter;
        }
        return Kind::Folded;
    };
    if (in(point, 0xC0, 0x24F))
        return latin(latin_letters, 0xC0);
    if (in(point, 0x1E00, 0x1EFF))
        return latin(latin_additional_letters, 0x1E00);
    // Decomposed accents ("e" then U+0301) vanish with the letter folded before them.
    if (in(point, 0x0300, 0x036F) || in(point, 0x1DC0, 0x1DFF) || in(point, 0xFE20, 0xFE2F))
        return Kind::Mark;
    if (point < 0x250 || separates(point) || point >= 0x1D000)
        return Kind::Separator;
    return Kind::Kept;
}

// Greek and Cyrillic capitals in lower case, as the Latin ones.
std::uint32_t lower_case(std::uint32_t point)
{
    if (in(point, 0x0391, 0x03A9) && point != 0x03A2)
        return point + 0x20;
    if (in(point, 0x0410, 0x042F))
        return point + 0x20;
    if (in(point, 0x0400, 0x040F))
        return point + 0x50;
    return point;
}

void append_utf8(std::string& text, std::uint32_t point)
{
    if (point < 0x800) {
        text += static_cast<char>(0xC0 | (point >> 6));
    } else if (point < 0x10000) {
        text += static_cast<char>(0xE0 | (point >> 12));
        text += static_cast<char>(0x80 | ((point >> 6) & 0x3F));
    } else {
        text += static_cast<char>(0xF0 | (point >> 18));
        text += static_cast<char>(0x80 | ((point >> 12) & 0x3F));
        text += static_cast<char>(0x80 | ((point >> 6) & 0x3F));
    }
    text += static_cast<char>(0x80 | (point & 0x3F));
}

} // namespace

std::string file_name_part(std::string_view text, std::size_t max_bytes)
{
    std::string part;
    std::string piece;
    bool pending_hyphen = false;
    for (std::size_t at = 0; at < text.size();) {
        std::uint32_t point = 0;
        const std::size_t length = read_code_point(text, at, point);
        at += length == 0 ? 1 : length;
        const Kind kind = length == 0 ? Kind::Separator : classify(point, piece);
        if (kind == Kind::Mark)
            continue;
        if (kind == Kind::Separator) {
            pending_hyphen = !part.empty();
            continue;
        }
        if (kind == Kind::Kept) {
            piece.clear();
            append_utf8(piece, lower_case(point));
        }
        if (part.size() + (pending_hyphen ? 1 : 0) + piece.size() > max_bytes)
            break;
        if (pending_hyphen)
            part += '-';
        pending_hyphen = false;
        part += piece;
    }
    return part;
}

} // namespace kiosk
