#pragma once

// A ticket held up in front of the kiosk's webcam, rendered as a camera sees it: a flat
// target (printed paper or a phone's screen) posed in 3-D in front of a pinhole camera, each
// pixel integrated over its area by casting rays onto the target, lit by the room (shading,
// a hand's shadow, a specular highlight where a lamp reflects), then the lens's defocus for
// the target's distance and the blur of its motion during the exposure. Sensor noise, the
// camera's processing and JPEG follow in camera_optics.hpp.

#include "camera_optics.hpp"

#include <array>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace test::optics {

struct Camera {
    int width = 1280;
    int height = 720;
    double focal = 914;          // pixels: about 70° across, a usual webcam
    double focus_distance = 0.6; // metres: fixed focus
    double aperture = 0.0016;    // metres: the lens's entrance pupil

    // Radius in pixels of the defocus disk of a point at `depth` metres.
    [[nodiscard]] double defocus_radius(double depth) const;
};

// Where the target is: its centre in camera coordinates (metres; x right, y down, z away
// from the camera) and its orientation (radians).
struct Pose {
    double x = 0, y = 0, z = 0.3;
    double yaw = 0;   // about the vertical axis
    double pitch = 0; // about the horizontal axis
    double roll = 0;  // in the image plane
};

enum class Medium { Paper, Phone };

struct Target {
    Medium medium = Medium::Paper;
    std::vector<std::uint8_t> modules; // the QR symbol's modules, 1 = dark; empty: no code
    int modules_across = 0;
    double code_side = 0.04;        // metres, the symbol without its quiet zone
    bool light_on_dark = false;     // a phone in dark mode
    double screen_level = 1.5;      // a phone's white, relative to white paper in the hall's light
    double pixel_pitch = 7e-5;      // metres between a phone's pixels (its grid makes moiré)
    std::uint32_t pattern_seed = 1; // the printed text lines, or the picture on a phone
};

// The target showing `text` as a QR code (error correction M, as the tickets are printed).
[[nodiscard]] Target target_with_code(const std::string& text, Medium medium, double code_side);

struct Lighting {
    double level = 1.0; // the room's light, 1 = the hall as usual
    double glare = 0;   // peak of a lamp's specular reflection (1 = white paper)
    std::array<double, 3> lamp{0.3, -0.8, -0.5}; // towards the lamp, camera coordinates
    double shadow = 0;        // how much of the light a hand's shadow takes, 0–1
    double shadow_angle = 0;  // the shadow's edge across the target
    double shadow_offset = 0; // metres from the target's centre
};

// Where the code's centre sits on the target (metres across and down from its centre).
[[nodiscard]] std::array<double, 2> code_centre(const Target& target);

// The lamp direction that puts the specular highlight `du`, `dv` metres from the code's
// centre for this pose.
[[nodiscard]] std::array<double, 3> lamp_reflected_at(const Pose& pose, const Target& target,
                                                      double du, double dv);

// The entrance hall behind the visitor: walls, a door, posters, a window; defocused by its
// distance.
[[nodiscard]] Radiance render_room(const Camera& camera, double level, std::mt19937& random);

// Draws the target over `frame`, its image moving by `motion_x`, `motion_y` pixels during
// the exposure.
void add_target(Radiance& frame, const Camera& camera, const Target& target, const Pose& pose,
                const Lighting& lighting, double motion_x = 0, double motion_y = 0);

// The code's corners in the image (top-left, top-right, bottom-right, bottom-left; x, y).
[[nodiscard]] std::array<double, 8> code_corners(const Camera& camera, const Target& target,
                                                 const Pose& pose);
// Whether the whole code, quiet zone included, is in the frame and in front of the camera.
[[nodiscard]] bool code_in_view(const Camera& camera, const Target& target, const Pose& pose);

} // namespace test::optics
