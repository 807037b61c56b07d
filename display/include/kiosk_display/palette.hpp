#pragma once

// The board's colours. Every state is shown by a word on a coloured badge, never by colour
// alone, and every text/background pair keeps a contrast of at least 4.5:1 (WCAG AA).

#include <array>
#include <cstdint>

namespace kiosk_display {

struct Colour {
    std::uint8_t red = 0;
    std::uint8_t green = 0;
    std::uint8_t blue = 0;

    friend constexpr bool operator==(const Colour&, const Colour&) = default;
};

// What a badge means; the renderer maps it to colours, the word carries the meaning.
enum class Tone { Info, Go, Caution, Stop, Muted };

struct BadgeColours {
    Colour background;
    Colour text;
};

namespace palette {
inline constexpr Colour background{0x0E, 0x17, 0x26};     // deep navy, calm from afar
inline constexpr Colour header_band{0x0B, 0x55, 0x63};    // teal band across the top
inline constexpr Colour header_text{0xFF, 0xFF, 0xFF};
inline constexpr Colour title_text{0xFF, 0xFF, 0xFF};
inline constexpr Colour detail_text{0xC8, 0xD1, 0xDC};
inline constexpr Colour heading_text{0xFF, 0xD4, 0x79};   // section headings
inline constexpr Colour separator{0x26, 0x33, 0x47};
inline constexpr Colour staff_text{0x9A, 0xA8, 0xBA};     // the small staff corner
inline constexpr Colour stale_background{0xF2, 0xB2, 0x33};
inline constexpr Colour stale_text{0x11, 0x11, 0x11};
inline constexpr Colour qr_dark{0x00, 0x00, 0x00};
inline constexpr Colour qr_light{0xFF, 0xFF, 0xFF};
} // namespace palette

[[nodiscard]] BadgeColours badge_colours(Tone tone);
inline constexpr std::array<Tone, 5> all_tones{Tone::Info, Tone::Go, Tone::Caution, Tone::Stop,
                                               Tone::Muted};

// WCAG 2 relative luminance and contrast ratio (1 to 21).
[[nodiscard]] double relative_luminance(Colour colour);
[[nodiscard]] double contrast_ratio(Colour first, Colour second);

} // namespace kiosk_display
