// A column of sections on pages: rows on now or starting within the hour stay on every page,
// the others share what is left; every detail when two pages hold it all, compact rows when not.

#include "layout_parts.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <optional>

namespace kiosk_display::layout {
namespace {

// One row of a column, laid out, and the section it belongs to.
struct Item {
    std::size_t section = 0;
    Block block;
    bool pinned = false;
};

// The board's rows in order, numbered from 1 (PlacedText::row).
std::size_t row_number(const Board& board, const BoardRow& row)
{
    std::size_t number = 0;
    for (const auto& section : board.sections)
        for (const auto& candidate : section.rows) {
            ++number;
            if (&candidate == &row)
                return number;
        }
    return 0;
}

using Page = std::vector<std::size_t>; // indices of items, in order

// Splits a column into pages of at most `height`. Pinned rows (on now, or starting within the
// hour) are on every page; the others fill what is left, in order. A section continued from an
// earlier page repeats its heading with "(suite)".
class Pager {
public:
    Pager(const Board& board, const Column& column, const Metrics& metrics, RowForm form,
          const TextMeasurer& measurer)
        : column_(column), metrics_(metrics), measurer_(measurer),
          heading_(heading_block("", metrics, column.width, measurer).height)
    {
        for (std::size_t s = 0; s < column.sections.size(); ++s)
            for (const auto& row : column.sections[s]->rows) {
                auto block = row_block(row, implied_state(column.sections[s]->kind), metrics,
                                       column.width, form, measurer);
                for (auto& text : block.texts)
                    text.row = row_number(board, row);
                items_.push_back({s, std::move(block), row.pinned});
            }
    }

    [[nodiscard]] std::vector<Page> pages(float height) const
    {
        Page pinned;
        for (std::size_t i = 0; i < items_.size(); ++i)
            if (items_[i].pinned)
                pinned.push_back(i);
        // Pinned rows that leave no room for some other row beside them are paged like the
        // others: nothing may spill off the screen.
        auto result = split(pinned, height);
        if (!pinned.empty() && std::any_of(result.begin(), result.end(), [&](const Page& page) {
                return height_of(page) > height;
            }))
            result = split({}, height);
        return result;
    }

    // Places `page` from `top`; sections continued from an earlier page say so.
    void place(BoardLayout& layout, const std::vector<Page>& pages, std::size_t shown, float top) const
    {
        float y = top;
        std::optional<std::size_t> section;
        for (const std::size_t i : pages[shown]) {
            const Item& item = items_[i];
            if (section != item.section) {
                if (section)
                    y += metrics_.gap;
                section = item.section;
                const std::string& heading = column_.sections[item.section]->heading;
                const auto block = heading_block(
                    continued(pages, shown, i) ? heading + " (suite)" : heading, metrics_,
                    column_.width, measurer_);
                layout::place(layout, block, column_.x, y);
                y += block.height;
            }
            layout::place(layout, item.block, column_.x, y);
            y += item.block.height;
        }
    }

private:
    // Pages of `pinned` plus, in order, as many other rows as fit.
    [[nodiscard]] std::vector<Page> split(const Page& pinned, float height) const
    {
        std::vector<Page> result;
        Page page = pinned;
        bool has_own = false;
        for (std::size_t i = 0; i < items_.size(); ++i) {
            if (std::find(pinned.begin(), pinned.end(), i) != pinned.end())
                continue;
            Page with = page;
            with.insert(std::upper_bound(with.begin(), with.end(), i), i);
            if (has_own && height_of(with) > height) {
                result.push_back(page);
                with = pinned;
                with.insert(std::upper_bound(with.begin(), with.end(), i), i);
            }
            page = std::move(with);
            has_own = true;
        }
        if (has_own || result.empty())
            result.push_back(page);
        return result;
    }

    [[nodiscard]] float height_of(const Page& page) const
    {
        float height = 0;
        std::optional<std::size_t> section;
        for (const std::size_t i : page) {
            if (section != items_[i].section) {
                height += heading_ + (section ? metrics_.gap : 0);
                section = items_[i].section;
            }
            height += items_[i].block.height;
        }
        return height;
    }

    // Whether item `first` opens its section on page `shown` while an earlier page already
    // showed rows of that section that this one does not.
    [[nodiscard]] bool continued(const std::vector<Page>& pages, std::size_t shown,
                                 std::size_t first) const
    {
        for (std::size_t p = 0; p < shown; ++p)
            for (const std::size_t i : pages[p])
                if (items_[i].section == items_[first].section && i < first)
                    return true;
        return false;
    }

    const Column& column_;
    const Metrics& metrics_;
    const TextMeasurer& measurer_;
    float heading_;
    std::vector<Item> items_;
};

} // namespace

ColumnPages place_column(BoardLayout& layout, const Board& board, const Column& column,
                         const Metrics& metrics, float top, float bottom, unsigned page_turn,
                         const TextMeasurer& measurer)
{
    // Every detail when the column holds it on at most two pages, else compact rows.
    const float height = bottom - top;
    std::optional<Pager> pager;
    std::vector<Page> pages;
    for (const RowForm form : {RowForm::Full, RowForm::Compact}) {
        pager.emplace(board, column, metrics, form, measurer);
        pages = pager->pages(height);
        if (pages.size() > 1) // keep a line for "page k / n"
            pages = pager->pages(height - metrics.line);
        if (pages.size() <= static_cast<std::size_t>(max_pages))
            break;
    }
    const int count = static_cast<int>(pages.size());
    const int page = static_cast<int>(page_turn % static_cast<unsigned>(count));
    pager->place(layout, pages, static_cast<std::size_t>(page), top);
    if (count > 1) {
        const TextStyle style{Weight::Regular, metrics.body};
        const std::string label = fmt::format("page {} / {}", page + 1, count);
        const float width = std::min(measurer.width(label, style), column.width);
        layout.texts.push_back(text_at(column.x + column.width - width, bottom - metrics.line,
                                       width, metrics.line, label, style, palette::detail_text));
    }
    return {page, count};
}

} // namespace kiosk_display::layout
