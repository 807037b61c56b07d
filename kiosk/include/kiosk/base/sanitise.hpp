#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kiosk {

// Makes arbitrary bytes safe to store and show: invalid UTF-8 and control characters become
// U+FFFD, and the result is cut, on a character boundary, to at most `max_bytes`.
[[nodiscard]] std::string sanitised_text(std::string_view raw, std::size_t max_bytes);

// What an error message may quote of a value read from a file: sanitised, at most 80 bytes,
// an ellipsis when cut (a list of 100 000 values is not echoed whole).
[[nodiscard]] std::string excerpt(std::string_view raw);

// A piece of a file name that people can read and any system accepts: lower case; Latin letters
// folded to ASCII ("Zoé Nguyễn" → "zoe-nguyen", ß → ss, Œ → oe, Ø → o); letters of other
// scripts (Greek, Cyrillic, Arabic, CJK…) kept as they are; anything else — spaces,
// punctuation, path separators, control and invisible characters, invalid UTF-8 — one hyphen
// between words, none at either end. At most `max_bytes`, cut on a character boundary; empty
// when nothing readable is left.
[[nodiscard]] std::string file_name_part(std::string_view text, std::size_t max_bytes);

} // namespace kiosk
