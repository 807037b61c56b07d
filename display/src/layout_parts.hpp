#pragma once

// Internal to the layout: sizes derived from the screen, and blocks (a heading, a row) laid
// out at a column's width with coordinates relative to their own top.

#include "kiosk_display/board_layout.hpp"

#include <string>
#include <vector>

namespace kiosk_display::layout {

struct Metrics {
    ScreenSize screen;
    unsigned body = 0;  // ordinary text, at least 3.5 % of the screen height
    unsigned large = 0; // site name and clock
    unsigned staff = 0; // the small staff corner, read from close by
    float line = 0;     // height of a line of body text
    float margin = 0;
    float gap = 0;
    float qr_target = 0; // the side a join QR aims for
};

[[nodiscard]] Metrics metrics_for(ScreenSize screen);

struct Block {
    float height = 0;
    std::vector<PlacedBox> boxes;
    std::vector<PlacedText> texts;
    std::vector<PlacedQr> qr_codes;
};

[[nodiscard]] Block heading_block(const std::string& heading, const Metrics& metrics, float width,
                                  const TextMeasurer& measurer);
[[nodiscard]] Block row_block(const BoardRow& row, const Metrics& metrics, float width,
                              const TextMeasurer& measurer);

// The greetings on screen, drawn over the top of the sections between `top` and `bottom`:
// side by side on a landscape screen, stacked on a portrait one.
void place_banners(BoardLayout& layout, const Board& board, const Metrics& metrics, float top,
                   float bottom, const TextMeasurer& measurer);

// Copies `block` into `layout` with its top-left corner at (x, y).
void place(BoardLayout& layout, const Block& block, float x, float y);

[[nodiscard]] PlacedText text_at(float x, float y, float width, float height, std::string text,
                                 TextStyle style, Colour colour);

} // namespace kiosk_display::layout
