#pragma once

// The board pictures its own screen for staff and the office (kiosk/reports/board_heartbeat.hpp):
// when a frame is worth picturing, and how a frame becomes the small picture. Both without a
// window, so they are tested as values; the live loop does the capturing and writing.

#include <SFML/Graphics/Image.hpp>
#include <chrono>
#include <optional>

namespace kiosk_display {

enum class Capture { No, Yes };
enum class NewGreeting { No, Yes };

// At most one picture per `closest`, at least one per `every` while the screen is on, and one
// after each change on screen: a change that comes too soon after the last picture is pictured
// once the interval has passed (the board then draws again for it). A frame that brings a new
// greeting is never delayed by a capture: a visitor is waiting for it; the next one is taken.
class PictureSchedule {
public:
    using Clock = std::chrono::steady_clock;

    struct Limits {
        std::chrono::seconds every = std::chrono::seconds{60};
        std::chrono::seconds closest = std::chrono::seconds{10};
    };

    PictureSchedule() = default;
    explicit PictureSchedule(Limits limits)
        : limits_(limits)
    {}

    // A frame was drawn and is about to be shown: whether to picture it.
    [[nodiscard]] Capture drawn(Clock::time_point now, NewGreeting greeting);
    // The picture of the frame drawn at `now` was taken.
    void taken(Clock::time_point now);
    // Nothing was drawn this turn: whether to draw again so that the screen gets pictured.
    [[nodiscard]] bool wants_redraw(Clock::time_point now) const;

private:
    Limits limits_;
    std::optional<Clock::time_point> last_;
    bool pending_ = false; // a change on screen has not been pictured yet
};

// `image` scaled to `width` pixels wide, its height in proportion (at least one pixel); each
// pixel is the average of the area of `image` it covers, so text and thin lines shrink
// smoothly rather than vanish. An image no wider than `width` is returned as it is.
[[nodiscard]] sf::Image scaled_to_width(const sf::Image& image, unsigned width);

} // namespace kiosk_display
