#pragma once

#include "kiosk_checkin/frame.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace kiosk::checkin {

// A QR code that ZXing read and validated (error correction succeeded). Nothing else is ever
// reported: a code is read or it is not, never guessed.
struct Detection {
    std::string text;
    double center_x = 0; // pixels, in the frame
    double center_y = 0;
    double area = 0; // square pixels covered by the code
};

// One plain ZXing pass over the frame (QR codes only).
[[nodiscard]] std::vector<Detection> read_codes(const GrayView& image);

// With several codes in view, the one the visitor is presenting: the largest, and among
// codes of similar size the most central.
[[nodiscard]] std::optional<Detection> primary_code(const std::vector<Detection>& codes, int width,
                                                    int height);

// The passes the decoder may run. All but Cheap and Inverted work on the area around the
// finder patterns (or a symbol ZXing located), enlarged to about 4.5 pixels a module and
// turned dark-on-light: a few hundred pixels square rather than the whole frame.
enum class Pass {
    Cheap,      // ZXing trying harder on the whole frame, local-average binarizer: every frame
    Candidate,  // the area alone: small codes, dark-mode phones, steep perspective
    Sharpened,  // the area through an unsharp mask: defocus, motion
    Deblurred,  // the area enlarged to 6 pixels a module, a stronger, wider unsharp mask:
                // a smear of motion
    Normalised, // the area, contrast stretched tile by tile: dim light, shadows, glare
    Inverted,   // the whole frame inverted: a light code the finder scan did not place
    Harder,     // the area, ZXing trying harder: more finder candidates
    Histogram,  // the area, the global-histogram binarizer
    Smoothed,   // the area blurred: JPEG blocks, noise and screen moiré averaged out
    Darkened,   // the area with grey short of its white turned black: dark modules thinned
                // by an overexposed phone screen or by blur on a small code
    Completed,  // two finders seen, the third drawn where they say it must be: a lamp's
                // reflection or a thumb over one corner of the code
};

struct DecodeReport {
    std::vector<Detection> codes;
    std::vector<Pass> passes_run;        // a pass run on two areas appears twice
    bool evidence = false;               // whether anything suggested a code was there
    std::chrono::microseconds elapsed{}; // CPU time of the calling thread
};

// Reads codes in camera frames: a cheap pass on every frame, harder passes only when there is
// evidence of a code (finder-like patterns, a near miss, motion that just stopped), within a
// time budget, stopping at the first success. While a code is held up, frame after frame,
// the harder passes past the first few take turns, so that each of them that fits the budget
// after the first few gets tried within a few frames.
class Decoder {
public:
    struct Options {
        // CPU time of the whole read, the cheap pass included: a harder pass that would end
        // past it is not started.
        std::chrono::microseconds budget{17000};
        // The harder passes, in the order tried: by codes read per millisecond on the
        // benchmark's frames that the cheap pass missed.
        std::vector<Pass> passes{Pass::Candidate, Pass::Darkened,   Pass::Sharpened,
                                 Pass::Deblurred, Pass::Histogram,  Pass::Normalised,
                                 Pass::Harder,    Pass::Smoothed,   Pass::Completed,
                                 Pass::Inverted};
        // While a code is held up, this many passes at the head of the list run on every
        // frame; the others take turns, each frame going on from where the last one's budget
        // stopped them. A pass that does not fit the budget even right after the head is
        // passed over.
        std::size_t every_frame = 2;
    };

    Decoder()
        : Decoder(Options{}) {}
    explicit Decoder(Options options)
        : options_(std::move(options)) {}

    // MotionStopped: the scene has settled after motion, so this frame shows what the last
    // one did: the passes taking turns go on from where the last frame's budget stopped them.
    enum class Hint { None, MotionStopped };
    [[nodiscard]] DecodeReport read(const GrayView& image, Hint hint = Hint::None);
    // The next frame shows another scene, whatever its code's place (the benchmarks' unrelated
    // frames, one decoder for its reused buffers): nothing is carried over from a hold.
    void new_scene()
    {
        resume_at_.reset();
        last_place_.reset();
    }

private:
    Options options_;
    // Where in options_.passes the next held frame starts its turns (past the head, within
    // the list): the first pass the budget left out of the last frame read without success,
    // after a pass had run and other than the one that frame's turns started with (none:
    // from the first turn again); and where that frame's code was. Both are forgotten when a
    // code is read.
    std::optional<std::size_t> resume_at_;
    std::optional<std::array<int, 4>> last_place_; // left, top, right, bottom in the frame
    // Reused between frames: no allocation per frame once they have grown.
    std::array<std::vector<std::uint8_t>, 2> areas_; // the enlarged areas around candidates
    std::vector<std::uint8_t> scratch_;
    std::vector<std::uint8_t> enlarged_; // an area enlarged further (Deblurred)
};

} // namespace kiosk::checkin
