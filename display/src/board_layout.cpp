// The whole screen: header band, notice bands, one or two columns of sections (paged when
// they hold more than fits), or the empty-day message, and the staff corner at the bottom.

#include "kiosk_display/board_layout.hpp"

#include "kiosk_display/text_fit.hpp"
#include "layout_parts.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <fmt/format.h>

namespace kiosk_display {
namespace {

using layout::Column;
using layout::Metrics;
using layout::text_at;

// Two texts on one line, one left and one right; the right one moves below when both do not
// fit. Returns the height used.
float pair_line(BoardLayout& layout, const Metrics& metrics, float y, const std::string& left,
                TextStyle left_style, const std::string& right, TextStyle right_style,
                Colour right_colour, const TextMeasurer& measurer)
{
    const float x = metrics.margin;
    const float width = static_cast<float>(metrics.screen.width) - 2 * metrics.margin;
    const float left_height = std::round(static_cast<float>(left_style.pixel_size) * 1.3f);
    const float right_height = std::round(static_cast<float>(right_style.pixel_size) * 1.3f);
    const float left_width = measurer.width(left, left_style);
    const float right_width = std::min(measurer.width(right, right_style), width);
    if (right.empty() || left_width + metrics.gap * 2 + right_width <= width) {
        const float height = right.empty() ? left_height : std::max(left_height, right_height);
        const float left_room = right.empty() ? width : width - right_width - metrics.gap * 2;
        layout.texts.push_back(text_at(x, y, left_room, height,
                                       fit_line(measurer, left, left_style, left_room), left_style,
                                       palette::header_text));
        layout.texts.push_back(text_at(x + width - right_width, y, right_width, height,
                                       fit_line(measurer, right, right_style, right_width),
                                       right_style, right_colour));
        return height;
    }
    layout.texts.push_back(text_at(x, y, width, left_height,
                                   fit_line(measurer, left, left_style, width), left_style,
                                   palette::header_text));
    layout.texts.push_back(text_at(x + width - right_width, y + left_height, right_width,
                                   right_height, fit_line(measurer, right, right_style, width),
                                   right_style, right_colour));
    return left_height + right_height;
}

bool header_on_one_line(const BoardHeader& header, const Metrics& metrics,
                        const TextMeasurer& measurer)
{
    const TextStyle large{Weight::Bold, metrics.large};
    const TextStyle body{Weight::Regular, metrics.body};
    const float width = static_cast<float>(metrics.screen.width) - 2 * metrics.margin;
    return measurer.width(header.site_name, large) + measurer.width(header.date, body) +
               measurer.width(header.clock, large) + metrics.gap * 6 <=
           width;
}

float place_header(BoardLayout& layout, const Board& board, const Metrics& metrics, float top,
                   const TextMeasurer& measurer)
{
    const bool trusted = board.header.trust == ClockTrust::Synchronised;
    const TextStyle large{Weight::Bold, metrics.large};
    const TextStyle body{Weight::Regular, metrics.body};
    const std::size_t first_text = layout.texts.size();
    float y = top + metrics.margin * 0.8f;
    if (trusted && header_on_one_line(board.header, metrics, measurer)) {
        // Site, date and clock on one line leave the height to the sessions.
        const float height = std::round(static_cast<float>(large.pixel_size) * 1.3f);
        const float site_width = measurer.width(board.header.site_name, large);
        const float date_x = metrics.margin + site_width + metrics.gap * 2;
        y += pair_line(layout, metrics, y, board.header.site_name, large, board.header.clock,
                       large, palette::header_text, measurer);
        const float date_height = metrics.line;
        layout.texts.push_back(text_at(date_x, y - date_height - (height - date_height) * 0.2f,
                                       measurer.width(board.header.date, body), date_height,
                                       board.header.date, body, palette::header_text));
    } else if (trusted) {
        y += pair_line(layout, metrics, y, board.header.site_name, large, board.header.clock,
                       large, palette::header_text, measurer);
        y += pair_line(layout, metrics, y, board.header.date, body, "", body,
                       palette::header_text, measurer);
    } else {
        y += pair_line(layout, metrics, y, board.header.site_name, large, "", large,
                       palette::header_text, measurer);
        y += pair_line(layout, metrics, y, board.header.date, body, board.header.clock,
                       TextStyle{Weight::Bold, metrics.body}, palette::heading_text, measurer);
    }
    y += metrics.margin * 0.8f;
    layout.boxes.push_back(
        PlacedBox{{0, top, static_cast<float>(metrics.screen.width), y - top}, palette::header_band});
    // Empty right-hand texts were only placeholders.
    layout.texts.erase(std::remove_if(layout.texts.begin() + static_cast<std::ptrdiff_t>(first_text),
                                      layout.texts.end(),
                                      [](const PlacedText& text) { return text.text.empty(); }),
                       layout.texts.end());
    return y;
}

// Notices of one size, one after the other from `y`: an alert in large type, an information
// band in body type, on notice_lines() lines. Longer text, which `notice add` refuses, ends
// with "…".
float place_bands(BoardLayout& layout, const Board& board, BandSize size, const Metrics& metrics,
                  float y, const TextMeasurer& measurer)
{
    const float width = static_cast<float>(metrics.screen.width);
    const bool take_over = size == BandSize::TakeOver;
    const TextStyle style = layout::band_style(size, metrics);
    const float line = take_over ? std::round(static_cast<float>(metrics.large) * 1.3f) : metrics.line;
    const float text_width = width - 2 * metrics.margin;
    for (const auto& band : board.bands) {
        if (band.size != size)
            continue;
        const BadgeColours colours = badge_colours(band.tone);
        const auto lines =
            wrap_lines(measurer, band.text, style, text_width, notice_lines(size, metrics.screen));
        const float padding = take_over ? metrics.margin : metrics.gap / 2;
        const float height = static_cast<float>(lines.size()) * line + 2 * padding;
        layout.boxes.push_back({{0, y, width, height}, colours.background});
        float line_y = y + padding;
        for (const auto& text : lines) {
            layout.texts.push_back(
                text_at(metrics.margin, line_y, text_width, line, text, style, colours.text));
            line_y += line;
        }
        y += height;
    }
    return y;
}

void place_empty_day(BoardLayout& layout, const EmptyDay& empty, const Metrics& metrics, float top,
                     const TextMeasurer& measurer)
{
    const float width = static_cast<float>(metrics.screen.width) - 2 * metrics.margin;
    const TextStyle headline{Weight::Bold, metrics.large};
    const TextStyle body{Weight::Regular, metrics.body};
    float y = top + metrics.line * 2;
    for (auto& line : wrap_lines(measurer, empty.headline, headline, width, 2)) {
        const float line_width = measurer.width(line, headline);
        const float height = std::round(static_cast<float>(metrics.large) * 1.3f);
        layout.texts.push_back(text_at(metrics.margin + (width - line_width) / 2, y, line_width,
                                       height, std::move(line), headline, palette::title_text));
        y += height;
    }
    y += metrics.line;
    for (const std::string* text : {&empty.opening, &empty.next}) {
        for (auto& line : wrap_lines(measurer, *text, body, width, 3)) {
            const float line_width = measurer.width(line, body);
            layout.texts.push_back(text_at(metrics.margin + (width - line_width) / 2, y,
                                           line_width, metrics.line, std::move(line), body,
                                           palette::detail_text));
            y += metrics.line;
        }
    }
}

// The staff corner, at the bottom right in body-size text like everything else: the camera,
// the data and the link in words, after a marker when someone at the door needs staff and one
// when the data on screen is old. Pieces that do not fit one line go onto another above the
// last. Returns the corner's top.
float place_staff_corner(BoardLayout& layout, const StaffCorner& staff, const Metrics& metrics,
                         const TextMeasurer& measurer)
{
    struct Piece {
        std::string text;
        TextStyle style;
        std::optional<BadgeColours> marker;
        float width = 0;
    };
    const TextStyle regular{Weight::Regular, metrics.staff};
    const TextStyle bold{Weight::Bold, metrics.staff};
    const float padding = std::round(static_cast<float>(metrics.staff) * 0.4f);
    const float room = static_cast<float>(metrics.screen.width) - 2 * metrics.margin;
    std::vector<Piece> pieces;
    if (staff.freshness == Freshness::Stale)
        pieces.push_back({staff.stale_badge, bold,
                          BadgeColours{palette::stale_background, palette::stale_text}});
    if (!staff.staff_call.empty())
        pieces.push_back({staff.staff_call, bold, badge_colours(Tone::Caution)});
    for (const std::string* words : {&staff.camera, &staff.data, &staff.link})
        if (!words->empty())
            pieces.push_back({(pieces.empty() || pieces.back().marker ? "" : "· ") + *words, regular,
                              std::nullopt});
    std::vector<std::vector<Piece>> lines(1);
    float used = 0;
    for (auto& piece : pieces) {
        piece.text = fit_line(measurer, piece.text, piece.style, room - 2 * padding);
        piece.width = measurer.width(piece.text, piece.style) + (piece.marker ? 2 * padding : 0);
        if (!lines.back().empty() && used + metrics.gap + piece.width > room) {
            lines.emplace_back();
            used = 0;
            if (!piece.marker && piece.text.starts_with("· ")) {
                piece.text.erase(0, std::string_view("· ").size());
                piece.width = measurer.width(piece.text, piece.style);
            }
        }
        used += (lines.back().empty() ? 0 : metrics.gap) + piece.width;
        lines.back().push_back(piece);
    }
    const float height = std::round(static_cast<float>(metrics.staff) * 1.3f);
    const float top = static_cast<float>(metrics.screen.height) - metrics.margin * 0.4f -
                      height * static_cast<float>(lines.size());
    float y = top;
    for (const auto& line : lines) {
        float width = 0;
        for (const auto& piece : line)
            width += piece.width + (width > 0 ? metrics.gap : 0);
        float x = static_cast<float>(metrics.screen.width) - metrics.margin - width;
        for (const auto& piece : line) {
            const float inner = piece.marker ? padding : 0;
            if (piece.marker)
                layout.boxes.push_back({{x, y, piece.width, height}, piece.marker->background});
            layout.texts.push_back(text_at(x + inner, y, piece.width - 2 * inner, height, piece.text,
                                           piece.style,
                                           piece.marker ? piece.marker->text : palette::staff_text));
            x += piece.width + metrics.gap;
        }
        y += height;
    }
    return top;
}

BoardLayout layout_with(const Board& board, const Metrics& metrics, const TextMeasurer& measurer,
                        unsigned page_turn)
{
    const ScreenSize screen = metrics.screen;
    BoardLayout layout;
    layout.screen = screen;
    layout.body_pixels = metrics.body;

    float top = place_bands(layout, board, BandSize::TakeOver, metrics, 0, measurer);
    top = place_header(layout, board, metrics, top, measurer);
    top = place_bands(layout, board, BandSize::Band, metrics, top, measurer) + metrics.gap;
    const float bottom = place_staff_corner(layout, board.staff, metrics, measurer) - metrics.gap;
    layout::place_banners(layout, board, metrics, top, bottom, measurer);

    if (board.empty) {
        place_empty_day(layout, *board.empty, metrics, top, measurer);
        return layout;
    }

    const float width = static_cast<float>(screen.width) - 2 * metrics.margin;
    Column site{metrics.margin, width, {}};
    Column online{metrics.margin, width, {}};
    for (const auto& section : board.sections)
        (section.kind == SectionKind::Online ? online : site).sections.push_back(&section);

    std::vector<Column> columns;
    if (screen.height >= screen.width || site.sections.empty() || online.sections.empty()) {
        Column all{metrics.margin, width, {}};
        for (const auto& section : board.sections)
            all.sections.push_back(&section);
        columns.push_back(all);
    } else {
        site.width = std::round((width - metrics.margin * 2) * 0.56f);
        online.x = site.x + site.width + metrics.margin * 2;
        online.width = width - site.width - metrics.margin * 2;
        columns.push_back(site);
        columns.push_back(online);
        layout.boxes.push_back({{online.x - metrics.margin - 1, top, 2, bottom - top},
                                palette::separator});
    }
    for (const auto& column : columns)
        layout.columns.push_back(
            layout::place_column(layout, board, column, metrics, top, bottom, page_turn, measurer));
    return layout;
}

} // namespace

BoardLayout layout_board(const Board& board, ScreenSize screen, const TextMeasurer& measurer,
                         unsigned page_turn)
{
    // A portrait screen is a landscape panel turned: text of 3.6 % of its height is nearly twice
    // the size that reads from three metres on the same panel laid flat. It is used when the day
    // fits on two pages at that size; a busier day steps down, never below the landscape size.
    BoardLayout layout;
    for (const unsigned body : layout::body_sizes(screen)) {
        layout = layout_with(board, layout::metrics_for(screen, body), measurer, page_turn);
        if (std::all_of(layout.columns.begin(), layout.columns.end(),
                        [](const ColumnPages& column) { return column.count <= max_pages; }))
            break;
    }
    return layout;
}

std::string layout_text(const BoardLayout& layout)
{
    std::vector<const PlacedText*> texts;
    for (const auto& text : layout.texts)
        texts.push_back(&text);
    std::stable_sort(texts.begin(), texts.end(), [](const PlacedText* a, const PlacedText* b) {
        if (std::abs(a->area.y - b->area.y) > 1.0f)
            return a->area.y < b->area.y;
        return a->area.x < b->area.x;
    });
    std::string out;
    for (const PlacedText* text : texts) {
        out += text->text;
        out += '\n';
    }
    for (const auto& qr : layout.qr_codes)
        out += "QR " + qr.url + '\n';
    for (const auto& text : layout.overlay_texts) {
        out += text.text;
        out += '\n';
    }
    return out;
}

} // namespace kiosk_display
