// The check-in greetings: large coloured banners over the top of the sections, stacked, or two
// by two on a landscape screen. All the same height, so they read as one; where to go, when,
// and what to do are always whole, only the session's title is shortened or left out.

#include "layout_parts.hpp"

#include "kiosk_display/text_fit.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace kiosk_display::layout {
namespace {

struct Sizes {
    TextStyle headline;
    TextStyle detail;
    TextStyle hint;
    float headline_line;
    float line;
    float padding;
};

// Lines enough for any text the core words: nothing essential is ever cut.
constexpr int whole = 8;

// The headline on one line with only the name shortened when it can; otherwise wrapped whole.
std::vector<std::string> headline_lines(const Banner& banner, const Sizes& sizes, float width,
                                        const TextMeasurer& measurer)
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
    return wrap_lines(measurer, full, sizes.headline, width, whole);
}

struct Content {
    std::vector<std::string> headline;
    std::vector<std::string> detail; // the session's title: shortened, or left out
    std::vector<std::string> where;  // room and time: whole
    std::vector<std::string> hint;   // what to do: whole
};

Content content_of(const Banner& banner, const Sizes& sizes, float width, int detail_lines,
                   const TextMeasurer& measurer)
{
    Content content;
    content.headline = headline_lines(banner, sizes, width, measurer);
    if (detail_lines > 0 && !banner.detail.empty())
        content.detail = wrap_lines(measurer, banner.detail, sizes.detail, width, detail_lines);
    if (!banner.where.empty())
        content.where = wrap_lines(measurer, banner.where, sizes.hint, width, whole);
    if (!banner.hint.empty())
        content.hint = wrap_lines(measurer, banner.hint, sizes.hint, width, whole);
    return content;
}

float height_of(const Content& content, const Sizes& sizes)
{
    const auto lines = content.detail.size() + content.where.size() + content.hint.size();
    return 2 * sizes.padding + static_cast<float>(content.headline.size()) * sizes.headline_line +
           static_cast<float>(lines) * sizes.line;
}

struct Arrangement {
    std::size_t columns = 1;
    float width = 0;
    float height = 0; // of each banner: the tallest one's
    std::vector<Content> contents;
};

} // namespace

void place_banners(BoardLayout& layout, const Board& board, const Metrics& metrics, float top,
                   float bottom, const TextMeasurer& measurer)
{
    if (board.banners.empty())
        return;
    const std::size_t count = board.banners.size();
    const float screen_width = static_cast<float>(metrics.screen.width);
    const float waiting_height = board.banners_waiting > 0 ? metrics.line + metrics.gap : 0;
    const float available = bottom - top - waiting_height;

    // Stacked across the screen when they fit, with the session's title if room allows; a
    // landscape screen may put them two by two; a portrait one steps its type down as the board
    // does. Room and time, and what to do, are whole in every arrangement; only the title is
    // shortened, then left out.
    const bool landscape = metrics.screen.width > metrics.screen.height;
    std::vector<std::size_t> column_choices{1};
    if (landscape && count > 1)
        column_choices.push_back(2);
    Arrangement chosen;
    Sizes sizes{};
    float chosen_total = 0;
    bool fits = false;
    for (const unsigned body : body_sizes(metrics.screen)) {
        if (body > metrics.body)
            continue;
        const Metrics step = metrics_for(metrics.screen, body);
        const Sizes step_sizes{{Weight::Bold, step.large},
                               {Weight::Regular, step.body},
                               {Weight::Bold, step.body},
                               std::round(static_cast<float>(step.large) * 1.3f),
                               step.line,
                               step.margin};
        for (const int detail_lines : {2, 1, 0}) {
            for (const std::size_t columns : column_choices) {
                if (fits)
                    break;
                Arrangement candidate;
                candidate.columns = columns;
                const auto gaps = static_cast<float>(columns - 1) * metrics.gap;
                candidate.width =
                    (screen_width - 2 * metrics.margin - gaps) / static_cast<float>(columns);
                const float text_width = std::max(1.0f, candidate.width - 2 * step_sizes.padding);
                for (const auto& banner : board.banners) {
                    candidate.contents.push_back(
                        content_of(banner, step_sizes, text_width, detail_lines, measurer));
                    candidate.height =
                        std::max(candidate.height, height_of(candidate.contents.back(), step_sizes));
                }
                const auto rows = static_cast<float>((count + columns - 1) / columns);
                const float total = rows * candidate.height + (rows - 1) * metrics.gap;
                if (chosen.contents.empty() || total < chosen_total) {
                    chosen = candidate;
                    chosen_total = total;
                    sizes = step_sizes;
                }
                fits = total <= available;
            }
        }
    }
    const std::size_t columns = chosen.columns;
    const auto rows = static_cast<float>((count + columns - 1) / columns);
    // Large and unmistakable from the door: a fifth of the screen at least, room permitting.
    const float least = static_cast<float>(metrics.screen.height) * 0.2f;
    const float room = (available - (rows - 1) * metrics.gap) / rows;
    const float height = std::max(chosen.height, std::min(least, room));
    const float strip = rows * height + (rows - 1) * metrics.gap;

    // A backdrop across the strip, so no half-covered line of the board shows between banners.
    layout.overlay_boxes.push_back(
        {{0, top - metrics.gap / 2, screen_width, strip + metrics.gap}, palette::background});

    const float text_width = std::max(1.0f, chosen.width - 2 * sizes.padding);
    for (std::size_t i = 0; i < count; ++i) {
        const Banner& banner = board.banners[i];
        const Content& content = chosen.contents[i];
        const float x = metrics.margin + static_cast<float>(i % columns) * (chosen.width + metrics.gap);
        const float y = top + static_cast<float>(i / columns) * (height + metrics.gap);
        const BadgeColours colours = badge_colours(banner.tone);
        layout.overlay_boxes.push_back({{x, y, chosen.width, height}, colours.background});
        float line_y = y + sizes.padding;
        const float text_x = x + sizes.padding;
        for (const auto& line : content.headline) {
            layout.overlay_texts.push_back(text_at(text_x, line_y, text_width, sizes.headline_line,
                                                   line, sizes.headline, colours.text));
            line_y += sizes.headline_line;
        }
        auto lines = [&](const std::vector<std::string>& texts, TextStyle style) {
            for (const auto& line : texts) {
                layout.overlay_texts.push_back(
                    text_at(text_x, line_y, text_width, sizes.line, line, style, colours.text));
                line_y += sizes.line;
            }
        };
        lines(content.detail, sizes.detail);
        lines(content.where, sizes.hint);
        lines(content.hint, sizes.hint);
    }

    if (board.banners_waiting > 0) {
        // A rush: say that more greetings follow, so nobody thinks theirs was lost.
        const float y = top + strip + metrics.gap / 2;
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
