#pragma once

// People trained per month, as bars, for the office's yearly figures: drawn on a Canvas, so the
// same chart is a PNG, an SVG or a PDF page.

#include "kiosk/reports/people_trained.hpp"
#include "kiosk_print/canvas.hpp"

#include <string>

namespace kiosk_print {

inline constexpr Color trained_color = Color::hex(0x1E7B4F);

// One bar per month (distinct people that month), its figure above it, the total and what it
// means under the title.
void draw_people_trained_chart(Canvas& canvas, const kiosk::PeopleTrained& report,
                               const std::string& title);

} // namespace kiosk_print
