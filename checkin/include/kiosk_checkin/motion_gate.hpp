#pragma once

#include "kiosk_checkin/frame.hpp"

#include <array>
#include <cstdint>

namespace kiosk::checkin {

// Decides whether a frame is worth decoding. A full ZXing pass over an empty 1280×720 frame
// costs milliseconds; at 30 frames a second that alone would eat a quarter of a core. A still
// scene with no code was already found empty, so only a sample of such frames is decoded,
// while anything that moves (a hand bringing a ticket) is decoded frame by frame until the
// scene has settled.
class MotionGate {
public:
    struct Options {
        int idle_decode_every = 6;  // frames: a still scene is still looked at 5 times a second
        int settle_frames = 20;     // frames decoded after motion stops
        int minimum_change = 10;     // grey levels a cell must move by, at the least…
        float noise_factor = 4.0f;   // …and this many times its own usual flicker
        float restless = 25.0f;      // cells flickering more than this (a screen in view) are ignored
        int changed_cells = 4;       // cells that must change for the scene to have moved
    };

    MotionGate() : MotionGate(Options{}) {}
    explicit MotionGate(Options options) : options_(options) {}

    // Looks at the frame (a coarse 32×18 grid of samples, microseconds) and says whether to
    // decode. Each cell learns how much it flickers on its own (sensor noise, a screen in
    // view), so only change beyond that counts as motion.
    [[nodiscard]] bool should_decode(const GrayView& frame);
    // Reports a decode that found a code: keep looking closely while it stays in view.
    void found_code() { settle_left_ = options_.settle_frames; }
    // The scene moved a moment ago and is now still: a ticket may just have been held up.
    [[nodiscard]] bool settling() const { return settle_left_ > 0 && !moved_; }

private:
    static constexpr int columns = 32;
    static constexpr int rows = 18;
    Options options_;
    std::array<std::uint8_t, columns * rows> previous_{};
    std::array<float, columns * rows> flicker_{};
    bool has_previous_ = false;
    int since_decode_ = 0;
    int settle_left_ = 0;
    bool moved_ = false;
};

} // namespace kiosk::checkin
