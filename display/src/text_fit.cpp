#include "kiosk_display/text_fit.hpp"

namespace kiosk_display {
namespace {

std::size_t sequence_length(unsigned char lead)
{
    if (lead < 0x80)
        return 1;
    if ((lead & 0xE0) == 0xC0)
        return 2;
    if ((lead & 0xF0) == 0xE0)
        return 3;
    if ((lead & 0xF8) == 0xF0)
        return 4;
    return 1; // a stray continuation or invalid byte: keep it alone
}

bool is_continuation(unsigned char byte) { return (byte & 0xC0) == 0x80; }

bool starts_with_closing_mark(std::string_view text)
{
    for (const std::string_view mark : {":", ";", "!", "?", "»", "\u00A0"})
        if (text.starts_with(mark))
            return true;
    return false;
}

// The byte length of the longest prefix of `points` (a code point split of some text) whose
// shortened form fits.
std::string shortened(const TextMeasurer& measurer, const std::vector<std::string_view>& points,
                      std::string_view text, TextStyle style, float max_width)
{
    // Binary search on the number of code points kept before the ellipsis.
    std::size_t low = 0;
    std::size_t high = points.size();
    auto prefix_bytes = [&](std::size_t count) {
        return count == 0 ? 0 : static_cast<std::size_t>(points[count - 1].data() +
                                                         points[count - 1].size() - text.data());
    };
    auto candidate = [&](std::size_t count) {
        std::string kept(text.substr(0, prefix_bytes(count)));
        while (!kept.empty() && kept.back() == ' ')
            kept.pop_back();
        return kept + std::string(ellipsis);
    };
    while (low < high) {
        const std::size_t middle = (low + high + 1) / 2;
        if (measurer.width(candidate(middle), style) <= max_width)
            low = middle;
        else
            high = middle - 1;
    }
    std::string result = candidate(low);
    if (measurer.width(result, style) > max_width)
        return {};
    return result;
}

} // namespace

std::vector<std::string_view> code_points(std::string_view text)
{
    std::vector<std::string_view> points;
    std::size_t at = 0;
    while (at < text.size()) {
        std::size_t length = sequence_length(static_cast<unsigned char>(text[at]));
        if (at + length > text.size())
            length = 1;
        for (std::size_t i = 1; i < length; ++i)
            if (!is_continuation(static_cast<unsigned char>(text[at + i])))
                length = 1;
        points.push_back(text.substr(at, length));
        at += length;
    }
    return points;
}

std::string fit_line(const TextMeasurer& measurer, std::string_view text, TextStyle style,
                     float max_width)
{
    if (measurer.width(text, style) <= max_width)
        return std::string(text);
    return shortened(measurer, code_points(text), text, style, max_width);
}

LineSplit take_line(const TextMeasurer& measurer, std::string_view text, TextStyle style,
                    float max_width, WordCut cut)
{
    while (!text.empty() && text.front() == ' ')
        text.remove_prefix(1);
    std::size_t best = 0;
    if (measurer.width(text, style) <= max_width) {
        best = text.size();
    } else {
        // The longest run of whole words that fits. French puts a space before ":", ";", "!",
        // "?" and "»": a line never starts with one of them.
        for (std::size_t space = text.find(' '); space != std::string_view::npos;
             space = text.find(' ', space + 1)) {
            if (measurer.width(text.substr(0, space), style) > max_width)
                break;
            if (!starts_with_closing_mark(text.substr(space + 1)))
                best = space;
        }
        if (best == 0 && cut == WordCut::Allowed) {
            // A single over-long word is cut, keeping whole code points.
            std::size_t bytes = 0;
            for (const auto point : code_points(text)) {
                if (bytes > 0 && measurer.width(text.substr(0, bytes + point.size()), style) > max_width)
                    break;
                bytes += point.size();
            }
            best = bytes;
        }
    }
    std::string_view line = text.substr(0, best);
    std::string_view rest = text.substr(best);
    while (!line.empty() && line.back() == ' ')
        line.remove_suffix(1);
    while (!rest.empty() && rest.front() == ' ')
        rest.remove_prefix(1);
    return {std::string(line), rest};
}

std::vector<std::string> wrap_lines(const TextMeasurer& measurer, std::string_view text,
                                    TextStyle style, float max_width, int max_lines)
{
    std::vector<std::string> lines;
    if (max_lines <= 0)
        return lines;
    std::string_view rest = text;
    while (!rest.empty() && rest.front() == ' ')
        rest.remove_prefix(1);
    while (!rest.empty()) {
        if (static_cast<int>(lines.size()) == max_lines - 1) {
            lines.push_back(fit_line(measurer, rest, style, max_width));
            return lines;
        }
        auto split = take_line(measurer, rest, style, max_width);
        lines.push_back(std::move(split.line));
        rest = split.rest;
    }
    return lines;
}

} // namespace kiosk_display
