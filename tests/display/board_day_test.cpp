// The demo day as a visitor three metres away sees it, in landscape and portrait, every half
// hour from 8:00 to 19:00, measured with the board's own fonts: every row's room, start time
// and states whole, every session within two pages, nothing smaller than 3.5 % of the height.
// Then three greetings at once, with long titles and rooms.

#include "board_fixtures.hpp"
#include "build_paths.hpp"
#include "kiosk/demo/demo.hpp"
#include "kiosk_display/board_layout.hpp"
#include "kiosk_display/board_model.hpp"
#include "kiosk_display/board_source.hpp"
#include "kiosk_display/font_measurer.hpp"
#include "temp_dir.hpp"

#include <fmt/format.h>
#include <set>

using namespace kiosk_display;
using test::at;

namespace {

const std::string day = "2026-11-26";

const FontMeasurer& fonts()
{
    static const FontMeasurer measurer(std::filesystem::path(test::source_dir()) / "assets" /
                                       "fonts");
    return measurer;
}

const ScreenSize landscape{1920, 1080};
const ScreenSize portrait{1080, 1920};

std::vector<std::string> instants()
{
    std::vector<std::string> result;
    for (int minutes = 8 * 60; minutes <= 19 * 60; minutes += 30)
        result.push_back(fmt::format("{} {:02}:{:02}", day, minutes / 60, minutes % 60));
    // The instants the screenshots show.
    result.push_back(day + " 10:20");
    result.push_back(day + " 14:10");
    return result;
}

// Every text drawn, board and greetings, is measured with the real fonts: none wider than its
// box, none smaller than 3.5 % of the panel's height in landscape — on a portrait screen, its
// width (the same panel turned: the same size seen from three metres).
void check_texts(const BoardLayout& layout)
{
    const float least =
        static_cast<float>(std::min(layout.screen.height, layout.screen.width)) * 0.035f;
    for (const auto* texts : {&layout.texts, &layout.overlay_texts})
        for (const auto& text : *texts) {
            INFO(text.text);
            CHECK(static_cast<float>(text.style.pixel_size) >= least);
            CHECK(fonts().width(text.text, text.style) <= text.area.width + 0.5f);
            CHECK(text.area.x >= 0);
            CHECK(text.area.x + text.area.width <= static_cast<float>(layout.screen.width) + 0.5f);
            CHECK(text.area.y + text.area.height <= static_cast<float>(layout.screen.height) + 0.5f);
        }
}

// The texts of row `number` on one page, in drawing order.
std::vector<std::string> row_texts(const BoardLayout& layout, std::size_t number)
{
    std::vector<std::string> texts;
    for (const auto& text : layout.texts)
        if (text.row == number)
            texts.push_back(text.text);
    return texts;
}

bool contains(const std::vector<std::string>& texts, const std::string& wanted)
{
    for (const auto& text : texts)
        if (text == wanted || text == "· " + wanted)
            return true;
    return false;
}

bool has_heading(const BoardLayout& layout, const std::string& heading)
{
    for (const auto& text : layout.texts)
        if (text.row == 0 && (text.text == heading || text.text == heading + " (suite)"))
            return true;
    return false;
}

} // namespace

