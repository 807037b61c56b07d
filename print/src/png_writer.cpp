#include "png_writer.hpp"

#include <csetjmp>
#include <cstring>
#include <png.h>
#include <vector>

namespace kiosk_print {
namespace {

void append(png_structp png, png_bytep data, png_size_t length)
{
    static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data),
                                                           length);
}

std::uint32_t pixel(const unsigned char* data, int stride, int x, int y)
{
    std::uint32_t value = 0;
    std::memcpy(&value, data + static_cast<std::ptrdiff_t>(y) * stride + 4 * x, sizeof value);
    return value;
}

bool all_grey(const unsigned char* data, int width, int height, int stride)
{
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            const auto value = pixel(data, stride, x, y);
            const auto red = (value >> 16) & 0xFF, green = (value >> 8) & 0xFF, blue = value & 0xFF;
            if (red != green || green != blue)
                return false;
        }
    return true;
}

// Kept free of C++ objects with destructors: libpng reports errors with longjmp.
bool write_rows(png_structp png, png_infop info, const unsigned char* data, int width,
                int height, int stride, bool grey, unsigned char* row, std::string& out)
{
    if (setjmp(png_jmpbuf(png)))
        return false;
    png_set_write_fn(png, &out, append, nullptr);
    png_set_compression_level(png, 1);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_FILTER_NONE);
    png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8,
                 grey ? PNG_COLOR_TYPE_GRAY : PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const auto value = pixel(data, stride, x, y);
            if (grey) {
                row[x] = static_cast<unsigned char>(value & 0xFF);
            } else {
                row[3 * x] = static_cast<unsigned char>((value >> 16) & 0xFF);
                row[3 * x + 1] = static_cast<unsigned char>((value >> 8) & 0xFF);
                row[3 * x + 2] = static_cast<unsigned char>(value & 0xFF);
            }
        }
        png_write_row(png, row);
    }
    png_write_end(png, nullptr);
    return true;
}

} // namespace

bool encode_png(const unsigned char* data, int width, int height, int stride, std::string& out)
{
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    if (!png)
        return false;
    png_infop info = png_create_info_struct(png);
    const bool grey = all_grey(data, width, height, stride);
    std::vector<unsigned char> row(static_cast<std::size_t>(width) * 3);
    const bool written =
        info && write_rows(png, info, data, width, height, stride, grey, row.data(), out);
    png_destroy_write_struct(&png, info ? &info : nullptr);
    return written;
}

} // namespace kiosk_print
