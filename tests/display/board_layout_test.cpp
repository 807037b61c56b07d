// The layout with a fixed-advance measurer: nothing overflows its box or the screen, body text
// keeps its minimum size, and long days are paged without dropping a row.

#include "board_fixtures.hpp"

#include "kiosk_display/board_layout.hpp"

#include <fmt/format.h>
#include <numeric>
#include <set>

using namespace kiosk_display;
using kiosk::Kind;
using test::at;
using test::session;

namespace {

const test::FixedAdvanceMeasurer measurer;

Board board_at(const BoardData& data, const std::string& now)
{
    return build_board(data, BoardContext{at(now), ClockTrust::Synchronised, Freshness::Current,
                                           at(now), CameraState::Unknown});
}

void check_fits(const BoardLayout& layout)
{
    const auto width = static_cast<float>(layout.screen.width);
    const auto height = static_cast<float>(layout.screen.height);
    for (const auto& text : layout.texts) {
        INFO("« " << text.text << " » at " << text.area.x << "," << text.area.y);
        CHECK(measurer.width(text.text, text.style) <= text.area.width + 0.01f);
        CHECK(text.area.x >= 0);
        CHECK(text.area.x + text.area.width <= width + 0.5f);
        CHECK(text.area.y >= 0);
        CHECK(text.area.y + text.area.height <= height + 0.5f);
    }
    for (const auto& qr : layout.qr_codes) {
        CHECK(qr.area.x + qr.area.width <= width);
        CHECK(qr.area.y + qr.area.height <= height);
        CHECK(qr.area.width == static_cast<float>((qr.code->modules + 2 * qr_quiet_zone) *
                                                  qr.module_pixels));
    }
}

std::vector<kiosk::Session> busy_day(int count, const std::string& title_prefix)
{
    std::vector<kiosk::Session> sessions;
    for (int i = 0; i < count; ++i) {
        const int minutes = 8 * 60 + i * 7;
        sessions.push_back(session(i % 3 == 0 ? Kind::Live : Kind::Atelier,
                                   fmt::format("{} {}", title_prefix, i),
                                   fmt::format("2026-11-26 {:02}:{:02}", minutes / 60, minutes % 60),
                                   60));
    }
    return sessions;
}

// Every row title, over every page of every column.
std::multiset<std::string> titles_over_pages(const Board& board, ScreenSize screen)
{
    std::multiset<std::string> titles;
    const auto first = layout_board(board, screen, measurer, 0);
    // Columns page independently: walk enough turns to see every page of each.
    int turns = 1;
    for (const auto& column : first.columns)
        turns = std::lcm(turns, column.count);
    for (int turn = 0; turn < turns; ++turn) {
        const auto layout = layout_board(board, screen, measurer, static_cast<unsigned>(turn));
        check_fits(layout);
        for (const auto& text : layout.texts)
            titles.insert(text.text);
    }
    return titles;
}

} // namespace

TEST_CASE("all text is at least 3.5 % of the panel's height, the staff corner included",
          "[board][layout]")
{
    // A portrait screen is the same panel turned: its width is the height it would have in
    // landscape, and text of that size reads from as far. Its own height allows larger text,
    // used whenever the day then still fits two pages.
    const auto busy = board_at(test::day_of(busy_day(12, "Atelier"), "2026-11-26"), "2026-11-26 09:00");
    const auto quiet = board_at(test::day_of(busy_day(3, "Atelier"), "2026-11-26"), "2026-11-26 09:00");
    for (const ScreenSize screen : {ScreenSize{1280, 720}, ScreenSize{1920, 1080},
                                    ScreenSize{3840, 2160}, ScreenSize{1080, 1920},
                                    ScreenSize{720, 1280}}) {
        INFO(screen.width << "×" << screen.height);
        const float panel = static_cast<float>(std::min(screen.width, screen.height));
        for (const Board* board : {&busy, &quiet}) {
            const auto layout = layout_board(*board, screen, measurer, 0);
            CHECK(static_cast<float>(layout.body_pixels) >= 0.035f * panel);
            for (const auto& text : layout.texts)
                CHECK(static_cast<float>(text.style.pixel_size) >= 0.035f * panel);
            check_fits(layout);
        }
        const auto layout = layout_board(quiet, screen, measurer, 0);
        CHECK(static_cast<float>(layout.body_pixels) >= 0.035f * static_cast<float>(screen.height));
    }
}

