#include "camera_scene.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <jpeglib.h>
#include <stdexcept>

namespace test {
namespace {

std::uint8_t clamp_pixel(double value)
{
    return static_cast<std::uint8_t>(std::lround(std::clamp(value, 0.0, 255.0)));
}

// Solves the 8×8 system that maps the unit square's corners (scaled to `width`×`height`)
// onto `corners`; returns the 3×3 homography, row-major, h[8] = 1.
std::array<double, 9> homography(double width, double height, const std::array<double, 8>& corners)
{
    const std::array<double, 8> source{0, 0, width, 0, width, height, 0, height};
    double a[8][9] = {};
    for (std::size_t i = 0; i < 4; ++i) {
        const double x = source[2 * i], y = source[2 * i + 1];
        const double u = corners[2 * i], v = corners[2 * i + 1];
        double* r1 = a[2 * i];
        double* r2 = a[2 * i + 1];
        r1[0] = x, r1[1] = y, r1[2] = 1, r1[6] = -u * x, r1[7] = -u * y, r1[8] = u;
        r2[3] = x, r2[4] = y, r2[5] = 1, r2[6] = -v * x, r2[7] = -v * y, r2[8] = v;
    }
    for (int column = 0; column < 8; ++column) {
        int pivot = column;
        for (int row = column + 1; row < 8; ++row)
            if (std::abs(a[row][column]) > std::abs(a[pivot][column]))
                pivot = row;
        std::swap(a[column], a[pivot]);
        for (int row = 0; row < 8; ++row) {
            if (row == column)
                continue;
            const double factor = a[row][column] / a[column][column];
            for (int k = column; k < 9; ++k)
                a[row][k] -= factor * a[column][k];
        }
    }
    std::array<double, 9> h{};
    for (int i = 0; i < 8; ++i)
        h[static_cast<std::size_t>(i)] = a[i][8] / a[i][i];
    h[8] = 1;
    return h;
}

std::array<double, 9> inverse(const std::array<double, 9>& m)
{
    const double det = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) +
                       m[2] * (m[3] * m[7] - m[4] * m[6]);
    return {(m[4] * m[8] - m[5] * m[7]) / det, (m[2] * m[7] - m[1] * m[8]) / det,
            (m[1] * m[5] - m[2] * m[4]) / det, (m[5] * m[6] - m[3] * m[8]) / det,
            (m[0] * m[8] - m[2] * m[6]) / det, (m[2] * m[3] - m[0] * m[5]) / det,
            (m[3] * m[7] - m[4] * m[6]) / det, (m[1] * m[6] - m[0] * m[7]) / det,
            (m[0] * m[4] - m[1] * m[3]) / det};
}

} // namespace

void place(GrayImage& frame, const GrayImage& source, const std::array<double, 8>& corners)
{
    const auto forward = homography(source.width, source.height, corners);
    const auto back = inverse(forward);
    double min_x = corners[0], max_x = corners[0], min_y = corners[1], max_y = corners[1];
    for (std::size_t i = 0; i < 4; ++i) {
        min_x = std::min(min_x, corners[2 * i]);
        max_x = std::max(max_x, corners[2 * i]);
        min_y = std::min(min_y, corners[2 * i + 1]);
        max_y = std::max(max_y, corners[2 * i + 1]);
    }
    const int x0 = std::max(0, static_cast<int>(min_x)), x1 = std::min(frame.width - 1, static_cast<int>(max_x) + 1);
    const int y0 = std::max(0, static_cast<int>(min_y)), y1 = std::min(frame.height - 1, static_cast<int>(max_y) + 1);
    for (int y = y0; y <= y1; ++y)
        for (int x = x0; x <= x1; ++x) {
            const double w = back[6] * x + back[7] * y + back[8];
            const double sx = (back[0] * x + back[1] * y + back[2]) / w;
            const double sy = (back[3] * x + back[4] * y + back[5]) / w;
            if (sx < 0 || sy < 0 || sx > source.width - 1 || sy > source.height - 1)
                continue;
            const int ix = static_cast<int>(sx), iy = static_cast<int>(sy);
            const int jx = std::min(ix + 1, source.width - 1), jy = std::min(iy + 1, source.height - 1);
            const double fx = sx - ix, fy = sy - iy;
            const GrayImage& s = source;
            const double value = (1 - fx) * (1 - fy) * s.at(ix, iy) + fx * (1 - fy) * s.at(jx, iy) +
                                 (1 - fx) * fy * s.at(ix, jy) + fx * fy * s.at(jx, jy);
            frame.at(x, y) = clamp_pixel(value);
        }
}

