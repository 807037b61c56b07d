#include "kiosk/base/time.hpp"
#include "kiosk_display/board_model.hpp"
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
    // Every tone has its own background, and the amber of caution stands apart from the red
    // of "annulé" in lightness too (3:1, WCAG's contrast for parts of a control).
    for (std::size_t i = 0; i < all_tones.size(); ++i)
        for (std::size_t j = i + 1; j < all_tones.size(); ++j)
            CHECK(badge_colours(all_tones[i]).background != badge_colours(all_tones[j]).background);
    CHECK(contrast_ratio(badge_colours(Tone::Caution).background,
                         badge_colours(Tone::Stop).background) >= 3);
}

TEST_CASE("a state is told by its word, not by its colour", "[board][palette]")
{
    // Green "en cours" and red "annulé" are nearly as light as each other (1.2:1): in
    // greyscale or to a red-green colour-blind eye they are told apart by the words only.
    kiosk::Session session;
    session.kind = kiosk::Kind::Atelier;
    session.site = "rennes";
    session.start = *kiosk::parse_local_time("2026-11-26 14:00");
    session.end = session.start + kiosk::Minutes{120};
    const auto now = session.start + kiosk::Minutes{10};
    const auto running = session_badges(session, now, kiosk::Minutes{30}, std::nullopt);
    session.status = kiosk::Status::Cancelled;
    const auto cancelled = session_badges(session, now, kiosk::Minutes{30}, std::nullopt);
    REQUIRE(running.size() == 1);
    REQUIRE(cancelled.size() == 1);
    CHECK(running[0].tone == Tone::Go);
    CHECK(running[0].word == "en cours");
    CHECK(cancelled[0].tone == Tone::Stop);
    CHECK(cancelled[0].word == "annulé");
}
