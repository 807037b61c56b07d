#pragma once

// Test images with QR codes in them, made with libqrencode and written with GStreamer.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace test {

struct GrayImage {
    int width = 0;
    int height = 0;
    std::vector<std::uint8_t> pixels; // row-major, stride == width

    GrayImage(int w, int h, std::uint8_t fill)
        : width(w)
        , height(h)
        , pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), fill)
    {
    }
    [[nodiscard]] std::uint8_t at(int x, int y) const
    {
        return pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                      static_cast<std::size_t>(x)];
    }
    std::uint8_t& at(int x, int y)
    {
        return pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
                      static_cast<std::size_t>(x)];
    }
};

// Draws `text` as a QR code (error correction M) with its top-left corner at (x, y),
// `module` pixels per module, including a 4-module quiet zone. Returns the drawn side length.
int draw_qr(GrayImage& image, const std::string& text, int x, int y, int module);

// Writes PNG (or JPEG for a .jpg path) through a GStreamer appsrc pipeline.
void write_image(const GrayImage& image, const std::filesystem::path& path);

} // namespace test
