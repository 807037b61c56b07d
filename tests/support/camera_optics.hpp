#pragma once

// The optics and electronics of a cheap webcam, in linear light: the lens's defocus disk, the
// blur of an object moving during the exposure, then the sensor (auto-exposure, shot and read
// noise) and the camera's own processing (tone curve, sharpening, 8 bits, JPEG). Independent
// of camera_scene.hpp on purpose (only its libjpeg round trip is shared): a decoder tuned on
// one kind of frame is judged on another.

#include "qr_image.hpp"

#include <cstdint>
#include <random>
#include <vector>

namespace test::optics {

// An image in linear light (1.0 = white paper under the hall's usual lighting).
struct Radiance {
    int width = 0;
    int height = 0;
    std::vector<double> values;

    Radiance(int w, int h, double fill)
        : width(w)
        , height(h)
        , values(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), fill)
    {}
    [[nodiscard]] double at(int x, int y) const
    {
        return values[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                      static_cast<std::size_t>(x)];
    }
    double& at(int x, int y)
    {
        return values[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                      static_cast<std::size_t>(x)];
    }
};

// Convolves with a uniform disk of `radius` pixels (a defocused lens's point spread function).
// Sub-pixel radii weight the rim by its coverage, so a radius of 1.3 differs from 1.0.
void disk_blur(Radiance& image, double radius);

// Averages along a straight path of `dx`, `dy` pixels: what the sensor integrates while the
// object slides by during the exposure.
void linear_motion_blur(Radiance& image, double dx, double dy);

struct Sensor {
    double full_well = 3000;            // electrons at white, at the longest exposure
    double read_noise = 5;              // electrons
    double exposure_target = 0.42;      // auto-exposure aims the frame's mean at this
    double longest_exposure_gain = 1.6; // exposure stops here (1/30 s); analogue gain after
    double largest_gain = 8;
    double sharpening = 0.8; // the camera's unsharp mask, 3×3
    int jpeg_quality = 85;   // the USB camera's MJPEG; 0 = raw
};

// Auto-exposure gain for the frame (what the camera settles on).
[[nodiscard]] double auto_exposure(const Radiance& scene, const Sensor& sensor);

// Exposes, adds shot and read noise, applies the tone curve, sharpens, quantises and
// compresses: the grey frame the driver hands over.
[[nodiscard]] GrayImage develop(const Radiance& scene, double gain, const Sensor& sensor,
                                std::mt19937& random);

} // namespace test::optics