void box_blur(GrayImage& image, int radius)
{
    if (radius <= 0)
        return;
    GrayImage copy = image;
    // Horizontal then vertical running sums.
    for (int pass = 0; pass < 2; ++pass) {
        const bool horizontal = pass == 0;
        const int lines = horizontal ? image.height : image.width;
        const int length = horizontal ? image.width : image.height;
        for (int line = 0; line < lines; ++line) {
            auto pixel = [&](GrayImage& img, int i) -> std::uint8_t& {
                return horizontal ? img.at(i, line) : img.at(line, i);
            };
            int sum = 0, count = 0;
            for (int i = -radius; i < length + radius; ++i) {
                if (i + radius < length) {
                    sum += pixel(copy, i + radius);
                    ++count;
                }
                if (i - radius - 1 >= 0) {
                    sum -= pixel(copy, i - radius - 1);
                    --count;
                }
                if (i >= 0 && i < length)
                    pixel(image, i) = static_cast<std::uint8_t>(sum / std::max(count, 1));
            }
        }
        copy = image;
    }
}

void motion_blur(GrayImage& image, int length, double angle_degrees)
{
    const GrayImage copy = image;
    const double dx = std::cos(angle_degrees * M_PI / 180), dy = std::sin(angle_degrees * M_PI / 180);
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            int sum = 0, count = 0;
            for (int step = -length / 2; step <= length / 2; ++step) {
                const int sx = x + static_cast<int>(std::lround(step * dx));
                const int sy = y + static_cast<int>(std::lround(step * dy));
                if (sx >= 0 && sy >= 0 && sx < image.width && sy < image.height) {
                    sum += copy.at(sx, sy);
                    ++count;
                }
            }
            image.at(x, y) = static_cast<std::uint8_t>(sum / count);
        }
}

void add_noise(GrayImage& image, double sigma, std::mt19937& random)
{
    std::normal_distribution<double> noise(0, sigma);
    for (auto& pixel : image.pixels)
        pixel = clamp_pixel(pixel + noise(random));
}

void invert(GrayImage& image)
{
    for (auto& pixel : image.pixels)
        pixel = static_cast<std::uint8_t>(255 - pixel);
}

void jpeg_round_trip(GrayImage& image, int quality)
{
    jpeg_compress_struct compress{};
    jpeg_error_mgr errors{};
    compress.err = jpeg_std_error(&errors);
    jpeg_create_compress(&compress);
    unsigned char* buffer = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&compress, &buffer, &size);
    compress.image_width = static_cast<JDIMENSION>(image.width);
    compress.image_height = static_cast<JDIMENSION>(image.height);
    compress.input_components = 1;
    compress.in_color_space = JCS_GRAYSCALE;
    jpeg_set_defaults(&compress);
    jpeg_set_quality(&compress, quality, TRUE);
    jpeg_start_compress(&compress, TRUE);
    while (compress.next_scanline < compress.image_height) {
        JSAMPROW row = &image.pixels[compress.next_scanline * static_cast<std::size_t>(image.width)];
        jpeg_write_scanlines(&compress, &row, 1);
    }
    jpeg_finish_compress(&compress);
    jpeg_destroy_compress(&compress);

    jpeg_decompress_struct decompress{};
    decompress.err = jpeg_std_error(&errors);
    jpeg_create_decompress(&decompress);
    jpeg_mem_src(&decompress, buffer, size);
    jpeg_read_header(&decompress, TRUE);
    decompress.out_color_space = JCS_GRAYSCALE;
    jpeg_start_decompress(&decompress);
    while (decompress.output_scanline < decompress.output_height) {
        JSAMPROW row = &image.pixels[decompress.output_scanline * static_cast<std::size_t>(image.width)];
        jpeg_read_scanlines(&decompress, &row, 1);
    }
    jpeg_finish_decompress(&decompress);
    jpeg_destroy_decompress(&decompress);
    std::free(buffer);
}

} // namespace test
