#include "kiosk_display/kiosk_behaviour.hpp"

#include <array>

namespace kiosk_display {

PixelOffset burn_in_offset(kiosk::Instant now)
{
    // The centre, then the eight points around it: neighbours differ by one step.
    constexpr int d = burn_in_pixels;
    constexpr std::array<PixelOffset, 8> ring{{{d, 0}, {d, d}, {0, d}, {-d, d},
                                               {-d, 0}, {-d, -d}, {0, -d}, {d, -d}}};
    const auto steps = now.time_since_epoch() / burn_in_step;
    const auto index = static_cast<std::size_t>(((steps % 9) + 9) % 9);
    return index == 0 ? PixelOffset{} : ring[index - 1];
}

BoardLayout shifted(BoardLayout layout, PixelOffset offset)
{
    const auto dx = static_cast<float>(offset.x);
    const auto dy = static_cast<float>(offset.y);
    auto move = [&](Rect& area) {
        area.x += dx;
        area.y += dy;
    };
    for (auto& box : layout.boxes)
        move(box.area);
    for (auto& text : layout.texts)
        move(text.area);
    for (auto& qr : layout.qr_codes)
        move(qr.area);
    for (auto& box : layout.overlay_boxes)
        move(box.area);
    for (auto& text : layout.overlay_texts)
        move(text.area);
    return layout;
}

ScreenPower screen_power(const kiosk::OpeningHours& hours, kiosk::Minutes on_before_opening,
                         kiosk::Instant now, kiosk::ClockTrust trust, Activity activity)
{
    if (trust == kiosk::ClockTrust::Unsynchronised || activity == Activity::Greeting)
        return ScreenPower::On;
    if (hours.is_open(now) || hours.is_open(now + on_before_opening))
        return ScreenPower::On;
    return ScreenPower::Off;
}

} // namespace kiosk_display
