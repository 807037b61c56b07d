#pragma once

#include "kiosk_checkin/frame.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
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
[[nodiscard]] std::optional<Detection> primary_code(const std::vector<Detection>& codes,
                                                    int width, int height);

// The passes the decoder may run, in order.
enum class Pass {
    Cheap,       // plain ZXing, local-average binarizer: every frame goes through this
    Inverted,    // a light code on a dark phone screen
    Harder,      // ZXing trying harder: more finder candidates
    Normalised,  // contrast stretched tile by tile: dim light, shadows, glare
    Histogram,   // the global-histogram binarizer
    Candidate,   // the area around the finder patterns, enlarged and sharpened: small codes
    Smoothed,    // a blurred copy: JPEG blocks, noise and screen moiré averaged out
};

struct DecodeReport {
    std::vector<Detection> codes;
    std::vector<Pass> passes_run;
    bool evidence = false; // whether anything suggested a code was there
    std::chrono::microseconds elapsed{};
};

// Reads codes in camera frames: a cheap pass on every frame, harder passes only when there is
// evidence of a code (finder-like patterns, a near miss, motion that just stopped), within a
// time budget, stopping at the first success.
class Decoder {
public:
    struct Options {
        std::chrono::microseconds budget{15000}; // harder passes start only within it
        int finder_hits_for_evidence = 4;
    };

    Decoder() : Decoder(Options{}) {}
    explicit Decoder(Options options) : options_(options) {}

    enum class Hint { None, MotionStopped };
    [[nodiscard]] DecodeReport read(const GrayView& image, Hint hint = Hint::None);

private:
    Options options_;
    std::vector<std::uint8_t> scratch_; // reused between frames: no allocation per frame
    std::vector<std::uint8_t> crop_;
};

} // namespace kiosk::checkin
