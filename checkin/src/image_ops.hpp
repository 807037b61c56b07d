#pragma once

// Small image transforms for the decoder's harder passes (private to the library).

#include "kiosk_checkin/frame.hpp"

#include <cstdint>
#include <vector>

namespace kiosk::checkin::image_ops {

// Each writes into `out` (resized as needed, so a buffer kept between frames is not
// reallocated) and returns a dense view of it.
GrayView inverted(const GrayView& image, std::vector<std::uint8_t>& out);
// Stretches contrast within tiles of `tile` pixels (blended between tiles), so a code in a
// shadow or a dim corner spans the full grey range.
GrayView normalised(const GrayView& image, std::vector<std::uint8_t>& out, int tile = 64);
// Grey above the area's darkest tones up to `fraction` of the way to its white becomes black,
// the rest is stretched over the full range: dark modules that blur or glow thinned to specks
// (an overexposed phone screen, a small code spread by the lens) are thick again.
GrayView darkened(const GrayView& image, std::vector<std::uint8_t>& out, double fraction);
// A 3×3 box blur: smooths JPEG blocks, noise and moiré before binarizing.
GrayView smoothed(const GrayView& image, std::vector<std::uint8_t>& out);
// Unsharp mask: value + amount × (value − mean of the (2 radius + 1)² box around it). With a
// radius of about half a module it restores the module edges that defocus or motion spread.
GrayView sharpened(const GrayView& image, int radius, double amount,
                   std::vector<std::uint8_t>& out);
// The part [left, right) × [top, bottom) of `image` (clamped to it), scaled by `scale` with
// bilinear sampling.
GrayView resampled(const GrayView& image, int left, int top, int right, int bottom, double scale,
                   std::vector<std::uint8_t>& out);

// Where a QR code's finder pattern is drawn, and how: its centre, the direction of one of its
// sides (a unit vector), pixels per module, and the grey levels of the code's dark and light
// modules.
struct FinderDrawing {
    double x = 0, y = 0;
    double side_x = 1, side_y = 0;
    double module = 1;
    std::uint8_t dark = 0, light = 255;
};
// A copy of `image` with a finder pattern drawn over it: the dark 7×7 ring, the light ring, the
// dark 3×3 core, and the light separator around them.
GrayView with_finder(const GrayView& image, const FinderDrawing& finder,
                     std::vector<std::uint8_t>& out);

} // namespace kiosk::checkin::image_ops
