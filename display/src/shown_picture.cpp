#include "kiosk_display/shown_picture.hpp"

#include <algorithm>

namespace kiosk_display {
namespace {

bool operator==(const Rect& left, const Rect& right)
{
    return left.x == right.x && left.y == right.y && left.width == right.width &&
           left.height == right.height;
}

bool operator==(const PlacedBox& left, const PlacedBox& right)
{
    return left.area == right.area && left.colour == right.colour;
}

bool operator==(const PlacedText& left, const PlacedText& right)
{
    return left.area == right.area && left.style == right.style && left.colour == right.colour &&
           left.text == right.text;
}

// The code is encoded from the address, so the address stands for it.
bool operator==(const PlacedQr& left, const PlacedQr& right)
{
    return left.area == right.area && left.module_pixels == right.module_pixels &&
           left.url == right.url;
}

bool operator==(const ColumnPages& left, const ColumnPages& right)
{
    return left.page == right.page && left.count == right.count;
}

template <typename Item>
bool same_items(const std::vector<Item>& left, const std::vector<Item>& right)
{
    return std::equal(left.begin(), left.end(), right.begin(), right.end(),
                      [](const Item& a, const Item& b) { return a == b; });
}

} // namespace

bool same_picture(const BoardLayout& left, const BoardLayout& right)
{
    return left.screen.width == right.screen.width && left.screen.height == right.screen.height &&
           same_items(left.boxes, right.boxes) && same_items(left.texts, right.texts) &&
           same_items(left.qr_codes, right.qr_codes) && same_items(left.columns, right.columns) &&
           same_items(left.overlay_boxes, right.overlay_boxes) &&
           same_items(left.overlay_texts, right.overlay_texts);
}

Redraw ShownPicture::compare(const BoardLayout& next, PixelOffset offset) const
{
    if (!on_screen_ || on_screen_->offset != offset || !same_picture(on_screen_->layout, next))
        return Redraw::Yes;
    return Redraw::No;
}

void ShownPicture::shown(BoardLayout layout, PixelOffset offset)
{
    on_screen_ = Picture{std::move(layout), offset};
}

void ShownPicture::forget() { on_screen_.reset(); }

} // namespace kiosk_display
