#pragma once

// How the entrance screen looks after itself, decided from the instant and the site's
// configuration only, so any moment can be replayed in a test: the slow shift of the whole
// picture against burn-in, and whether the screen should be on at all.

#include "kiosk/base/time.hpp"
#include "kiosk/config/config.hpp"
#include "kiosk_display/board_layout.hpp"

namespace kiosk_display {

struct PixelOffset {
    int x = 0;
    int y = 0;

    friend constexpr bool operator==(const PixelOffset&, const PixelOffset&) = default;
};

// The picture moves by a few pixels every `burn_in_step`, around a small square, so no edge
// stays on the same pixels for hours. Each step moves it by `burn_in_pixels` at most.
inline constexpr std::chrono::minutes burn_in_step{4};
inline constexpr int burn_in_pixels = 3;
[[nodiscard]] PixelOffset burn_in_offset(kiosk::Instant now);

// The whole layout moved by `offset`.
[[nodiscard]] BoardLayout shifted(BoardLayout layout, PixelOffset offset);

enum class ScreenPower { On, Off };
// Whether the board is greeting someone right now (a scan outside hours: staff testing).
enum class Activity { Idle, Greeting };

// On during opening hours, from `on_before_opening` before they start; off otherwise. A
// clock that cannot be believed never switches the screen off, nor does a greeting.
[[nodiscard]] ScreenPower screen_power(const kiosk::OpeningHours& hours,
                                       kiosk::Minutes on_before_opening, kiosk::Instant now,
                                       kiosk::ClockTrust trust, Activity activity);

} // namespace kiosk_display
