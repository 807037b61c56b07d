#pragma once

// Fitting text into a width by measuring it: shortened with an ellipsis, or wrapped onto a
// few lines. Works on whole UTF-8 code points, so accents and emoji are never cut in half.

#include "kiosk_display/text_measurer.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kiosk_display {

inline constexpr std::string_view ellipsis = "…";

// Splits UTF-8 text into code points (as byte ranges); an invalid byte stands for itself.
[[nodiscard]] std::vector<std::string_view> code_points(std::string_view text);

// `text` when it fits in `max_width`, else its longest prefix followed by "…" that fits
// (just "…" or nothing when even that is too wide).
[[nodiscard]] std::string fit_line(const TextMeasurer& measurer, std::string_view text,
                                   TextStyle style, float max_width);

// Breaks `text` at spaces into at most `max_lines` lines of at most `max_width`; a word wider
// than a line is cut; what does not fit ends the last line with "…".
[[nodiscard]] std::vector<std::string> wrap_lines(const TextMeasurer& measurer,
                                                  std::string_view text, TextStyle style,
                                                  float max_width, int max_lines);

// The first line of `text` at `max_width`: its longest run of whole words that fits, or, when
// `cut` allows and not even one word fits, as much of that word as fits (at least one code
// point). `rest` is what remains, without leading spaces.
enum class WordCut { Allowed, Never };
struct LineSplit {
    std::string line;
    std::string_view rest;
};
[[nodiscard]] LineSplit take_line(const TextMeasurer& measurer, std::string_view text,
                                  TextStyle style, float max_width, WordCut cut = WordCut::Allowed);

} // namespace kiosk_display
