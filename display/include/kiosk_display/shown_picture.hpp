#pragma once

// What is on the screen now, so a turn of the loop can tell whether a freshly composed board
// would look any different. A reload that changed nothing visible, or a camera state the
// board already shows, then costs a comparison instead of a full software redraw.

#include "kiosk_display/board_layout.hpp"
#include "kiosk_display/kiosk_behaviour.hpp"

#include <optional>

namespace kiosk_display {

enum class Redraw { No, Yes };

class ShownPicture {
public:
    // Yes when `next`, moved by `offset` against burn-in, differs from the picture on screen
    // in any box, text, code or greeting, or when the screen holds nothing we know of.
    [[nodiscard]] Redraw compare(const BoardLayout& next, PixelOffset offset) const;
    // `layout` (before the burn-in shift) and `offset` are now on screen.
    void shown(BoardLayout layout, PixelOffset offset);
    // The screen no longer holds the last picture (resized, uncovered, switched back on).
    void forget();

private:
    struct Picture {
        BoardLayout layout;
        PixelOffset offset;
    };
    std::optional<Picture> on_screen_;
};

// Whether two layouts draw the same pixels: same boxes, texts, codes and greetings in the
// same places. The page counts matter too (they decide when pages turn).
[[nodiscard]] bool same_picture(const BoardLayout& left, const BoardLayout& right);

} // namespace kiosk_display
