#pragma once

// Where a QR code's missing third finder may be, from the two seen (private to the library).

#include "image_ops.hpp"

#include <array>
#include <vector>

namespace kiosk::checkin {

// The places to draw the third finder of a code whose other two were seen at `a` and `b`
// (pixels of `view`, `module` pixels a module as measured along rows), the likelier first,
// in the grey levels of the seen ones. Empty when the seen finders show no contrast.
[[nodiscard]] std::vector<image_ops::FinderDrawing> third_finder_places(
    const GrayView& view, const std::array<double, 2>& a, const std::array<double, 2>& b,
    double module);

} // namespace kiosk::checkin
