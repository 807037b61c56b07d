#pragma once

// One turn of the live board, shared by the live loop and the benchmark so the benchmark's
// steady frame is exactly what the loop does when nothing changed: read the data snapshot,
// the scans, the clock and the camera, decide, and draw only when the picture would differ.

#include "greeter.hpp"
#include "kiosk_display/app.hpp"
#include "kiosk_display/kiosk_behaviour.hpp"
#include "kiosk_display/live_data.hpp"
#include "kiosk_display/shown_picture.hpp"

#include <SFML/Graphics/RenderTarget.hpp>
#include <chrono>

namespace kiosk_display::app {

using SteadyClock = std::chrono::steady_clock;

enum class TurnResult {
    Drawn,     // a new picture is on `target`, waiting for display()
    Unchanged, // the screen already shows the board as it stands
    ScreenOff, // outside opening hours: nothing drawn
};

class BoardScreen {
public:
    BoardScreen(const Options& options, const Fonts& fonts, ScreenSize screen);

    TurnResult turn(sf::RenderTarget& target, SteadyClock::time_point tick);

    // The target was resized, uncovered or switched back on: the next turn draws again.
    void resize(ScreenSize screen);
    void redraw_next_turn();

    [[nodiscard]] Greeter& greeter() { return greeter_; }
    [[nodiscard]] ScreenPower power() const { return power_; }
    // The layout of the last picture drawn (for --dump-model).
    [[nodiscard]] const BoardLayout& layout() const { return layout_; }

private:
    const Options& options_;
    const Fonts& fonts_;
    LiveData live_;
    Renderer renderer_;
    Greeter greeter_;
    ShownPicture shown_;
    ScreenSize screen_;
    BoardLayout layout_;

    ScreenPower power_ = ScreenPower::On;
    std::uint64_t composed_generation_ = 0;
    kiosk::Instant composed_minute_{};
    unsigned page_turn_ = 0;
    int page_count_ = 1;
    CameraState camera_;
    std::optional<LinkState> link_;
    SteadyClock::time_point last_turn_;
    SteadyClock::time_point last_camera_check_;
    bool compose_ = true;
};

} // namespace kiosk_display::app
