#pragma once

// The board's proof of display in the live loop: a heartbeat every few seconds (alive, screen
// on or off) and, after a frame actually drawn, a small picture of it when the schedule says
// so, both under the runtime folder (kiosk/reports/board_heartbeat.hpp). The loop only reads
// the frame back; scaling, encoding and writing happen on a thread of their own, so a capture
// costs the loop a read-back, about once a minute. An unwritable runtime folder is said once
// and never stops the board: the screen matters more than its picture.

#include "kiosk/reports/board_heartbeat.hpp"
#include "kiosk_display/board_picture.hpp"
#include "kiosk_display/kiosk_behaviour.hpp"

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderWindow.hpp>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace kiosk_display::app {

// The frame about to be shown, read back before display() swaps it away, as the screen has it.
[[nodiscard]] sf::Image capture(const sf::RenderWindow& window);

class ProofOfDisplay {
public:
    using Log = std::function<void(const std::string&)>;
    using SteadyClock = std::chrono::steady_clock;

    ProofOfDisplay(std::filesystem::path runtime_dir, Log log);
    ~ProofOfDisplay();
    ProofOfDisplay(const ProofOfDisplay&) = delete;
    ProofOfDisplay& operator=(const ProofOfDisplay&) = delete;

    // Every turn of the loop: the heartbeat, when it is due or the screen changed power.
    void turn(ScreenPower power, SteadyClock::time_point tick);
    // A frame was drawn into `window` and display() comes next: pictured when due.
    void drawn(const sf::RenderWindow& window, NewGreeting greeting);
    // Nothing drawn this turn: whether the loop should draw again for a picture.
    [[nodiscard]] bool wants_redraw(SteadyClock::time_point tick) const;

private:
    struct Frame {
        sf::Image image;
        std::chrono::system_clock::time_point shown_at;
        bool turned = false; // the view is turned a quarter: the picture is turned back upright
    };

    void write_pictures();
    void write_heartbeat();                                            // with state_mutex_ held
    void report(const std::string& what, const std::exception& error); // with state_mutex_ held

    std::filesystem::path runtime_dir_;
    Log log_;
    PictureSchedule schedule_;
    std::optional<ScreenPower> power_;
    SteadyClock::time_point last_beat_{};

    std::mutex state_mutex_; // the heartbeat, its file, the problem last said
    kiosk::BoardHeartbeat heartbeat_;
    std::string problem_said_;

    std::mutex frame_mutex_;
    std::condition_variable frame_ready_;
    std::optional<Frame> frame_; // the newest frame waiting to be written; an older one is dropped
    bool stopping_ = false;
    std::thread writer_;
};

} // namespace kiosk_display::app