TEST_CASE("the demo day every half hour in both orientations: rooms and times and states whole "
          "and two pages at most",
          "[board][layout][day]")
{
    test::TempDir dir;
    kiosk::Store store(dir / "site.db", kiosk::Access::ReadWrite, kiosk::Creation::CreateIfMissing);
    kiosk::seed_demo(store, *kiosk::parse_day(day), at("2026-11-20 10:00"));
    kiosk::seed_demo_visitors(store, *kiosk::parse_day(day), at(day + " 13:40"));
    const SiteSettings site = site_settings(*kiosk::default_site_config("rennes"));

    std::size_t rows_checked = 0;
    for (const auto& now : instants()) {
        const auto data = load_board_data(store, site, at(now));
        const Board board = build_board(
            data, BoardContext{at(now), ClockTrust::Synchronised, Freshness::Current, at(now),
                               CameraState::Alive, LinkState{kiosk::LinkCondition::Online,
                                                             std::chrono::seconds{40}}});
        for (const ScreenSize screen : {landscape, portrait}) {
            INFO(fmt::format("{} at {}x{}", now, screen.width, screen.height));
            const BoardLayout first = layout_board(board, screen, fonts(), 0);
            int pages = 1;
            for (const auto& column : first.columns) {
                CHECK(column.count <= 2);
                pages = std::max(pages, column.count);
            }
            std::vector<BoardLayout> shown;
            for (int page = 0; page < pages; ++page) {
                shown.push_back(layout_board(board, screen, fonts(), static_cast<unsigned>(page)));
                check_texts(shown.back());
            }
            std::size_t number = 0;
            for (const auto& section : board.sections)
                for (const auto& row : section.rows) {
                    ++number;
                    INFO(row.title);
                    int seen = 0;
                    for (const auto& layout : shown) {
                        const auto texts = row_texts(layout, number);
                        if (texts.empty())
                            continue;
                        ++seen;
                        CHECK(texts.front() == row.time);
                        // Each state whole in the row, or written by its section's heading,
                        // which is then on that page.
                        for (const auto& badge : row.badges) {
                            INFO(badge.word);
                            if (badge.word == implied_state(section.kind))
                                CHECK(has_heading(layout, section.heading));
                            else
                                CHECK(contains(texts, badge.word));
                        }
                        for (const auto& fact : row.facts)
                            if (kept_whole(fact.kind))
                                CHECK(contains(texts, fact.text));
                        ++rows_checked;
                    }
                    CHECK(seen >= 1);
                    // On now or starting within the hour: never paged away.
                    if (row.pinned)
                        CHECK(seen == pages);
                }
        }
    }
    CHECK(rows_checked > 300);
}

TEST_CASE("three greetings at once keep each room and time and what to do whole",
          "[board][layout][greeting]")
{
    auto banner = [](std::string greeting, std::string name, std::string detail, std::string where,
                     std::string hint, Tone tone) {
        Banner made;
        made.ending = name.empty() ? "" : "\u00A0!";
        made.greeting = std::move(greeting);
        made.name = std::move(name);
        made.detail = std::move(detail);
        made.where = std::move(where);
        made.hint = std::move(hint);
        made.tone = tone;
        return made;
    };
    Board board;
    board.header = {"Rennes", "jeudi 26 novembre", "14 h 10", ClockTrust::Synchronised};
    board.banners = {
        banner("Bienvenue", "Marie-Christine-Éléonore",
               "Facturation électronique : ce qui change en 2026 pour les artisans et commerçants",
               "Salle du conseil municipal, 2e étage, bâtiment B · 16 h 30", "", Tone::Go),
        banner("L'atelier commence à 16 h 30", "",
               "Sauvegardes et mots de passe : protéger son activité",
               "Salle Ouessant (au lieu de Salle Bréhat) · 16 h 30", "Revenez à 16 h", Tone::Stop),
        banner("Déjà enregistré à 14 h 02", "", "Jean-Baptiste · Lancer sa boutique en ligne",
               "Salle Bréhat · 14 h", "Un membre de l'équipe arrive", Tone::Caution)};
    board.banners_waiting = 2;
    board.sections.push_back({SectionKind::Later, "Plus tard aujourd'hui", {}});

    for (const ScreenSize screen : {landscape, portrait}) {
        INFO(fmt::format("{}x{}", screen.width, screen.height));
        const BoardLayout layout = layout_board(board, screen, fonts(), 0);
        check_texts(layout);
        // Lines of one banner follow each other: a phrase wrapped over two reads whole here.
        std::string shown;
        for (const auto& text : layout.overlay_texts)
            shown += (shown.empty() ? "" : " ") + text.text;
        INFO(shown);
        for (const auto& greeting : board.banners) {
            CHECK(shown.find(greeting.where) != std::string::npos);
            CHECK(shown.find(greeting.hint) != std::string::npos);
            CHECK(shown.find(greeting.greeting) != std::string::npos);
        }
        CHECK(shown.find("+ 2 autres accueils à suivre") != std::string::npos);
    }
}
