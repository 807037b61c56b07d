#include "kiosk_display/board_picture.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace kiosk_display {
namespace {

// For each pixel of a line of `target` pixels, the pixels of a line of `source` it covers and
// how much of each (the weights of one target pixel add up to 1).
struct Tap {
    unsigned source = 0;
    float weight = 0;
};

std::vector<std::vector<Tap>> area_taps(unsigned source, unsigned target)
{
    const double scale = static_cast<double>(source) / target;
    std::vector<std::vector<Tap>> taps(target);
    for (unsigned out = 0; out < target; ++out) {
        const double begin = out * scale;
        const double end = std::min<double>(source, (out + 1) * scale);
        for (auto in = static_cast<unsigned>(begin); in < source && in < end; ++in) {
            const double covered = std::min<double>(end, in + 1) - std::max<double>(begin, in);
            if (covered > 0)
                taps[out].push_back({in, static_cast<float>(covered / (end - begin))});
        }
    }
    return taps;
}

} // namespace

Capture PictureSchedule::drawn(Clock::time_point now, NewGreeting greeting)
{
    if (greeting == NewGreeting::No && (!last_ || now - *last_ >= limits_.closest))
        return Capture::Yes;
    pending_ = true;
    return Capture::No;
}

void PictureSchedule::taken(Clock::time_point now)
{
    last_ = now;
    pending_ = false;
}

bool PictureSchedule::wants_redraw(Clock::time_point now) const
{
    if (!last_)
        return pending_;
    const auto since = now - *last_;
    return since >= limits_.every || (pending_ && since >= limits_.closest);
}

sf::Image scaled_to_width(const sf::Image& image, unsigned width)
{
    const auto size = image.getSize();
    if (width == 0 || size.x <= width || size.y == 0)
        return image;
    const auto height = std::max(
        1U, static_cast<unsigned>(std::lround(static_cast<double>(size.y) * width / size.x)));
    const auto across = area_taps(size.x, width);
    const auto down = area_taps(size.y, height);
    const std::uint8_t* pixels = image.getPixelsPtr();

    // Across first, into floats: each source row becomes `width` pixels.
    std::vector<float> rows(static_cast<std::size_t>(size.y) * width * 4);
    for (unsigned y = 0; y < size.y; ++y) {
        const std::uint8_t* row = pixels + static_cast<std::size_t>(y) * size.x * 4;
        float* out = rows.data() + static_cast<std::size_t>(y) * width * 4;
        for (unsigned x = 0; x < width; ++x)
            for (const Tap& tap : across[x])
                for (unsigned channel = 0; channel < 4; ++channel)
                    out[x * 4 + channel] += tap.weight * row[tap.source * 4 + channel];
    }
    // Then down.
    std::vector<std::uint8_t> scaled(static_cast<std::size_t>(height) * width * 4);
    std::vector<float> line(static_cast<std::size_t>(width) * 4);
    for (unsigned y = 0; y < height; ++y) {
        std::fill(line.begin(), line.end(), 0.0F);
        for (const Tap& tap : down[y]) {
            const float* in = rows.data() + static_cast<std::size_t>(tap.source) * width * 4;
            for (std::size_t i = 0; i < line.size(); ++i)
                line[i] += tap.weight * in[i];
        }
        std::uint8_t* out = scaled.data() + static_cast<std::size_t>(y) * width * 4;
        for (std::size_t i = 0; i < line.size(); ++i)
            out[i] = static_cast<std::uint8_t>(std::clamp(std::lround(line[i]), 0L, 255L));
    }
    sf::Image result;
    result.create(width, height, scaled.data());
    return result;
}

} // namespace kiosk_display
