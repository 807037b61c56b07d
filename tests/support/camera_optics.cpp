#include "camera_optics.hpp"

#include "camera_scene.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace test::optics {
namespace {

// Integral of a row (pixel i covering [i - 0.5, i + 0.5]) from its left end to `t`, given
// the row's prefix sums (`prefix[i]` = sum of the first i values, edges replicated by the
// caller's padding).
double integral_to(const std::vector<double>& prefix, const double* row, double t)
{
    const double shifted = t + 0.5;
    const auto whole = static_cast<std::size_t>(shifted);
    return prefix[whole] + (shifted - static_cast<double>(whole)) * row[whole];
}

// Gaussian noise from a table: the sensor model draws a million values a frame, and the
// standard library's normal distribution would cost more than all the optics together.
class FastNormal {
public:
    explicit FastNormal(std::mt19937& random)
        : state_((static_cast<std::uint64_t>(random()) << 32) | random() | 1)
    {}
    double operator()()
    {
        state_ ^= state_ << 13;
        state_ ^= state_ >> 7;
        state_ ^= state_ << 17;
        return table()[state_ >> 52];
    }

private:
    static const std::array<double, 4096>& table()
    {
        static const std::array<double, 4096> values = [] {
            std::array<double, 4096> quantiles{};
            for (std::size_t i = 0; i < quantiles.size(); ++i) {
                // Inverse of the normal CDF by bisection on erf; computed once.
                const double p = (static_cast<double>(i) + 0.5) / 4096.0;
                double low = -6, high = 6;
                for (int step = 0; step < 60; ++step) {
                    const double middle = (low + high) / 2;
                    (0.5 * std::erfc(-middle / std::sqrt(2.0)) < p ? low : high) = middle;
                }
                quantiles[i] = (low + high) / 2;
            }
            return quantiles;
        }();
        return values;
    }
    std::uint64_t state_;
};

} // namespace

void disk_blur(Radiance& image, double radius)
{
    if (radius < 0.35)
        return;
    const int reach = static_cast<int>(std::ceil(radius + 0.5));
    // Each kernel row is one horizontal run: its half-width is the disk's chord averaged over
    // the row's height, so small disks still spread vertically.
    std::vector<double> half_widths;
    double total = 0;
    for (int dy = -reach; dy <= reach; ++dy) {
        double sum = 0;
        for (const double sub : {-0.375, -0.125, 0.125, 0.375}) {
            const double offset = dy + sub;
            sum += offset * offset < radius * radius ? std::sqrt(radius * radius - offset * offset)
                                                     : 0;
        }
        half_widths.push_back(std::min(sum / 4, static_cast<double>(reach)));
        total += 2 * half_widths.back();
    }
    const int padded_width = image.width + 2 * reach + 2;
    std::vector<std::vector<double>> rows(static_cast<std::size_t>(image.height));
    std::vector<std::vector<double>> prefixes(static_cast<std::size_t>(image.height));
    for (int y = 0; y < image.height; ++y) {
        auto& row = rows[static_cast<std::size_t>(y)];
        auto& prefix = prefixes[static_cast<std::size_t>(y)];
        row.resize(static_cast<std::size_t>(padded_width));
        prefix.assign(static_cast<std::size_t>(padded_width) + 1, 0.0);
        for (int x = 0; x < padded_width; ++x)
            row[static_cast<std::size_t>(x)] =
                image.at(std::clamp(x - reach - 1, 0, image.width - 1), y);
        for (std::size_t x = 0; x < row.size(); ++x)
            prefix[x + 1] = prefix[x] + row[x];
    }
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            double sum = 0;
            const double centre = x + reach + 1;
            for (int dy = -reach; dy <= reach; ++dy) {
                const double half = half_widths[static_cast<std::size_t>(dy + reach)];
                if (half <= 0)
                    continue;
                const auto source =
                    static_cast<std::size_t>(std::clamp(y + dy, 0, image.height - 1));
                const auto& prefix = prefixes[source];
                sum += integral_to(prefix, rows[source].data(), centre + half) -
                       integral_to(prefix, rows[source].data(), centre - half);
            }
            image.at(x, y) = sum / total;
        }
}

