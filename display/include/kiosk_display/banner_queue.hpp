#pragma once

// Which greetings are on screen, and for how long. A few places side by side, so people
// arriving together are greeted together; each banner stays 2.5 s, or only its minimum when
// others wait, so a burst drains quickly and no scan is ever dropped. Driven by a clock passed
// in: tests replay a burst with a fixed clock.

#include "kiosk_display/greeting.hpp"

#include <chrono>
#include <cstddef>
#include <deque>
#include <optional>
#include <vector>

namespace kiosk_display {

using Moment = std::chrono::steady_clock::time_point;

struct BannerTiming {
    std::chrono::milliseconds dwell{2500}; // how long a banner stays when nobody waits
    std::chrono::milliseconds least{800};  // how long it stays at least, even in a rush
    std::size_t places = 3;                // banners on screen at once
};

struct ShownBanner {
    Banner banner;
    Moment since;
};

class BannerQueue {
public:
    explicit BannerQueue(BannerTiming timing = {});

    // In arrival order; the banner shows as soon as a place is free.
    void push(Banner banner);

    // Retires banners whose time is up (the others close up), fills free places, and while
    // others still wait replaces, in its place, the banner up longest once it has had its
    // minimum. True when what is shown changed.
    bool advance(Moment now);

    // In their places, left to right.
    [[nodiscard]] const std::vector<ShownBanner>& shown() const { return shown_; }
    [[nodiscard]] std::size_t waiting() const { return waiting_.size(); }
    [[nodiscard]] bool empty() const { return shown_.empty() && waiting_.empty(); }
    // When advance() will next change something, if anything is shown or waiting.
    [[nodiscard]] std::optional<Moment> next_change() const;
    [[nodiscard]] const BannerTiming& timing() const { return timing_; }

private:
    BannerTiming timing_;
    std::vector<ShownBanner> shown_;
    std::deque<Banner> waiting_;
};

} // namespace kiosk_display
