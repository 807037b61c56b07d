#pragma once

// Camera-like frames of a ticket held up at the entrance, for decoder tests and the decoder
// benchmark: a printed ticket (or a phone screen) with the QR code, placed in a cluttered
// 1280×720 scene through a perspective transform, then degraded the way cheap webcams,
// hands and lighting degrade it.

#include "qr_image.hpp"

#include <array>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace test {

enum class Scene {
    Nominal,
    Small,        // the code about 15 % of the frame height
    Perspective,  // tilted 30–50°
    Rotation,     // any angle
    Defocus,
    MotionBlur,
    Noise,
    Dim,
    Glare,
    Shadow,
    PhoneScreen,  // a phone's screen: dark surround, moiré, blacks not black
    DarkMode,     // light code on a dark phone screen
    Jpeg,         // quality 25–60
    Combined,     // several of the above at once
    NoCode,       // the same scenes with nothing to read
};

[[nodiscard]] std::string_view name_of(Scene scene);
[[nodiscard]] std::vector<Scene> all_scenes();

struct SceneOptions {
    int width = 1280;
    int height = 720;
};

// Draws one frame of `scene` with `text` in its code, varied by `random`.
[[nodiscard]] GrayImage make_scene(Scene scene, const std::string& text, std::mt19937& random,
                                   SceneOptions options = {});

// The individual effects, exposed for targeted tests.
void box_blur(GrayImage& image, int radius);
void motion_blur(GrayImage& image, int length, double angle_degrees);
void add_noise(GrayImage& image, double sigma, std::mt19937& random);
void jpeg_round_trip(GrayImage& image, int quality);
void invert(GrayImage& image);

// The ticket (white paper, the code, lines of "text") as it looks flat, before the camera.
[[nodiscard]] GrayImage flat_ticket(const std::string& text, int module, std::mt19937& random);

// Places `source` so that its corners land on `corners` (top-left, top-right, bottom-right,
// bottom-left) in `frame`, with bilinear sampling.
void place(GrayImage& frame, const GrayImage& source, const std::array<double, 8>& corners);

} // namespace test
