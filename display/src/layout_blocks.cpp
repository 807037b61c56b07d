// A row of the board: its time in a fixed column, its title on up to two lines, then its
// state badges and details flowing on as many lines as they need. Nothing is dropped: only
// the details (room, end, trainer) are shortened with an ellipsis when a line runs out.

#include "layout_parts.hpp"

#include "kiosk_display/text_fit.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <mutex>

namespace kiosk_display::layout {

Metrics metrics_for(ScreenSize screen)
{
    Metrics metrics;
    metrics.screen = screen;
    const float height = static_cast<float>(screen.height);
    const float width = static_cast<float>(screen.width);
    metrics.body = static_cast<unsigned>(std::ceil(height * 0.036f));
    metrics.large = std::max(metrics.body,
                             static_cast<unsigned>(std::lround(std::min(
                                 static_cast<float>(metrics.body) * 1.5f, width * 0.075f))));
    metrics.staff = std::max(12u, static_cast<unsigned>(std::lround(height * 0.02f)));
    metrics.line = std::round(static_cast<float>(metrics.body) * 1.3f);
    metrics.margin = std::round(static_cast<float>(metrics.body) * 0.6f);
    metrics.gap = std::round(static_cast<float>(metrics.body) * 0.4f);
    metrics.qr_target = std::round(std::min(height, width) * 0.2f);
    return metrics;
}

PlacedText text_at(float x, float y, float width, float height, std::string text, TextStyle style,
                   Colour colour)
{
    return PlacedText{{x, y, width, height}, std::move(text), style, colour};
}

void place(BoardLayout& layout, const Block& block, float x, float y)
{
    auto moved = [&](Rect area) { return Rect{area.x + x, area.y + y, area.width, area.height}; };
    for (auto box : block.boxes) {
        box.area = moved(box.area);
        layout.boxes.push_back(std::move(box));
    }
    for (auto text : block.texts) {
        text.area = moved(text.area);
        layout.texts.push_back(std::move(text));
    }
    for (auto qr : block.qr_codes) {
        qr.area = moved(qr.area);
        layout.qr_codes.push_back(std::move(qr));
    }
}

Block heading_block(const std::string& heading, const Metrics& metrics, float width,
                    const TextMeasurer& measurer)
{
    Block block;
    const TextStyle style{Weight::Bold, metrics.body};
    const float height = metrics.line * 1.1f;
    block.texts.push_back(text_at(0, metrics.line * 0.1f, width, metrics.line,
                                  fit_line(measurer, heading, style, width), style,
                                  palette::heading_text));
    block.height = height;
    return block;
}

namespace {

// Encoding is the costliest step of a layout, and the same few join links come back on every
// frame: each address is encoded once. A day's links are few; the bound only guards against
// a board left running for months.
std::shared_ptr<const QrCode> qr_code_for(const std::string& url)
{
    static std::mutex mutex;
    static std::map<std::string, std::shared_ptr<const QrCode>> codes;
    std::lock_guard lock(mutex);
    if (const auto found = codes.find(url); found != codes.end())
        return found->second;
    if (codes.size() >= 256)
        codes.clear();
    return codes.emplace(url, std::make_shared<const QrCode>(encode_qr(url))).first->second;
}

// Places badges, then the detail text, left to right, wrapping onto new lines.
enum class Detail { Include, Skip };

// Lines wrap back to x0; the first one starts at start_x.
float flow_badges_and_detail(Block& block, const BoardRow& row, Detail detail,
                             const Metrics& metrics, float start_x, float x0, float y0,
                             float width, const TextMeasurer& measurer)
{
    const TextStyle badge_style{Weight::Bold, metrics.body};
    const TextStyle detail_style{Weight::Regular, metrics.body};
    const float padding = std::round(static_cast<float>(metrics.body) * 0.3f);
    const float inset = std::round(metrics.line * 0.06f);
    float x = start_x;
    float y = y0;
    bool line_used = start_x > x0;
    auto new_line = [&] {
        y += metrics.line;
        x = x0;
        line_used = false;
    };
    for (const auto& badge : row.badges) {
        float text_width = measurer.width(badge.word, badge_style);
        if (line_used && x + text_width + 2 * padding > x0 + width)
            new_line();
        const float room = x0 + width - x - 2 * padding;
        std::string word = text_width <= room ? badge.word
                                              : fit_line(measurer, badge.word, badge_style, room);
        text_width = std::min(text_width, std::max(room, 0.0f));
        const BadgeColours colours = badge_colours(badge.tone);
        block.boxes.push_back(
            {{x, y + inset, text_width + 2 * padding, metrics.line - 2 * inset}, colours.background});
        block.texts.push_back(text_at(x + padding, y, text_width, metrics.line, std::move(word),
                                      badge_style, colours.text));
        x += text_width + 2 * padding + metrics.gap;
        line_used = true;
    }
    if (detail == Detail::Include && !row.detail.empty()) {
        // Details go after the badges when they fit there, else on a line of their own.
        if (line_used && measurer.width(row.detail, detail_style) > x0 + width - x)
            new_line();
        const float available = x0 + width - x;
        block.texts.push_back(text_at(x, y, available, metrics.line,
                                      fit_line(measurer, row.detail, detail_style, available),
                                      detail_style, palette::detail_text));
        line_used = true;
    }
    return line_used ? y + metrics.line : y;
}

} // namespace

Block row_block(const BoardRow& row, const Metrics& metrics, float width,
                const TextMeasurer& measurer)
{
    Block block;
    const TextStyle title_style{Weight::Bold, metrics.body};
    const float padding = std::round(metrics.line * 0.25f);
    const float time_width = measurer.width("00 h 00", title_style) + metrics.gap;

    float qr_side = 0;
    if (!row.join_url.empty()) {
        auto code = qr_code_for(row.join_url);
        const int total = code->modules + 2 * qr_quiet_zone;
        const float target = std::min(metrics.qr_target, width * 0.35f);
        const int module_pixels = std::max(2, static_cast<int>(target) / total);
        qr_side = static_cast<float>(module_pixels * total);
        block.qr_codes.push_back(
            {{width - qr_side, padding, qr_side, qr_side}, module_pixels, code, row.join_url});
    }

    const float beside_qr = width - (qr_side > 0 ? qr_side + metrics.gap : 0);
    float y = padding;
    block.texts.push_back(text_at(0, y, time_width - metrics.gap, metrics.line,
                                  fit_line(measurer, row.time, title_style, time_width - metrics.gap),
                                  title_style, palette::title_text));
    // Narrow columns (portrait, the online column) put the time and the states on the first
    // line and give the title the full width below; wide ones keep a time column.
    const bool stacked = width < static_cast<float>(metrics.body) * 24;
    if (stacked) {
        y = flow_badges_and_detail(block, row, Detail::Skip, metrics, time_width, 0, y,
                                   std::max(1.0f, beside_qr), measurer);
        y = std::max(y, padding + metrics.line);
        for (auto& line : wrap_lines(measurer, row.title, title_style, std::max(1.0f, beside_qr), 2)) {
            block.texts.push_back(text_at(0, y, beside_qr, metrics.line, std::move(line),
                                          title_style, palette::title_text));
            y += metrics.line;
        }
        BoardRow details_only;
        details_only.detail = row.detail;
        const float detail_width = y + metrics.line <= padding + qr_side ? beside_qr : width;
        y = flow_badges_and_detail(block, details_only, Detail::Include, metrics, 0, 0, y,
                                   std::max(1.0f, detail_width), measurer);
    } else {
        const float text_x = time_width;
        const float text_width = std::max(1.0f, beside_qr - time_width);
        for (auto& line : wrap_lines(measurer, row.title, title_style, text_width, 2)) {
            block.texts.push_back(text_at(text_x, y, text_width, metrics.line, std::move(line),
                                          title_style, palette::title_text));
            y += metrics.line;
        }
        if (row.title.empty())
            y += metrics.line;
        y = flow_badges_and_detail(block, row, Detail::Include, metrics, text_x, text_x, y,
                                   text_width, measurer);
    }
    block.height = std::max(y, padding + qr_side) + padding;
    block.boxes.push_back({{0, block.height - 2, width, 2}, palette::separator});
    return block;
}

} // namespace kiosk_display::layout
