#pragma once

// Aligned columns of UTF-8 text for a terminal, where an accented letter takes one column.

#include <cstddef>
#include <string>

namespace kioskctl {

// Display width, counting code points.
[[nodiscard]] std::size_t columns(const std::string& text);
// Left-aligned in `width` columns, always followed by at least one space.
[[nodiscard]] std::string pad(const std::string& text, std::size_t width);
// Right-aligned in `width` columns, for numbers.
[[nodiscard]] std::string pad_left(const std::string& text, std::size_t width);
// At most `width` columns, ending with "…" when cut (never inside a UTF-8 sequence).
[[nodiscard]] std::string shorten(const std::string& text, std::size_t width);

} // namespace kioskctl
