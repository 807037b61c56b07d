#pragma once

// Where everything goes on a screen of a given size: placed texts (already fitted to their
// width), boxes and QR codes, for the page shown now. The renderer only draws this.

#include "kiosk_display/board_model.hpp"
#include "kiosk_display/palette.hpp"
#include "kiosk_display/text_measurer.hpp"
#include "kiosk_qr/qr_code.hpp"

#include <memory>
#include <string>
#include <vector>

namespace kiosk_display {

// Join links are encoded by the printing library, the same way as tickets.
using kiosk_qr::encode_qr;
using kiosk_qr::QrCode;
using kiosk_qr::qr_quiet_zone;

struct ScreenSize {
    unsigned width = 1920;
    unsigned height = 1080;
};

struct Rect {
    float x = 0;
    float y = 0;
    float width = 0;
    float height = 0;
};

struct PlacedBox {
    Rect area;
    Colour colour;
};

struct PlacedText {
    Rect area; // one line: the text's measured width never exceeds area.width
    std::string text;
    TextStyle style;
    Colour colour;
};

struct PlacedQr {
    Rect area; // square, quiet zone included
    int module_pixels = 1;
    std::shared_ptr<const QrCode> code;
    std::string url;
};

struct ColumnPages {
    int page = 0;  // the one shown, from 0
    int count = 1; // how many the column needs
};

struct BoardLayout {
    ScreenSize screen;
    std::vector<PlacedBox> boxes; // drawn first
    std::vector<PlacedText> texts;
    std::vector<PlacedQr> qr_codes;
    std::vector<ColumnPages> columns;
    unsigned body_pixels = 0; // the size of ordinary text, for checks
    // Drawn over everything else: the check-in greetings, which cover the top of the
    // sections for a moment rather than pushing the whole board around.
    std::vector<PlacedBox> overlay_boxes;
    std::vector<PlacedText> overlay_texts;
};

// Seconds each page stays up when a column has more rows than fit.
inline constexpr int page_seconds = 8;

// Lays `board` out on `screen`. Columns with more rows than fit are split into pages and show
// page `page_turn % count`; nothing is dropped. Portrait screens stack everything in one column.
[[nodiscard]] BoardLayout layout_board(const Board& board, ScreenSize screen,
                                       const TextMeasurer& measurer, unsigned page_turn);

// Every line of text on the layout, top to bottom: what a person would read, then the
// greetings drawn over it. Used by --dump-model and tests.
[[nodiscard]] std::string layout_text(const BoardLayout& layout);

} // namespace kiosk_display