void linear_motion_blur(Radiance& image, double dx, double dy)
{
    const double length = std::hypot(dx, dy);
    if (length < 0.5)
        return;
    const int samples = static_cast<int>(std::ceil(length)) + 1;
    const Radiance source = image;
    auto bilinear = [&](double x, double y) {
        x = std::clamp(x, 0.0, source.width - 1.001);
        y = std::clamp(y, 0.0, source.height - 1.001);
        const int x0 = static_cast<int>(x), y0 = static_cast<int>(y);
        const double fx = x - x0, fy = y - y0;
        return (1 - fy) * ((1 - fx) * source.at(x0, y0) + fx * source.at(x0 + 1, y0)) +
               fy * ((1 - fx) * source.at(x0, y0 + 1) + fx * source.at(x0 + 1, y0 + 1));
    };
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            double sum = 0;
            for (int i = 0; i < samples; ++i) {
                const double t = static_cast<double>(i) / (samples - 1) - 0.5;
                sum += bilinear(x + t * dx, y + t * dy);
            }
            image.at(x, y) = sum / samples;
        }
}

double auto_exposure(const Radiance& scene, const Sensor& sensor)
{
    double sum = 0;
    for (const double value : scene.values)
        sum += value;
    const double mean = std::max(1e-4, sum / static_cast<double>(scene.values.size()));
    return std::clamp(sensor.exposure_target / mean, 0.2, sensor.largest_gain);
}

GrayImage develop(const Radiance& scene, double gain, const Sensor& sensor, std::mt19937& random)
{
    const double exposure = std::min(gain, sensor.longest_exposure_gain);
    const double analogue = gain / exposure;
    // Electrons per unit of radiance × exposure: full well at white at the longest exposure.
    const double electrons_per_unit = sensor.full_well / sensor.longest_exposure_gain;
    FastNormal normal(random);
    static const std::array<double, 4097> tone = [] {
        std::array<double, 4097> curve{};
        for (std::size_t i = 0; i < curve.size(); ++i)
            curve[i] = 255.0 * std::pow(static_cast<double>(i) / 4096.0, 1 / 2.2);
        return curve;
    }();
    Radiance toned(scene.width, scene.height, 0);
    for (std::size_t i = 0; i < scene.values.size(); ++i) {
        const double electrons = std::max(0.0, scene.values[i] * exposure * electrons_per_unit);
        const double noisy =
            electrons + std::sqrt(electrons + sensor.read_noise * sensor.read_noise) * normal();
        const double linear = std::clamp(noisy / electrons_per_unit * analogue, 0.0, 1.0);
        toned.values[i] = tone[static_cast<std::size_t>(linear * 4096)];
    }
    GrayImage frame(scene.width, scene.height, 0);
    for (int y = 0; y < scene.height; ++y)
        for (int x = 0; x < scene.width; ++x) {
            double blurred = 0;
            for (int dy = -1; dy <= 1; ++dy)
                for (int dx = -1; dx <= 1; ++dx) {
                    const double weight = (dx == 0 ? 2 : 1) * (dy == 0 ? 2 : 1) / 16.0;
                    blurred += weight * toned.at(std::clamp(x + dx, 0, scene.width - 1),
                                                 std::clamp(y + dy, 0, scene.height - 1));
                }
            const double value = toned.at(x, y) + sensor.sharpening * (toned.at(x, y) - blurred);
            frame.at(x, y) = static_cast<std::uint8_t>(std::clamp(std::lround(value), 0L, 255L));
        }
    if (sensor.jpeg_quality > 0)
        jpeg_round_trip(frame, sensor.jpeg_quality);
    return frame;
}

} // namespace test::optics
