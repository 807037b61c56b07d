#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace kiosk {

// Makes arbitrary bytes safe to store and show: invalid UTF-8 and control characters become
// U+FFFD, and the result is cut, on a character boundary, to at most `max_bytes`.
[[nodiscard]] std::string sanitised_text(std::string_view raw, std::size_t max_bytes);

} // namespace kiosk
