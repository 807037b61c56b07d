#pragma once

// How wide a piece of text is on screen. The board model fits and pages text through this
// interface, so it can be computed and tested without a window or a font.

#include <string_view>

namespace kiosk_display {

enum class Weight { Regular, Bold };

struct TextStyle {
    Weight weight = Weight::Regular;
    unsigned pixel_size = 16;

    friend bool operator==(const TextStyle&, const TextStyle&) = default;
};

class TextMeasurer {
public:
    virtual ~TextMeasurer() = default;
    // The advance width in pixels of UTF-8 `text` on one line, kerning included.
    [[nodiscard]] virtual float width(std::string_view text, TextStyle style) const = 0;
};

} // namespace kiosk_display
