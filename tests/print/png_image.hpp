#pragma once

// A PNG read back with cairo, for tests that look at what was drawn.

#include <cairo.h>
#include <cstdint>
#include <cstring>
#include <string>

namespace test {

// A PNG read back: width, height and the darkness of a pixel.
struct Png {
    cairo_surface_t* surface;

    explicit Png(const std::string& bytes)
    {
        struct Reader {
            const std::string* bytes;
            std::size_t at = 0;
        } reader{&bytes};
        surface = cairo_image_surface_create_from_png_stream(
            [](void* closure, unsigned char* data, unsigned int length) {
                auto* r = static_cast<Reader*>(closure);
                if (r->at + length > r->bytes->size())
                    return CAIRO_STATUS_READ_ERROR;
                std::memcpy(data, r->bytes->data() + r->at, length);
                r->at += length;
                return CAIRO_STATUS_SUCCESS;
            },
            &reader);
    }
    ~Png() { cairo_surface_destroy(surface); }
    Png(const Png&) = delete;
    Png& operator=(const Png&) = delete;

    int width() const { return cairo_image_surface_get_width(surface); }
    int height() const { return cairo_image_surface_get_height(surface); }
    bool dark(int x, int y) const
    {
        const auto* row = cairo_image_surface_get_data(surface) +
                          static_cast<std::ptrdiff_t>(y) * cairo_image_surface_get_stride(surface);
        return (row[4 * x] & 0xFF) < 128; // blue channel of a grey pixel
    }
    // 0xRRGGBB of an opaque pixel (cairo keeps ARGB32 in native order).
    std::uint32_t rgb(int x, int y) const
    {
        const auto* row = cairo_image_surface_get_data(surface) +
                          static_cast<std::ptrdiff_t>(y) * cairo_image_surface_get_stride(surface);
        std::uint32_t pixel = 0;
        std::memcpy(&pixel, row + 4 * x, 4);
        return pixel & 0xFFFFFF;
    }
    int dark_pixels() const
    {
        int count = 0;
        for (int y = 0; y < height(); ++y)
            for (int x = 0; x < width(); ++x)
                count += dark(x, y) ? 1 : 0;
        return count;
    }
};

} // namespace test
