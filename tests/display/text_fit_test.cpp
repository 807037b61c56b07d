#include "board_fixtures.hpp"

#include "kiosk_display/text_fit.hpp"

using kiosk_display::TextStyle;
using kiosk_display::Weight;

namespace {
const test::FixedAdvanceMeasurer measurer;
const TextStyle style{Weight::Regular, 20}; // 10 px per code point
} // namespace

TEST_CASE("text that fits is left alone and longer text ends with an ellipsis", "[board][text]")
{
    CHECK(kiosk_display::fit_line(measurer, "Salle Bréhat", style, 120) == "Salle Bréhat");
    const auto cut = kiosk_display::fit_line(measurer, "Salle Bréhat", style, 80);
    CHECK(cut == "Salle B…");
    CHECK(measurer.width(cut, style) <= 80);
    CHECK(kiosk_display::fit_line(measurer, "Salle", style, 5).empty());
}

TEST_CASE("shortening never cuts a code point in half", "[board][text]")
{
    for (float width = 10; width <= 100; width += 10) {
        const auto cut = kiosk_display::fit_line(measurer, "ééééé😀😀😀😀😀éé", style, width);
        INFO(width << " → " << cut);
        CHECK(measurer.width(cut, style) <= width);
        for (const auto point : kiosk_display::code_points(cut))
            CHECK((point.size() == 1 || static_cast<unsigned char>(point[0]) >= 0xC0));
    }
    // Invalid UTF-8 is kept byte by byte, without reading past the end.
    CHECK(kiosk_display::code_points("a\xC3").size() == 2);
    CHECK(kiosk_display::code_points("\x80\x80").size() == 2);
}

TEST_CASE("wrapping breaks at spaces and ends the last line with an ellipsis", "[board][text]")
{
    const auto lines = kiosk_display::wrap_lines(
        measurer, "Facebook et Instagram pour les commerçants", style, 160, 2);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0] == "Facebook et");
    CHECK(lines[1] == "Instagram pour…");
    const auto word = kiosk_display::wrap_lines(measurer, "Anticonstitutionnellement", style, 100, 3);
    REQUIRE(word.size() == 3);
    CHECK(word[0] == "Anticonsti");
    for (const auto& line : word)
        CHECK(measurer.width(line, style) <= 100);
    CHECK(kiosk_display::wrap_lines(measurer, "court", style, 100, 2) ==
          std::vector<std::string>{"court"});
}

TEST_CASE("a line never starts with the colon or question mark French spaces off", "[board][text]")
{
    // At 10 px a code point, "Sauvegardes et mots de passe" is 280 px: the break would fall
    // just before " : protéger" at 290 px.
    const auto lines = kiosk_display::wrap_lines(
        measurer, "Sauvegardes et mots de passe : protéger son activité", style, 290, 3);
    REQUIRE(lines.size() >= 2);
    CHECK(lines[0] == "Sauvegardes et mots de");
    CHECK(lines[1].starts_with("passe :"));
    for (const auto& line : lines)
        CHECK_FALSE(line.starts_with(":"));
    CHECK(kiosk_display::take_line(measurer, "Prêts ? Partez !", style, 70).line == "Prêts ?");
}
