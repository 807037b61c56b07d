#include "image_ops.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::checkin::image_ops {
namespace {

GrayView view_of(std::vector<std::uint8_t>& out, int width, int height)
{
    return {out.data(), width, height, width};
}

std::size_t index(int x, int y, int width)
{
    return static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x);
}

} // namespace

GrayView inverted(const GrayView& image, std::vector<std::uint8_t>& out)
{
    out.resize(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height));
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            out[index(x, y, image.width)] = static_cast<std::uint8_t>(255 - image.at(x, y));
    return view_of(out, image.width, image.height);
}

GrayView normalised(const GrayView& image, std::vector<std::uint8_t>& out, int tile)
{
    const int columns = (image.width + tile - 1) / tile, rows = (image.height + tile - 1) / tile;
    std::vector<std::uint8_t> low(static_cast<std::size_t>(columns * rows), 255);
    std::vector<std::uint8_t> high(static_cast<std::size_t>(columns * rows), 0);
    for (int y = 0; y < image.height; y += 2)
        for (int x = 0; x < image.width; x += 2) {
            const auto cell = index(x / tile, y / tile, columns);
            low[cell] = std::min(low[cell], image.at(x, y));
            high[cell] = std::max(high[cell], image.at(x, y));
        }
    out.resize(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height));
    for (int y = 0; y < image.height; ++y) {
        // Bilinear blend of the four nearest tiles' ranges avoids seams at tile edges.
        const double ty = std::clamp((y + 0.5) / tile - 0.5, 0.0, rows - 1.0);
        const int y0 = static_cast<int>(ty), y1 = std::min(y0 + 1, rows - 1);
        const double fy = ty - y0;
        for (int x = 0; x < image.width; ++x) {
            const double tx = std::clamp((x + 0.5) / tile - 0.5, 0.0, columns - 1.0);
            const int x0 = static_cast<int>(tx), x1 = std::min(x0 + 1, columns - 1);
            const double fx = tx - x0;
            auto blend = [&](const std::vector<std::uint8_t>& values) {
                return (1 - fy) * ((1 - fx) * values[index(x0, y0, columns)] + fx * values[index(x1, y0, columns)]) +
                       fy * ((1 - fx) * values[index(x0, y1, columns)] + fx * values[index(x1, y1, columns)]);
            };
            const double lo = blend(low), hi = blend(high);
            const double range = std::max(hi - lo, 24.0); // flat areas stay flat, not amplified noise
            const double value = (image.at(x, y) - lo) * 255.0 / range;
            out[index(x, y, image.width)] = static_cast<std::uint8_t>(std::clamp(value, 0.0, 255.0));
        }
    }
    return view_of(out, image.width, image.height);
}

GrayView smoothed(const GrayView& image, std::vector<std::uint8_t>& out)
{
    out.resize(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height));
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            int sum = 0, count = 0;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    const int sx = x + dx, sy = y + dy;
                    if (sx >= 0 && sy >= 0 && sx < image.width && sy < image.height) {
                        sum += image.at(sx, sy);
                        ++count;
                    }
                }
            out[index(x, y, image.width)] = static_cast<std::uint8_t>(sum / count);
        }
    return view_of(out, image.width, image.height);
}

GrayView enlarged_crop(const GrayView& image, int left, int top, int right, int bottom,
                       double scale, std::vector<std::uint8_t>& out)
{
    left = std::clamp(left, 0, image.width - 1);
    right = std::clamp(right, left + 1, image.width);
    top = std::clamp(top, 0, image.height - 1);
    bottom = std::clamp(bottom, top + 1, image.height);
    const int width = static_cast<int>((right - left) * scale);
    const int height = static_cast<int>((bottom - top) * scale);
    std::vector<std::uint8_t> enlarged(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    for (int y = 0; y < height; ++y) {
        const double sy = std::min(top + y / scale, bottom - 1.001);
        const int iy = static_cast<int>(sy);
        const double fy = sy - iy;
        const int jy = std::min(iy + 1, image.height - 1);
        for (int x = 0; x < width; ++x) {
            const double sx = std::min(left + x / scale, right - 1.001);
            const int ix = static_cast<int>(sx);
            const double fx = sx - ix;
            const int jx = std::min(ix + 1, image.width - 1);
            const double value = (1 - fy) * ((1 - fx) * image.at(ix, iy) + fx * image.at(jx, iy)) +
                                 fy * ((1 - fx) * image.at(ix, jy) + fx * image.at(jx, jy));
            enlarged[index(x, y, width)] = static_cast<std::uint8_t>(value);
        }
    }
    // Unsharp mask: value + 0.8 × (value − local mean) restores the edges upscaling softened.
    out.resize(enlarged.size());
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x) {
            int sum = 0, count = 0;
            for (int dy = -2; dy <= 2; ++dy)
                for (int dx = -2; dx <= 2; ++dx) {
                    const int sx = x + dx, sy = y + dy;
                    if (sx >= 0 && sy >= 0 && sx < width && sy < height) {
                        sum += enlarged[index(sx, sy, width)];
                        ++count;
                    }
                }
            const double value = enlarged[index(x, y, width)];
            out[index(x, y, width)] = static_cast<std::uint8_t>(
                std::clamp(value + 0.8 * (value - static_cast<double>(sum) / count), 0.0, 255.0));
        }
    return view_of(out, width, height);
}

} // namespace kiosk::checkin::image_ops
