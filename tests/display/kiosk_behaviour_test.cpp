// The screen looking after itself, at given instants: the burn-in shift and whether the
// screen is on, from the opening hours in the site's configuration.

#include "board_fixtures.hpp"
#include "build_paths.hpp"
#include "kiosk/config/config.hpp"
#include "kiosk_display/kiosk_behaviour.hpp"

#include <cstdlib>
#include <set>

using namespace kiosk_display;
using kiosk::ClockTrust;
using test::at;

TEST_CASE("the burn-in shift is a few pixels and changes every four minutes and comes back",
          "[kiosk]")
{
    std::set<std::pair<int, int>> seen;
    PixelOffset previous = burn_in_offset(at("2026-11-26 09:00"));
    for (int step = 1; step <= 18; ++step) {
        const auto instant = at("2026-11-26 09:00") + burn_in_step * step;
        const PixelOffset offset = burn_in_offset(instant);
        CHECK(std::abs(offset.x) <= burn_in_pixels);
        CHECK(std::abs(offset.y) <= burn_in_pixels);
        // A small move at a time, never a jump across the square.
        CHECK(std::abs(offset.x - previous.x) + std::abs(offset.y - previous.y) <= 2 * burn_in_pixels);
        // Steady within a step: the same instant always gives the same offset.
        CHECK(burn_in_offset(instant + std::chrono::minutes{3}) == offset);
        CHECK(burn_in_offset(instant + burn_in_step) != offset);
        seen.insert({offset.x, offset.y});
        previous = offset;
    }
    CHECK(seen.size() == 9);
}

TEST_CASE("shifting a layout moves everything by the offset", "[kiosk]")
{
    BoardLayout layout;
    layout.boxes.push_back({{0, 0, 100, 20}, palette::header_band});
    layout.texts.push_back({{10, 5, 50, 10}, "Rennes", {}, palette::header_text});
    layout.overlay_boxes.push_back({{20, 40, 100, 50}, badge_colours(Tone::Go).background});
    const BoardLayout moved = shifted(layout, {3, -3});
    CHECK(moved.boxes[0].area.x == 3);
    CHECK(moved.boxes[0].area.y == -3);
    CHECK(moved.texts[0].area.x == 13);
    CHECK(moved.overlay_boxes[0].area.y == 37);
}

TEST_CASE("the screen is on during opening hours and off outside them", "[kiosk][dpms]")
{
    // Rennes: weekdays 8:30–18:30, Saturday 9:00–12:30, closed on Sunday.
    const auto config = kiosk::load_site_config(test::source_dir() + "/deploy/sites/rennes.toml");
    REQUIRE(config);
    CHECK(config->screen_on_before_opening == kiosk::Minutes{15});
    auto power = [&](const std::string& when) {
        return screen_power(config->hours, config->screen_on_before_opening, at(when),
                            ClockTrust::Synchronised, Activity::Idle);
    };
    CHECK(power("2026-11-26 08:14") == ScreenPower::Off); // Thursday, before the wake-up
    CHECK(power("2026-11-26 08:15") == ScreenPower::On);  // 15 min before opening
    CHECK(power("2026-11-26 12:00") == ScreenPower::On);
    CHECK(power("2026-11-26 18:29") == ScreenPower::On);
    CHECK(power("2026-11-26 18:30") == ScreenPower::Off); // closing time
    CHECK(power("2026-11-26 23:00") == ScreenPower::Off);
    CHECK(power("2026-11-28 12:29") == ScreenPower::On);  // Saturday morning
    CHECK(power("2026-11-28 14:00") == ScreenPower::Off);
    CHECK(power("2026-11-29 11:00") == ScreenPower::Off); // Sunday
    // The Monday after the clocks went back: opening hours are Paris wall-clock hours.
    CHECK(power("2026-10-26 08:20") == ScreenPower::On);
    CHECK(power("2026-10-26 08:10") == ScreenPower::Off);
}

TEST_CASE("a doubtful clock or a greeting keeps the screen on", "[kiosk][dpms]")
{
    const auto config = kiosk::default_site_config("nancy");
    REQUIRE(config);
    const auto night = at("2026-11-26 23:00");
    CHECK(screen_power(config->hours, kiosk::Minutes{0}, night, ClockTrust::Synchronised,
                       Activity::Idle) == ScreenPower::Off);
    CHECK(screen_power(config->hours, kiosk::Minutes{0}, night, ClockTrust::Unsynchronised,
                       Activity::Idle) == ScreenPower::On);
    CHECK(screen_power(config->hours, kiosk::Minutes{0}, night, ClockTrust::Synchronised,
                       Activity::Greeting) == ScreenPower::On);
}

TEST_CASE("screen and sound settings are read from the configuration with errors located",
          "[kiosk][config]")
{
    const auto config = kiosk::parse_site_config(
        "[site]\nid = \"rennes\"\n[display]\nscreen_on_before_opening_minutes = 0\nsound = \"off\"\n",
        "rennes.toml");
    REQUIRE(config);
    CHECK(config->screen_on_before_opening == kiosk::Minutes{0});
    CHECK(config->sound == kiosk::Sound::Off);
    const auto bad = kiosk::parse_site_config(
        "[site]\nid = \"rennes\"\n[display]\nsound = \"loud\"\n", "rennes.toml");
    REQUIRE_FALSE(bad);
    CHECK_THAT(bad.error().message, Catch::StartsWith("rennes.toml:4:") && Catch::Contains("display.sound"));
    const auto negative = kiosk::parse_site_config(
        "[site]\nid = \"rennes\"\n[display]\nscreen_on_before_opening_minutes = -5\n", "rennes.toml");
    REQUIRE_FALSE(negative);
    CHECK_THAT(negative.error().message,
               Catch::StartsWith("rennes.toml:4:") &&
                   Catch::Contains("display.screen_on_before_opening_minutes"));
}