TEST_CASE("80 sessions are paged: every row appears on some page as pages rotate",
          "[board][layout]")
{
    const auto data = test::day_of(busy_day(80, "Séance"), "2026-11-26");
    const auto board = board_at(data, "2026-11-26 07:00");
    std::size_t rows = 0;
    for (const auto& section : board.sections)
        rows += section.rows.size();
    REQUIRE(rows == 80);
    for (const ScreenSize screen : {ScreenSize{1920, 1080}, ScreenSize{1080, 1920}}) {
        INFO(screen.width << "×" << screen.height);
        const auto first = layout_board(board, screen, measurer, 0);
        REQUIRE_FALSE(first.columns.empty());
        CHECK(first.columns[0].count > 1);
        const auto next = layout_board(board, screen, measurer, 1);
        CHECK(next.columns[0].page == 1);
        CHECK(layout_text(first) != layout_text(next));
        CHECK_THAT(layout_text(first),
                   Catch::Contains(fmt::format("page 1 / {}", first.columns[0].count)));
        const auto seen = titles_over_pages(board, screen);
        for (int i = 0; i < 80; ++i)
            CHECK(seen.count(fmt::format("Séance {}", i)) >= 1);
    }
}

TEST_CASE("pages at given instants: the morning fits one page and the rush needs several",
          "[board][layout]")
{
    const auto data = test::day_of(busy_day(40, "Atelier"), "2026-11-26");
    const ScreenSize screen{1920, 1080};
    const auto evening = layout_board(board_at(data, "2026-11-26 13:30"), screen, measurer, 0);
    const auto morning = layout_board(board_at(data, "2026-11-26 07:00"), screen, measurer, 0);
    CHECK(morning.columns[0].count > evening.columns[0].count);
    const auto done = layout_board(board_at(data, "2026-11-26 20:00"), screen, measurer, 0);
    CHECK(done.columns.empty());
    CHECK_THAT(layout_text(done), Catch::Contains("Plus aucune session aujourd'hui"));
}

TEST_CASE("very long and emoji and right-to-left titles stay inside their boxes", "[board][layout]")
{
    std::string long_title;
    for (int i = 0; i < 30; ++i)
        long_title += "Numérique ";
    long_title.resize(300);
    auto very_long = session(Kind::Atelier, long_title, "2026-11-26 10:00", 60);
    very_long.room = std::string(200, 'S');
    very_long.trainer = "Émilie 😀👩‍💻 Durand";
    auto emoji = session(Kind::Live, "🎉🎉🎉 Fête du numérique 🚀", "2026-11-26 10:30", 60);
    emoji.join_url = "https://visio.example.fr/" + std::string(120, 'x');
    auto arabic = session(Kind::Atelier, "ورشة عمل حول التسويق الرقمي للمتاجر الصغيرة", "2026-11-26 11:00", 60);
    auto hebrew = session(Kind::Privee, "", "2026-11-26 11:30", 60);
    hebrew.organiser = "איגוד הסוחרים";
    const auto data = test::day_of({very_long, emoji, arabic, hebrew}, "2026-11-26");
    for (const ScreenSize screen : {ScreenSize{1280, 720}, ScreenSize{1920, 1080},
                                    ScreenSize{1080, 1920}, ScreenSize{3840, 2160}}) {
        INFO(screen.width << "×" << screen.height);
        const auto layout = layout_board(board_at(data, "2026-11-26 10:00"), screen, measurer, 0);
        check_fits(layout);
        CHECK_THAT(layout_text(layout), Catch::Contains("…"));
    }
}

TEST_CASE("a band reserves its place under the header for notices and greetings",
          "[board][layout]")
{
    auto board = board_at(test::day_of(busy_day(3, "Atelier"), "2026-11-26"), "2026-11-26 07:00");
    const auto plain = layout_board(board, {1920, 1080}, measurer, 0);
    board.bands.push_back({"Salle 2 fermée aujourd'hui", Tone::Caution});
    const auto with_band = layout_board(board, {1920, 1080}, measurer, 0);
    check_fits(with_band);
    CHECK_THAT(layout_text(with_band), Catch::Contains("Salle 2 fermée aujourd'hui"));
    auto first_row_y = [](const BoardLayout& layout) {
        for (const auto& text : layout.texts)
            if (text.text == "Atelier 0")
                return text.area.y;
        return -1.0f;
    };
    CHECK(first_row_y(with_band) > first_row_y(plain));
}
