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

std::vector<unsigned> body_sizes(ScreenSize screen)
{
    const auto share = [](unsigned side, float fraction) {
        return static_cast<unsigned>(std::ceil(static_cast<float>(side) * fraction));
    };
    std::vector<unsigned> sizes{share(screen.height, 0.036f)};
    if (screen.height > screen.width) {
        const unsigned least = share(screen.width, 0.036f);
        for (const float fraction : {0.032f, 0.028f, 0.024f})
            if (share(screen.height, fraction) > least)
                sizes.push_back(share(screen.height, fraction));
        sizes.push_back(least);
    }
    return sizes;
}

Metrics metrics_for(ScreenSize screen, unsigned body)
{
    Metrics metrics;
    metrics.screen = screen;
    const float height = static_cast<float>(screen.height);
    const float width = static_cast<float>(screen.width);
    metrics.body = body > 0 ? body : static_cast<unsigned>(std::ceil(height * 0.036f));
    metrics.large = std::max(metrics.body,
                             static_cast<unsigned>(std::lround(std::min(
                                 static_cast<float>(metrics.body) * 1.5f, width * 0.075f))));
    // The staff corner is read from the desk, but the same rule holds for every text.
    metrics.staff = metrics.body;
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

// Where the next piece of a row goes: pieces flow left to right and wrap onto new lines, which
// start at `wrap_x` and end short of the join QR while beside it.
class Flow {
public:
    Flow(Block& block, const Metrics& metrics, float first_x, float wrap_x, float y, float width,
         float qr_bottom, float beside_qr)
        : block_(block), metrics_(metrics), wrap_x_(wrap_x), width_(width), qr_bottom_(qr_bottom),
          beside_qr_(beside_qr), x_(first_x), y_(y), used_(false)
    {
    }

    [[nodiscard]] float right() const { return y_ < qr_bottom_ ? beside_qr_ : width_; }
    [[nodiscard]] float room() const { return std::max(0.0f, right() - x_); }
    [[nodiscard]] float full_line() const
    {
        return std::max(1.0f, (y_ + metrics_.line < qr_bottom_ ? beside_qr_ : width_) - wrap_x_);
    }
    [[nodiscard]] bool line_used() const { return used_; }
    [[nodiscard]] float bottom() const { return used_ ? y_ + metrics_.line : y_; }

    void new_line()
    {
        y_ += metrics_.line;
        x_ = wrap_x_;
        used_ = false;
        after_fact_ = false;
    }

    void text(std::string words, TextStyle style, Colour colour, float measured, bool fact = false)
    {
        block_.texts.push_back(text_at(x_, y_, measured, metrics_.line, std::move(words), style, colour));
        x_ += measured + gap();
        used_ = true;
        after_fact_ = fact;
    }

    void badge(const Badge& badge, const TextMeasurer& measurer)
    {
        const TextStyle style{Weight::Bold, metrics_.body};
        const float padding = std::round(static_cast<float>(metrics_.body) * 0.3f);
        const float inset = std::round(metrics_.line * 0.06f);
        float width = measurer.width(badge.word, style);
        if (used_ && width + 2 * padding > room())
            new_line();
        std::string word = badge.word;
        if (width + 2 * padding > room()) { // wider than a whole line: only a stranger's words
            word = fit_line(measurer, badge.word, style, room() - 2 * padding);
            width = measurer.width(word, style);
        }
        const BadgeColours colours = badge_colours(badge.tone);
        block_.boxes.push_back(
            {{x_, y_ + inset, width + 2 * padding, metrics_.line - 2 * inset}, colours.background});
        block_.texts.push_back(text_at(x_ + padding, y_, width, metrics_.line, std::move(word), style,
                                       colours.text));
        x_ += width + 2 * padding + gap();
        used_ = true;
        after_fact_ = false;
    }

    // A fact after another on the same line reads "· fact".
    [[nodiscard]] std::string joined(const std::string& fact) const
    {
        return after_fact_ ? "· " + fact : fact;
    }

private:
    [[nodiscard]] float gap() const { return metrics_.gap; }

    Block& block_;
    const Metrics& metrics_;
    float wrap_x_;
    float width_;
    float qr_bottom_;
    float beside_qr_;
    float x_;
    float y_;
    bool used_;
    bool after_fact_ = false;
};

// A place is shown whole: on the current line when it fits, else from a new one, over as many
// lines as it takes — three at most, which no real room name needs; a stranger's text longer
// than that ends with "…".
void whole_fact(Flow& flow, const std::string& fact, const Metrics& metrics,
                const TextMeasurer& measurer)
{
    const TextStyle style{Weight::Regular, metrics.body};
    std::string first = flow.joined(fact);
    if (flow.line_used() && measurer.width(first, style) > flow.room()) {
        flow.new_line();
        first = fact;
    }
    std::string_view rest = first;
    for (int line = 0; !rest.empty(); ++line) {
        LineSplit split;
        if (line == 2) {
            split.line = fit_line(measurer, rest, style, flow.room());
        } else {
            split = take_line(measurer, rest, style, flow.room(), WordCut::Never);
            if (split.line.empty() && flow.line_used()) {
                flow.new_line();
                continue;
            }
            if (split.line.empty()) // one word wider than a whole line: broken, not dropped
                split = take_line(measurer, rest, style, flow.room(), WordCut::Allowed);
        }
        const float width = measurer.width(split.line, style);
        flow.text(std::move(split.line), style, palette::detail_text, width, true);
        rest = split.rest;
        if (!rest.empty())
            flow.new_line();
    }
}

// A fact that may be shortened or left out. A compact row only uses what is left of its last
// line; a full one starts a new line for it.
// Returns whether it was shown: once one is left out, the less important ones after it are too.
bool optional_fact(Flow& flow, const Fact& fact, RowForm form, const Metrics& metrics,
                   const TextMeasurer& measurer)
{
    const TextStyle style{Weight::Regular, metrics.body};
    std::string text = flow.joined(fact.text);
    float width = measurer.width(text, style);
    if (width <= flow.room()) {
        flow.text(std::move(text), style, palette::detail_text, width, true);
        return true;
    }
    if (form == RowForm::Full && flow.line_used()) {
        flow.new_line();
        text = fact.text;
        width = measurer.width(text, style);
    }
    if (width > flow.room()) {
        // Only a name may end with "…"; a time is whole or not there.
        if (fact.kind != FactKind::Trainer)
            return false;
        const float least = measurer.width(flow.joined("Abc") + std::string(ellipsis), style);
        if (flow.room() < least)
            return false;
        text = fit_line(measurer, text, style, flow.room());
        width = measurer.width(text, style);
    }
    flow.text(std::move(text), style, palette::detail_text, width, true);
    return true;
}

} // namespace

