#pragma once

// The board's side of check-in: new scans from the watcher become banners in the queue, each
// greeted with its sound when it first reaches the screen, and logged (for the latency
// benchmark and tests) with the wall-clock time of that first frame.

#include "chimes.hpp"
#include "kiosk_display/app.hpp"
#include "kiosk_display/banner_queue.hpp"
#include "kiosk_display/board_model.hpp"
#include "kiosk_display/kiosk_behaviour.hpp"
#include "kiosk_display/scan_watcher.hpp"

#include <chrono>
#include <fstream>
#include <optional>
#include <set>

namespace kiosk_display::app {

class Greeter {
public:
    explicit Greeter(const Options& options);

    // Takes the scans read since the last turn and retires banners whose time is up. True
    // when what the banners show changed.
    bool update(Moment now);
    // The banners, the queue and the staff call, for the model.
    [[nodiscard]] Greetings greetings() const;
    [[nodiscard]] Activity activity() const;
    // Whether the next frame brings a banner not shown before.
    [[nodiscard]] bool has_new_banners() const;
    // After a frame reached the screen at `shown_at` (wall clock): sounds and log lines for
    // the banners it brought.
    void frame_shown(std::chrono::system_clock::time_point shown_at);

    // Sleeps until new scans arrive, a banner's time is up, or `timeout` passes.
    void wait(Moment now, std::chrono::milliseconds timeout);

private:
    ScanWatcher watcher_;
    BannerQueue queue_;
    Chimes chimes_;
    std::set<kiosk::ScanId> on_screen_; // the banners of the last frame shown
    std::optional<kiosk::Instant> staff_called_at_;
    std::ofstream log_;
};

} // namespace kiosk_display::app
