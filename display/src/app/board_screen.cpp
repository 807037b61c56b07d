#include "board_screen.hpp"

#include "kiosk_display/system_state.hpp"

#include <iostream>

namespace kiosk_display::app {

BoardScreen::BoardScreen(const Options& options, const Fonts& fonts, ScreenSize screen)
    : options_(options)
    , fonts_(fonts)
    , live_(options.database, options.site, options.clock)
    , renderer_(fonts)
    , greeter_(options)
    , screen_(screen)
    , camera_(camera_state(options.runtime_dir))
    , last_turn_(SteadyClock::now())
    , last_camera_check_(last_turn_)
{}

void BoardScreen::resize(ScreenSize screen)
{
    screen_ = screen;
    redraw_next_turn();
}

void BoardScreen::redraw_next_turn()
{
    compose_ = true;
    shown_.forget();
}

TurnResult BoardScreen::turn(sf::RenderTarget& target, SteadyClock::time_point tick)
{
    const LiveSnapshot snapshot = live_.latest();
    const kiosk::Instant now = options_.clock.now();
    const auto minute = std::chrono::floor<std::chrono::minutes>(now);
    if (greeter_.update(tick))
        compose_ = true;
    const ClockTrust trust = options_.clock.trust();
    const ScreenPower power = screen_power(options_.hours, options_.screen_on_before_opening, now,
                                           trust, greeter_.activity());
    if (power != power_)
        redraw_next_turn(); // back on: draw at once
    power_ = power;
    if (power == ScreenPower::Off)
        return TurnResult::ScreenOff;
    if (snapshot.generation != composed_generation_ || minute != composed_minute_)
        compose_ = true;
    if (page_count_ > 1 && tick - last_turn_ >= std::chrono::seconds{page_seconds}) {
        ++page_turn_;
        last_turn_ = tick;
        compose_ = true;
    }
    if (tick - last_camera_check_ >= std::chrono::seconds{1}) {
        last_camera_check_ = tick;
        const CameraState state = camera_state(options_.runtime_dir);
        const auto link = link_state(options_.runtime_dir);
        compose_ = compose_ || state != camera_ || link != link_;
        camera_ = state;
        link_ = link;
    }
    if (!compose_)
        return TurnResult::Unchanged;

    compose_ = false;
    if (snapshot.freshness == Freshness::Stale && snapshot.generation != composed_generation_)
        std::cerr << "kiosk-display : données non rechargées : " << snapshot.problem << '\n';
    composed_generation_ = snapshot.generation;
    composed_minute_ = minute;
    const BoardContext context{now, trust, snapshot.freshness, snapshot.data_as_of, camera_,
                               link_};
    BoardLayout layout =
        compose(*snapshot.data, context, screen_, fonts_, page_turn_, greeter_.greetings());
    page_count_ = 1;
    for (const auto& column : layout.columns)
        page_count_ = std::max(page_count_, column.count);
    const PixelOffset offset = burn_in_offset(now);
    // A new greeting is always shown (and sounded), even one that reads like the last.
    if (shown_.compare(layout, offset) == Redraw::No && !greeter_.has_new_banners())
        return TurnResult::Unchanged;
    layout_ = shifted(layout, offset);
    renderer_.draw(target, layout_);
    shown_.shown(std::move(layout), offset);
    return TurnResult::Drawn;
}

} // namespace kiosk_display::app
