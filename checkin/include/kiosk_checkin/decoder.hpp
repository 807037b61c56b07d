#pragma once

#include "kiosk_checkin/frame.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kiosk::checkin {

// A QR code that ZXing read and validated (error correction succeeded).
struct Detection {
    std::string text;
    double center_x = 0; // pixels
    double center_y = 0;
    double area = 0; // square pixels covered by the code
};

// Reads every QR code in a frame with ZXing.
[[nodiscard]] std::vector<Detection> read_codes(const GrayView& image);

// With several codes in view, the one the visitor is presenting: the largest, and among
// codes of similar size the most central.
[[nodiscard]] std::optional<Detection> primary_code(const std::vector<Detection>& codes,
                                                    int width, int height);

} // namespace kiosk::checkin
