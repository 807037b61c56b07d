#pragma once

// The first pass over an iCalendar file, before libical sees it: libical forgives a lot
// silently and does not say where anything was, so this pass finds the physical line of every
// content line and refuses what is not a calendar at all.

#include "base/line_problem.hpp"

#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace kiosk {

struct ContentLine {
    std::string text;                            // unfolded, without the line break
    int line = 0;                                // physical line where it starts, from 1
    [[nodiscard]] std::string_view name() const; // "DTSTART", "BEGIN"…
};

// Strips a BOM, accepts CRLF and LF mixed, unfolds continuation lines (a fold may split a
// UTF-8 character: the bytes are joined before they are checked), then checks the result is
// UTF-8 text whose lines look like "NAME[;PARAM=…]:value" and whose BEGIN/END pairs match.
[[nodiscard]] tl::expected<std::vector<ContentLine>, LineProblem>
read_content_lines(std::string_view raw);

// The calendar again, each property tagged with an X-KIOSK-LINE parameter and each component
// with an X-KIOSK-LINE property, so what libical parses still knows where it came from.
[[nodiscard]] std::string with_line_tags(const std::vector<ContentLine>& lines);

// Valid UTF-8 with no control characters but tabs and line breaks.
[[nodiscard]] bool is_utf8_text(std::string_view text);

inline constexpr std::string_view line_tag = "X-KIOSK-LINE";
// The longest content line read, unfolded (a description of a few pages is some 10 KB).
inline constexpr std::size_t longest_content_line = 256 * 1024;

} // namespace kiosk
