#include "kiosk_display/palette.hpp"

#include <cmath>

namespace kiosk_display {

BadgeColours badge_colours(Tone tone)
{
    // Blue and orange stay apart for every common colour-vision deficiency; the word on the
    // badge carries the meaning anyway.
    switch (tone) {
    case Tone::Info:
        return {{0x1F, 0x5F, 0xAD}, {0xFF, 0xFF, 0xFF}};
    case Tone::Go:
        return {{0x1B, 0x7A, 0x3E}, {0xFF, 0xFF, 0xFF}};
    case Tone::Caution:
        return {{0xF2, 0xB2, 0x33}, {0x11, 0x11, 0x11}};
    case Tone::Stop:
        return {{0xB3, 0x26, 0x1E}, {0xFF, 0xFF, 0xFF}};
    case Tone::Muted:
        return {{0x4A, 0x55, 0x68}, {0xFF, 0xFF, 0xFF}};
    }
    return {{0x1F, 0x5F, 0xAD}, {0xFF, 0xFF, 0xFF}};
}

double relative_luminance(Colour colour)
{
    auto linear = [](std::uint8_t channel) {
        const double value = channel / 255.0;
        return value <= 0.04045 ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * linear(colour.red) + 0.7152 * linear(colour.green) +
           0.0722 * linear(colour.blue);
}

double contrast_ratio(Colour first, Colour second)
{
    const double a = relative_luminance(first);
    const double b = relative_luminance(second);
    const double lighter = a > b ? a : b;
    const double darker = a > b ? b : a;
    return (lighter + 0.05) / (darker + 0.05);
}

} // namespace kiosk_display
