#pragma once

// Where the decoder's harder passes look, and how each area is prepared: cut from the frame,
// enlarged to a module size ZXing reads well, turned dark-on-light (private to the library).

#include "kiosk_checkin/finder_scan.hpp"
#include "kiosk_checkin/frame.hpp"

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace kiosk::checkin {

struct Box {
    int left, top, right, bottom;
};

// Where a pass's image sits in the frame: codes found in a crop are reported in frame pixels.
struct Placement {
    double offset_x = 0, offset_y = 0, scale = 1;
};

// An area a harder pass works on: its view (dark on light, enlarged) and where it sits.
struct Area {
    GrayView view;
    Placement placement;
    bool whole_frame = false; // the frame itself: nothing located, the passes look everywhere
    // A candidate with two clear finders: their centres and the module, in the area's pixels.
    std::optional<std::array<std::array<double, 2>, 2>> two_finders;
    double module = 0;
};

// Enough pixels per module for ZXing's binarizer and finder detector; more only costs time.
inline constexpr double wanted_module_pixels = 4.5;

// Where the harder passes look: the two likeliest candidates, else the symbol ZXing located,
// else everywhere. An area that not even one pass on it could afford (`affordable`, given its
// pixels) is not made: noise in dim light groups chance finders of a pixel or two a module
// into candidates that, enlarged, would be megapixels. The areas' pixels live in `buffers`.
[[nodiscard]] std::vector<Area> areas_to_search(const GrayView& image,
                                                const FinderEvidence& finders,
                                                const std::optional<Box>& near_miss,
                                                const std::function<bool(double)>& affordable,
                                                std::array<std::vector<std::uint8_t>, 2>& buffers,
                                                std::vector<std::uint8_t>& scratch);

} // namespace kiosk::checkin
