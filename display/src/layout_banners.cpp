// The check-in greetings: large coloured banners over the top of the sections, side by side
// on a landscape screen, stacked on a portrait one. All the same height, so a row of them
// reads as one; text that does not fit is shortened, never spilled.

#include "layout_parts.hpp"

#include "kiosk_display/text_fit.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace kiosk_display::layout {
namespace {

struct Budget {
    int headline_lines;
    int detail_lines;
};

struct Sizes {
    TextStyle headline;
    TextStyle detail;
    TextStyle hint;
    float headline_line;
    float line;
    float padding;
};

// The headline on one line with only the name shortened when it can; otherwise wrapped.
std::vector<std::string> headline_lines(const Banner& banner, const Sizes& sizes, float width,
                                        int max_lines, const TextMeasurer& measurer)
{
    const std::string full = banner.headline();
    if (measurer.width(full, sizes.headline) <= width)
        return {full};
    if (!banner.name.empty()) {
        const std::string fixed = banner.greeting + " " + banner.ending;
        const float room = width - measurer.width(fixed, sizes.headline);
        if (room >= measurer.width("Mar…", sizes.headline)) {
            std::string line = banner.greeting + " " +
                               fit_line(measurer, banner.name, sizes.headline, room) + banner.ending;
            if (measurer.width(line, sizes.headline) <= width)
                return {line};
        }
    }
    return wrap_lines(measurer, full, sizes.headline, width, max_lines);
}

struct Content {
    std::vector<std::string> headline;
    std::vector<std::string> detail;
    std::string hint;
};

Content content_of(const Banner& banner, const Sizes& sizes, float width, Budget budget,
                   const TextMeasurer& measurer)
{
    Content content;
    content.headline = headline_lines(banner, sizes, width, budget.headline_lines, measurer);
    if (budget.detail_lines > 0 && !banner.detail.empty())
        content.detail = wrap_lines(measurer, banner.detail, sizes.detail, width, budget.detail_lines);
    if (!banner.hint.empty())
        content.hint = fit_line(measurer, banner.hint, sizes.hint, width);
    return content;
}

float height_of(const Content& content, const Sizes& sizes)
{
    return 2 * sizes.padding + static_cast<float>(content.headline.size()) * sizes.headline_line +
           static_cast<float>(content.detail.size()) * sizes.line +
           (content.hint.empty() ? 0 : sizes.line);
}

} // namespace

void place_banners(BoardLayout& layout, const Board& board, const Metrics& metrics, float top,
                   float bottom, const TextMeasurer& measurer)
{
    if (board.banners.empty())
        return;
    const auto count = static_cast<float>(board.banners.size());
    const float screen_width = static_cast<float>(metrics.screen.width);
    const bool side_by_side = metrics.screen.width > metrics.screen.height;
    const float banner_width = side_by_side
                                   ? (screen_width - 2 * metrics.margin - (count - 1) * metrics.gap) / count
                                   : screen_width - 2 * metrics.margin;
    Sizes sizes{{Weight::Bold, metrics.large},
                {Weight::Regular, metrics.body},
                {Weight::Bold, metrics.body},
                std::round(static_cast<float>(metrics.large) * 1.3f),
                metrics.line,
                metrics.margin};
    const float text_width = std::max(1.0f, banner_width - 2 * sizes.padding);
    const float waiting_height = board.banners_waiting > 0 ? metrics.line + metrics.gap : 0;
    const float available = bottom - top - waiting_height;

    // The most text that fits every banner in the room there is, the same for all.
    std::vector<Content> contents;
    float height = 0;
    for (const Budget budget : {Budget{2, 2}, Budget{1, 2}, Budget{1, 1}, Budget{1, 0}}) {
        contents.clear();
        height = 0;
        for (const auto& banner : board.banners) {
            contents.push_back(content_of(banner, sizes, text_width, budget, measurer));
            height = std::max(height, height_of(contents.back(), sizes));
        }
        const float needed = side_by_side ? height : count * height + (count - 1) * metrics.gap;
        if (needed <= available)
            break;
    }

    // Large and unmistakable from the door: a fifth of the screen at least, room permitting.
    const float least = static_cast<float>(metrics.screen.height) * 0.2f;
    const float room = side_by_side ? available : (available - (count - 1) * metrics.gap) / count;
    height = std::max(height, std::min(least, room));

    // A backdrop across the strip, so no half-covered line of the board shows between banners.
    const float strip = side_by_side ? height : count * height + (count - 1) * metrics.gap;
    layout.overlay_boxes.push_back(
        {{0, top - metrics.gap / 2, screen_width, strip + metrics.gap}, palette::background});

    for (std::size_t i = 0; i < board.banners.size(); ++i) {
        const Banner& banner = board.banners[i];
        const Content& content = contents[i];
        const float index = static_cast<float>(i);
        const float x = side_by_side ? metrics.margin + index * (banner_width + metrics.gap)
                                     : metrics.margin;
        const float y = side_by_side ? top : top + index * (height + metrics.gap);
        const BadgeColours colours = badge_colours(banner.tone);
        layout.overlay_boxes.push_back({{x, y, banner_width, height}, colours.background});
        float line_y = y + sizes.padding;
        const float text_x = x + sizes.padding;
        for (const auto& line : content.headline) {
            layout.overlay_texts.push_back(text_at(text_x, line_y, text_width, sizes.headline_line,
                                                   line, sizes.headline, colours.text));
            line_y += sizes.headline_line;
        }
        for (const auto& line : content.detail) {
            layout.overlay_texts.push_back(
                text_at(text_x, line_y, text_width, sizes.line, line, sizes.detail, colours.text));
            line_y += sizes.line;
        }
        if (!content.hint.empty())
            layout.overlay_texts.push_back(text_at(text_x, line_y, text_width, sizes.line,
                                                   content.hint, sizes.hint, colours.text));
    }

    if (board.banners_waiting > 0) {
        // A rush: say that more greetings follow, so nobody thinks theirs was lost.
        const float y = side_by_side ? top + height + metrics.gap / 2
                                     : top + count * (height + metrics.gap) - metrics.gap / 2;
        const TextStyle style{Weight::Bold, metrics.body};
        const std::string text = fmt::format("+ {} autre{} accueil{} à suivre", board.banners_waiting,
                                             board.banners_waiting > 1 ? "s" : "",
                                             board.banners_waiting > 1 ? "s" : "");
        const float width = std::min(measurer.width(text, style), screen_width - 2 * metrics.margin);
        const float padding = metrics.gap;
        const BadgeColours colours = badge_colours(Tone::Muted);
        const float x = screen_width - metrics.margin - width - 2 * padding;
        layout.overlay_boxes.push_back({{x, y, width + 2 * padding, metrics.line}, colours.background});
        layout.overlay_texts.push_back(text_at(x + padding, y, width, metrics.line,
                                               fit_line(measurer, text, style, width), style,
                                               colours.text));
    }
}

} // namespace kiosk_display::layout