Block row_block(const BoardRow& row, std::string_view implied, const Metrics& metrics, float width,
                RowForm form, const TextMeasurer& measurer)
{
    Block block;
    const TextStyle title_style{Weight::Bold, metrics.body};
    const float padding = std::round(metrics.line * (form == RowForm::Full ? 0.25f : 0.12f));
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
    const float beside_qr = std::max(time_width + 1, width - (qr_side > 0 ? qr_side + metrics.gap : 0));

    block.texts.push_back(text_at(0, padding, time_width - metrics.gap, metrics.line,
                                  fit_line(measurer, row.time, title_style, time_width - metrics.gap),
                                  title_style, palette::title_text));
    // Narrow columns (portrait, the online column) wrap under the time; wide ones keep a time
    // column.
    const bool narrow = width < static_cast<float>(metrics.body) * 24;
    Flow flow(block, metrics, time_width, narrow ? 0 : time_width, padding, width,
              padding + qr_side, beside_qr);

    // The title on up to two lines; only its tail is ever cut.
    std::string_view rest = row.title;
    for (int line = 0; line < 2 && !rest.empty(); ++line) {
        if (line > 0)
            flow.new_line();
        std::string text;
        if (line == 1) {
            text = fit_line(measurer, rest, title_style, flow.room());
            rest = {};
        } else {
            auto split = take_line(measurer, rest, title_style, flow.room());
            text = std::move(split.line);
            rest = split.rest;
        }
        const float text_width = measurer.width(text, title_style);
        flow.text(std::move(text), title_style, palette::title_text, text_width);
    }
    if (row.title.empty())
        flow.new_line();

    for (const auto& badge : row.badges)
        if (badge.word != implied)
            flow.badge(badge, measurer);
    for (const auto& fact : row.facts)
        if (kept_whole(fact.kind))
            whole_fact(flow, fact.text, metrics, measurer);
    for (const auto& fact : row.facts)
        if (!kept_whole(fact.kind) && !optional_fact(flow, fact, form, metrics, measurer))
            break;

    block.height = std::max(flow.bottom(), padding + qr_side) + padding;
    block.boxes.push_back({{0, block.height - 2, width, 2}, palette::separator});
    return block;
}

} // namespace kiosk_display::layout
