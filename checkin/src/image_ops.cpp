#include "image_ops.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace kiosk::checkin::image_ops {
namespace {

GrayView view_of(std::vector<std::uint8_t>& out, int width, int height)
{
    return {out.data(), width, height, width};
}

std::size_t index(int x, int y, int width)
{
    return static_cast<std::size_t>(y) * static_cast<std::size_t>(width) +
           static_cast<std::size_t>(x);
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
                return (1 - fy) * ((1 - fx) * values[index(x0, y0, columns)] +
                                   fx * values[index(x1, y0, columns)]) +
                       fy * ((1 - fx) * values[index(x0, y1, columns)] +
                             fx * values[index(x1, y1, columns)]);
            };
            const double lo = blend(low), hi = blend(high);
            const double range =
                std::max(hi - lo, 24.0); // flat areas stay flat, not amplified noise
            const double value = (image.at(x, y) - lo) * 255.0 / range;
            out[index(x, y, image.width)] =
                static_cast<std::uint8_t>(std::clamp(value, 0.0, 255.0));
        }
    }
    return view_of(out, image.width, image.height);
}

GrayView darkened(const GrayView& image, std::vector<std::uint8_t>& out, double fraction)
{
    std::array<int, 256> histogram{};
    int samples = 0;
    for (int y = 0; y < image.height; y += 2)
        for (int x = 0; x < image.width; x += 2, ++samples)
            ++histogram[image.at(x, y)];
    // The 2nd and 98th percentiles: a few specks of dirt or glints do not set the range.
    auto percentile = [&](double share) {
        int seen = 0;
        for (int value = 0; value < 256; ++value)
            if ((seen += histogram[static_cast<std::size_t>(value)]) > share * samples)
                return value;
        return 255;
    };
    const int dark = percentile(0.02), light = percentile(0.98);
    const double black = dark + fraction * (light - dark);
    const double range = std::max(light - black, 8.0);
    std::array<std::uint8_t, 256> mapped{};
    for (int value = 0; value < 256; ++value)
        mapped[static_cast<std::size_t>(value)] = static_cast<std::uint8_t>(
            std::clamp((value - black) * 255.0 / range, 0.0, 255.0));
    out.resize(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height));
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x)
            out[index(x, y, image.width)] = mapped[image.at(x, y)];
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

GrayView sharpened(const GrayView& image, int radius, double amount, std::vector<std::uint8_t>& out)
{
    const int width = image.width, height = image.height;
    // Box sums by rows, then by columns, each with a running sum: a cost per pixel that does
    // not grow with the radius. Pixels past the edge repeat the edge.
    std::vector<int> row_sums(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    for (int y = 0; y < height; ++y) {
        auto pixel = [&](int x) { return image.at(std::clamp(x, 0, width - 1), y); };
        int sum = 0;
        for (int x = -radius; x <= radius; ++x)
            sum += pixel(x);
        for (int x = 0; x < width; ++x) {
            row_sums[index(x, y, width)] = sum;
            sum += pixel(x + radius + 1) - pixel(x - radius);
        }
    }
    std::vector<int> box(static_cast<std::size_t>(width));
    for (int x = 0; x < width; ++x)
        for (int y = -radius; y <= radius; ++y)
            box[static_cast<std::size_t>(x)] +=
                row_sums[index(x, std::clamp(y, 0, height - 1), width)];
    const int area = (2 * radius + 1) * (2 * radius + 1);
    const int gain = static_cast<int>(amount * 256);
    out.resize(row_sums.size());
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            const int value = image.at(x, y);
            const int mean = box[static_cast<std::size_t>(x)] / area;
            out[index(x, y, width)] =
                static_cast<std::uint8_t>(std::clamp(value + (value - mean) * gain / 256, 0, 255));
        }
        const int entering = std::min(y + radius + 1, height - 1),
                  leaving = std::max(y - radius, 0);
        for (int x = 0; x < width; ++x)
            box[static_cast<std::size_t>(x)] +=
                row_sums[index(x, entering, width)] - row_sums[index(x, leaving, width)];
    }
    return view_of(out, width, height);
}

GrayView resampled(const GrayView& image, int left, int top, int right, int bottom, double scale,
                   std::vector<std::uint8_t>& out)
{
    left = std::clamp(left, 0, image.width - 1);
    right = std::clamp(right, left + 1, image.width);
    top = std::clamp(top, 0, image.height - 1);
    bottom = std::clamp(bottom, top + 1, image.height);
    const int width = static_cast<int>((right - left) * scale);
    const int height = static_cast<int>((bottom - top) * scale);
    out.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    // Fixed point, 16 fractional bits for positions and 8 for the weights.
    const int step = static_cast<int>(65536 / scale);
    for (int y = 0; y < height; ++y) {
        const int source_y = (top << 16) + y * step;
        const int y0 = std::min(source_y >> 16, bottom - 1), y1 = std::min(y0 + 1, bottom - 1);
        const int weight_y = (source_y >> 8) & 255;
        const std::uint8_t* row0 = image.data + static_cast<std::ptrdiff_t>(y0) * image.stride;
        const std::uint8_t* row1 = image.data + static_cast<std::ptrdiff_t>(y1) * image.stride;
        for (int x = 0; x < width; ++x) {
            const int source_x = (left << 16) + x * step;
            const int x0 = std::min(source_x >> 16, right - 1), x1 = std::min(x0 + 1, right - 1);
            const int weight_x = (source_x >> 8) & 255;
            const int upper = row0[x0] * (256 - weight_x) + row0[x1] * weight_x;
            const int lower = row1[x0] * (256 - weight_x) + row1[x1] * weight_x;
            out[index(x, y, width)] = static_cast<std::uint8_t>(
                (upper * (256 - weight_y) + lower * weight_y + 32768) >> 16);
        }
    }
    return view_of(out, width, height);
}

GrayView with_finder(const GrayView& image, const FinderDrawing& finder,
                     std::vector<std::uint8_t>& out)
{
    out.resize(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height));
    for (int y = 0; y < image.height; ++y)
        std::copy_n(image.data + static_cast<std::ptrdiff_t>(y) * image.stride, image.width,
                    out.data() + index(0, y, image.width));
    // The separator reaches 4.5 modules from the centre; along a diagonal, √2 times that.
    const int reach = static_cast<int>(std::ceil(4.5 * std::sqrt(2.0) * finder.module)) + 1;
    const int x0 = std::max(0, static_cast<int>(finder.x) - reach);
    const int x1 = std::min(image.width, static_cast<int>(finder.x) + reach + 1);
    const int y0 = std::max(0, static_cast<int>(finder.y) - reach);
    const int y1 = std::min(image.height, static_cast<int>(finder.y) + reach + 1);
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            // Pixel centre in modules along the finder's sides.
            const double dx = x + 0.5 - finder.x, dy = y + 0.5 - finder.y;
            const double along = (dx * finder.side_x + dy * finder.side_y) / finder.module;
            const double across = (dy * finder.side_x - dx * finder.side_y) / finder.module;
            const double ring = std::max(std::abs(along), std::abs(across));
            if (ring >= 4.5)
                continue;
            const bool dark = ring < 1.5 || (ring >= 2.5 && ring < 3.5);
            out[index(x, y, image.width)] = dark ? finder.dark : finder.light;
        }
    return view_of(out, image.width, image.height);
}

} // namespace kiosk::checkin::image_ops
