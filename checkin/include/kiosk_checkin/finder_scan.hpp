#pragma once

#include "kiosk_checkin/frame.hpp"

#include <array>
#include <vector>

namespace kiosk::checkin {

enum class Polarity { DarkOnLight, LightOnDark };

// Where a code probably is: two or more finder-like patterns of one polarity and one module
// size, at distances a QR code's finders can have.
struct CodeCandidate {
    int left = 0, top = 0, right = 0, bottom = 0; // frame pixels, the code and its margin
    double module = 0;                            // pixels per module, as the finders measure it
    Polarity polarity = Polarity::DarkOnLight;    // LightOnDark: a dark-mode phone screen
    int finders = 0;
    // Finders about as clear as the clearest one (crossed by at least 60 % as many rows, of a
    // module within 25 % of its), and the centres of the first three of them (frame pixels;
    // x, y), clearest first. A real finder's 3-module core is crossed by many rows, a chance
    // 1:1:3:1:1 among the data modules by few: with only two clear, the decoder can draw the
    // third where they say it must be.
    int clear_finders = 0;
    double clear_module = 0; // pixels per module, as the clear finders measure it
    std::array<std::array<double, 2>, 3> centres{};
};

// Evidence that a QR code may be in view. Rows crossing a finder pattern show runs in the
// ratio 1:1:3:1:1 (dark-light-dark-light-dark, or the reverse for a light code on a dark
// screen) with a clear contrast between them; a finder is such a hit repeated on the next
// sampled row, at the same place and size. Finding them costs far less than a decode, and
// tells the harder passes whether they are worth their time, where to look and how much to
// enlarge.
struct FinderEvidence {
    int dark_on_light = 0;                 // finder-like patterns of a printed code
    int light_on_dark = 0;                 // finder-like patterns of an inverted code
    std::vector<CodeCandidate> candidates; // the most finders first

    [[nodiscard]] int finders() const { return dark_on_light + light_on_dark; }
};

// Scans every `row_step`-th row: 2 keeps finders of codes with modules of 2 pixels (a ticket at
// 15 % of a 720-line frame) on enough rows to be confirmed.
[[nodiscard]] FinderEvidence scan_for_finders(const GrayView& image, int row_step = 2);

} // namespace kiosk::checkin
