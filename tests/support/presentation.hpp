#pragma once

// A visitor presenting a ticket at the door, filmed at 30 frames a second by the kiosk's
// fixed-focus webcam (the pinhole model of pinhole_scene.hpp): the hall empty a moment, then a
// phone or a printed ticket coming into view from one side, slowing down, held 15–40 cm away
// for about 1.5 s with the hand's tremor (a lamp's reflection sliding over it as it tilts),
// then taken away. Frames are drawn on demand and kept, so two readers can see the same film.

#include "pinhole_scene.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace test::optics {

// Where the target is at any moment: coming in from `outside`, easing into `held`, trembling
// there, then leaving the way it came.
struct Trajectory {
    Pose outside, held;
    double enters = 0.5, arrives = 1.1, leaves = 2.6, gone = 3.1; // seconds
    std::array<double, 6> tremor_amplitude{}; // x, y, z (metres), yaw, pitch, roll (radians)
    std::array<double, 6> tremor_frequency{}; // hertz
    std::array<double, 6> tremor_phase{};

    [[nodiscard]] Pose at(double seconds) const;
};

class PresentationFilm {
public:
    static constexpr double frames_per_second = 30;

    PresentationFilm(const std::string& text, std::uint32_t seed, Camera camera = {});

    [[nodiscard]] int frame_count() const { return frame_count_; }
    [[nodiscard]] static double seconds_of(int index) { return index / frames_per_second; }
    // When the whole code (quiet zone included) is first in view: time to admit counts
    // from here. Negative if it never is.
    [[nodiscard]] double code_in_view_at() const { return code_in_view_at_; }
    [[nodiscard]] double hold_distance() const { return hold_distance_; }
    [[nodiscard]] Medium medium() const { return target_.medium; }
    [[nodiscard]] const Lighting& lighting() const { return lighting_; }

    // The frame as the camera delivers it (8-bit grey, 1280×720).
    [[nodiscard]] std::shared_ptr<const GrayImage> frame(int index);

private:
    Camera camera_;
    Target target_;
    Lighting lighting_;
    Sensor sensor_;
    std::uint32_t seed_;
    Trajectory trajectory_;
    int frame_count_ = 0;
    Radiance room_{0, 0, 0};
    double gain_ = 1;
    double code_in_view_at_ = -1;
    double hold_distance_ = 0;
    std::vector<std::shared_ptr<const GrayImage>> frames_;
};

} // namespace test::optics
