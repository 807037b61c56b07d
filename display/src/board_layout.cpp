// The whole screen: header band, notice bands, one or two columns of sections (paged when
// they hold more than fits), or the empty-day message, and the staff corner at the bottom.

#include "kiosk_display/board_layout.hpp"

#include "kiosk_display/text_fit.hpp"
#include "layout_parts.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace kiosk_display {
namespace {

using layout::Block;
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

float place_header(BoardLayout& layout, const Board& board, const Metrics& metrics, float top,
                   const TextMeasurer& measurer)
{
    const bool trusted = board.header.trust == ClockTrust::Synchronised;
    const TextStyle large{Weight::Bold, metrics.large};
    const TextStyle body{Weight::Regular, metrics.body};
    const std::size_t first_text = layout.texts.size();
    float y = top + metrics.margin * 0.8f;
    if (trusted) {
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

// Notices of one size, one after the other from `y`: an alert in large type on up to three
// lines, an information band on up to two. Longer text ends with "…".
float place_bands(BoardLayout& layout, const Board& board, BandSize size, const Metrics& metrics,
                  float y, const TextMeasurer& measurer)
{
    const float width = static_cast<float>(metrics.screen.width);
    const bool take_over = size == BandSize::TakeOver;
    const TextStyle style{Weight::Bold, take_over ? metrics.large : metrics.body};
    const float line = take_over ? std::round(static_cast<float>(metrics.large) * 1.3f) : metrics.line;
    const float text_width = width - 2 * metrics.margin;
    for (const auto& band : board.bands) {
        if (band.size != size)
            continue;
        const BadgeColours colours = badge_colours(band.tone);
        const auto lines = wrap_lines(measurer, band.text, style, text_width, take_over ? 3 : 2);
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

struct Column {
    float x = 0;
    float width = 0;
    std::vector<const BoardSection*> sections;
};

// Splits a column's blocks into pages of at most `height`; a section continued on a new page
// repeats its heading.
std::vector<std::vector<Block>> paginate(const Column& column, const Metrics& metrics,
                                         float height, const TextMeasurer& measurer)
{
    std::vector<std::vector<Block>> pages(1);
    float used = 0;
    for (const BoardSection* section : column.sections) {
        const Block heading = layout::heading_block(section->heading, metrics, column.width, measurer);
        bool heading_placed = false;
        for (const auto& row : section->rows) {
            const Block block = layout::row_block(row, metrics, column.width, measurer);
            const float needed = block.height + (heading_placed ? 0 : heading.height);
            if (used > 0 && used + needed > height) {
                pages.emplace_back();
                used = 0;
                if (heading_placed) {
                    pages.back().push_back(layout::heading_block(section->heading + " (suite)",
                                                                 metrics, column.width, measurer));
                    used += pages.back().back().height;
                }
            }
            if (!heading_placed) {
                pages.back().push_back(heading);
                used += heading.height;
                heading_placed = true;
            }
            pages.back().push_back(block);
            used += block.height;
        }
        used += metrics.gap;
    }
    return pages;
}

ColumnPages place_column(BoardLayout& layout, const Column& column, const Metrics& metrics,
                         float top, float bottom, unsigned page_turn, const TextMeasurer& measurer)
{
    auto pages = paginate(column, metrics, bottom - top, measurer);
    if (pages.size() > 1) // keep a line for "page k / n"
        pages = paginate(column, metrics, bottom - top - metrics.line, measurer);
    const int count = static_cast<int>(pages.size());
    const int page = static_cast<int>(page_turn % static_cast<unsigned>(count));
    float y = top;
    for (const auto& block : pages[static_cast<std::size_t>(page)]) {
        layout::place(layout, block, column.x, y);
        y += block.height;
    }
    if (count > 1) {
        const TextStyle style{Weight::Regular, metrics.body};
        const std::string label = fmt::format("page {} / {}", page + 1, count);
        const float width = std::min(measurer.width(label, style), column.width);
        layout.texts.push_back(text_at(column.x + column.width - width, bottom - metrics.line,
                                       width, metrics.line, label, style, palette::detail_text));
    }
    return {page, count};
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
    for (auto& line : wrap_lines(measurer, empty.next, body, width, 3)) {
        const float line_width = measurer.width(line, body);
        layout.texts.push_back(text_at(metrics.margin + (width - line_width) / 2, y, line_width,
                                       metrics.line, std::move(line), body, palette::detail_text));
        y += metrics.line;
    }
}

float place_staff_corner(BoardLayout& layout, const StaffCorner& staff, const Metrics& metrics,
                         const TextMeasurer& measurer)
{
    const TextStyle style{Weight::Regular, metrics.staff};
    const float height = std::round(static_cast<float>(metrics.staff) * 1.4f);
    const float top = static_cast<float>(metrics.screen.height) - height - metrics.margin * 0.4f;
    float right = static_cast<float>(metrics.screen.width) - metrics.margin;
    const std::string text =
        staff.camera + " · " + staff.data + (staff.link.empty() ? "" : " · " + staff.link);
    const float width = measurer.width(text, style);
    layout.texts.push_back(text_at(right - width, top, width, height, text, style,
                                   palette::staff_text));
    right -= width + metrics.gap;
    if (!staff.staff_call.empty()) {
        // Someone at the door needs staff: a marker they notice from the desk.
        const TextStyle bold{Weight::Bold, metrics.staff};
        const BadgeColours colours = badge_colours(Tone::Caution);
        const float call_width = measurer.width(staff.staff_call, bold);
        const float padding = std::round(static_cast<float>(metrics.staff) * 0.4f);
        layout.boxes.push_back({{right - call_width - 2 * padding, top, call_width + 2 * padding,
                                 height},
                                colours.background});
        layout.texts.push_back(text_at(right - call_width - padding, top, call_width, height,
                                       staff.staff_call, bold, colours.text));
        right -= call_width + 2 * padding + metrics.gap;
    }
    if (staff.freshness == Freshness::Stale) {
        const TextStyle bold{Weight::Bold, metrics.staff};
        const float badge_width = measurer.width(staff.stale_badge, bold);
        const float padding = std::round(static_cast<float>(metrics.staff) * 0.4f);
        layout.boxes.push_back({{right - badge_width - 2 * padding, top, badge_width + 2 * padding,
                                 height},
                                palette::stale_background});
        layout.texts.push_back(text_at(right - badge_width - padding, top, badge_width, height,
                                       staff.stale_badge, bold, palette::stale_text));
    }
    return top;
}

} // namespace

BoardLayout layout_board(const Board& board, ScreenSize screen, const TextMeasurer& measurer,
                         unsigned page_turn)
{
    const Metrics metrics = layout::metrics_for(screen);
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
            place_column(layout, column, metrics, top, bottom, page_turn, measurer));
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
