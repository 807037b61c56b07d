#pragma once

// Still frames from the pinhole model (pinhole_scene.hpp, camera_optics.hpp), one kind of
// trouble at a time, in two halves drawn from different seeds: a development half a decoder
// may be tuned on, and a held-out half it must never see before it is judged.

#include "pinhole_scene.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace test::optics {

enum class Trouble {
    Nominal,     // 25–40 cm, facing the camera, the hall's light
    Defocus,     // 12–20 cm from a lens focused at 60 cm
    Motion,      // still moving: 3–15 cm/s across the view during the exposure
    Far,         // 45–65 cm: two pixels a module or less
    Perspective, // turned 40–60° away
    Rotation,    // any angle in the image plane
    Dim,         // a dark corner of the hall: the sensor's gain at its limit, noise
    Glare,       // a lamp reflected on the code
    Shadow,      // a hand's shadow across the code
    Screen,      // a phone: emitted light, pixel grid, a third in dark mode
    Jpeg,        // a camera compressing hard (quality 15–40)
    Combined,    // close, moving, turned, dimmer, compressed, at once
    NoCode,      // paper or phone with nothing to read, in the same conditions
};

enum class Half { Development, HeldOut };

[[nodiscard]] std::string_view name_of(Trouble trouble);
[[nodiscard]] std::string_view name_of(Half half);
[[nodiscard]] std::vector<Trouble> all_troubles();

// The seed of the `index`-th frame of `trouble` in `half`: the halves never share one.
[[nodiscard]] std::uint32_t seed_of(Half half, Trouble trouble, int index);

// One frame; the same seed gives the same pixels. `text` is ignored for NoCode.
[[nodiscard]] GrayImage make_posed_frame(Trouble trouble, const std::string& text,
                                         std::uint32_t seed, const Camera& camera = {});

} // namespace test::optics
