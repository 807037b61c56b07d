#pragma once

#include "kiosk_checkin/frame.hpp"

namespace kiosk::checkin {

// Evidence that a QR code may be in view: rows crossing a finder pattern show runs in the
// ratio 1:1:3:1:1 (dark-light-dark-light-dark, or the reverse for a light code on a dark
// screen). Counting them on a sample of rows costs a fraction of a millisecond, far less than
// a decode, and tells the harder passes whether they are worth their time and where to look.
struct FinderEvidence {
    int dark_on_light = 0; // rows crossing a finder of a printed code
    int light_on_dark = 0; // rows crossing a finder of an inverted code
    int left = 0, top = 0, right = 0, bottom = 0; // bounding box of the hits

    [[nodiscard]] int hits() const { return dark_on_light + light_on_dark; }
};

[[nodiscard]] FinderEvidence scan_for_finders(const GrayView& image, int row_step = 3);

} // namespace kiosk::checkin
