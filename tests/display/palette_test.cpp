#include "kiosk_display/palette.hpp"

#include <catch2/catch.hpp>

using namespace kiosk_display;

TEST_CASE("the contrast formula matches WCAG's reference values", "[board][palette]")
{
    CHECK(contrast_ratio({0, 0, 0}, {255, 255, 255}) == Approx(21.0));
    CHECK(contrast_ratio({255, 255, 255}, {255, 255, 255}) == Approx(1.0));
    CHECK(contrast_ratio({0x77, 0x77, 0x77}, {255, 255, 255}) == Approx(4.48).epsilon(0.01));
}

TEST_CASE("every text on the board has a contrast of at least 4.5:1", "[board][palette]")
{
    for (const Tone tone : all_tones) {
        const BadgeColours colours = badge_colours(tone);
        INFO("tone " << static_cast<int>(tone));
        CHECK(contrast_ratio(colours.text, colours.background) >= 4.5);
    }
    for (const Colour text : {palette::title_text, palette::detail_text, palette::heading_text,
                              palette::staff_text})
        CHECK(contrast_ratio(text, palette::background) >= 4.5);
    CHECK(contrast_ratio(palette::header_text, palette::header_band) >= 4.5);
    CHECK(contrast_ratio(palette::heading_text, palette::header_band) >= 4.5);
    CHECK(contrast_ratio(palette::stale_text, palette::stale_background) >= 4.5);
    CHECK(contrast_ratio(palette::qr_dark, palette::qr_light) >= 15);
}

TEST_CASE("states differ in colour and not only in hue a colour-blind eye may miss", "[board][palette]")
{
    // The word carries the meaning; the backgrounds still differ in lightness so that "en
    // cours" (green) and "annulé" (red) do not look alike in greyscale.
    for (std::size_t i = 0; i < all_tones.size(); ++i)
        for (std::size_t j = i + 1; j < all_tones.size(); ++j)
            CHECK(badge_colours(all_tones[i]).background != badge_colours(all_tones[j]).background);
    CHECK(std::abs(relative_luminance(badge_colours(Tone::Go).background) -
                   relative_luminance(badge_colours(Tone::Stop).background)) > 0.02);
    CHECK(std::abs(relative_luminance(badge_colours(Tone::Caution).background) -
                   relative_luminance(badge_colours(Tone::Stop).background)) > 0.3);
}
