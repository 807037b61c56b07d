#pragma once

// Where everything goes on a screen of a given size: placed texts (already fitted to their
// width), boxes and QR codes, for the page shown now. The renderer only draws this.

#include "kiosk_display/board_model.hpp"
#include "kiosk_display/palette.hpp"
#include "kiosk_display/text_measurer.hpp"
#include "kiosk_qr/qr_code.hpp"

#include <memory>
#include <optional>
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
    // Which row of the board it belongs to, counting from 1 through the sections in order;
    // 0 for headings and everything else. For checks.
    std::size_t row = 0;
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
// Pages a column should need at most, so any session is on screen within 16 s: rows turn
// compact to stay within it.
inline constexpr int max_pages = 2;

// Lays `board` out on `screen`. Columns with more rows than fit are split into pages and show
// page `page_turn % count`; nothing is dropped. Portrait screens stack everything in one column.
[[nodiscard]] BoardLayout layout_board(const Board& board, ScreenSize screen,
                                       const TextMeasurer& measurer, unsigned page_turn);

// Every line of text on the layout, top to bottom: what a person would read, then the
// greetings drawn over it. Used by --dump-model and tests.
[[nodiscard]] std::string layout_text(const BoardLayout& layout);

} // namespace kiosk_display

namespace kiosk_display {

// Lines a notice may take: an information band two (three on a portrait screen, which has the
// height), an alert three (four).
[[nodiscard]] int notice_lines(BandSize size, ScreenSize screen);

struct NoticeFit {
    bool whole = true;
    std::size_t characters = 0; // in the text, counted as code points
    std::size_t fitting = 0;    // the most that show whole on the narrowest screen
    ScreenSize narrowest;       // where the text fits least
};

// Whether `text` shows whole as a notice of `size` on a landscape 1920×1080 and a portrait
// 1080×1920 board (any screen size scales the same), at the board's text sizes. The layout
// never shortens a notice that passes; `notice add` refuses one that does not.
[[nodiscard]] NoticeFit notice_fit(std::string_view text, BandSize size,
                                   const TextMeasurer& measurer);

// Why a notice cannot be posted as it is, in French with the length that fits, or nothing
// when it shows whole: "avis trop long pour l'écran : 112 caractères, …".
[[nodiscard]] std::optional<std::string> notice_refusal(std::string_view text, kiosk::NoticeLevel level,
                                                        const TextMeasurer& measurer);

} // namespace kiosk_display
