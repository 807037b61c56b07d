#pragma once

// Small image transforms for the decoder's harder passes (private to the library).

#include "kiosk_checkin/frame.hpp"

#include <cstdint>
#include <vector>

namespace kiosk::checkin::image_ops {

// Each writes into `out` (resized as needed) and returns a view of it.
GrayView inverted(const GrayView& image, std::vector<std::uint8_t>& out);
// Stretches contrast within tiles of `tile` pixels (blended between tiles), so a code in a
// shadow or a dim corner spans the full grey range.
GrayView normalised(const GrayView& image, std::vector<std::uint8_t>& out, int tile = 64);
// A 3×3 box blur: smooths JPEG blocks, noise and moiré before binarizing.
GrayView smoothed(const GrayView& image, std::vector<std::uint8_t>& out);
// Crops [left, right) × [top, bottom), scales it by `scale` (bilinear) and sharpens it.
GrayView enlarged_crop(const GrayView& image, int left, int top, int right, int bottom,
                       double scale, std::vector<std::uint8_t>& out);

} // namespace kiosk::checkin::image_ops
