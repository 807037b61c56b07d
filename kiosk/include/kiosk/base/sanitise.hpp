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

} // namespace kiosk
