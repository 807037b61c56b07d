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

// Sizes on `screen` with ordinary text of `body` pixels (default: 3.6 % of the height).
[[nodiscard]] Metrics metrics_for(ScreenSize screen, unsigned body = 0);

// The body sizes a layout tries, largest first: 3.6 % of the height, then, on a portrait
// screen, steps down to 3.6 % of its width — the size that reads from three metres on the
// same panel in landscape.
[[nodiscard]] std::vector<unsigned> body_sizes(ScreenSize screen);

// Notices: bold, an alert in large type.
[[nodiscard]] inline TextStyle band_style(BandSize size, const Metrics& metrics)
{
    return {Weight::Bold, size == BandSize::TakeOver ? metrics.large : metrics.body};
}

struct Block {
    float height = 0;
    std::vector<PlacedBox> boxes;
    std::vector<PlacedText> texts;
    std::vector<PlacedQr> qr_codes;
};

[[nodiscard]] Block heading_block(const std::string& heading, const Metrics& metrics, float width,
                                  const TextMeasurer& measurer);
// Full: every detail, on new lines if need be. Compact: the place whole, the other details only
// where the last line has room (a screen that would otherwise need more pages).
enum class RowForm { Full, Compact };

// `implied`: the state the section's heading already writes, left out of the row.
[[nodiscard]] Block row_block(const BoardRow& row, std::string_view implied,
                              const Metrics& metrics, float width, RowForm form,
                              const TextMeasurer& measurer);

// The greetings on screen, drawn over the top of the sections between `top` and `bottom`:
// side by side on a landscape screen, stacked on a portrait one.
void place_banners(BoardLayout& layout, const Board& board, const Metrics& metrics, float top,
                   float bottom, const TextMeasurer& measurer);

struct Column {
    float x = 0;
    float width = 0;
    std::vector<const BoardSection*> sections;
};

// Lays `column` out between `top` and `bottom` and shows page `page_turn % count`.
ColumnPages place_column(BoardLayout& layout, const Board& board, const Column& column,
                         const Metrics& metrics, float top, float bottom, unsigned page_turn,
                         const TextMeasurer& measurer);

// Copies `block` into `layout` with its top-left corner at (x, y).
void place(BoardLayout& layout, const Block& block, float x, float y);

[[nodiscard]] PlacedText text_at(float x, float y, float width, float height, std::string text,
                                 TextStyle style, Colour colour);

} // namespace kiosk_display::layout
