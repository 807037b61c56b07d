// Whether a freshly composed board would change what is on screen: the loop skips the whole
// software redraw when it would not, so every visible change must be seen as one.

#include "board_fixtures.hpp"
#include "kiosk_display/board_layout.hpp"
#include "kiosk_display/shown_picture.hpp"

using namespace kiosk_display;
using kiosk::Kind;
using test::at;
using test::session;

namespace {

const test::FixedAdvanceMeasurer measurer;
constexpr ScreenSize screen{1920, 1080};

BoardData demo_day()
{
    return test::day_of(
        {session(Kind::Atelier, "Créer sa fiche Google", "2026-11-26 10:00", 90),
         session(Kind::Atelier, "Lancer son site Internet", "2026-11-26 14:00", 60),
         session(Kind::Live, "Télétravail : les bons outils", "2026-11-26 11:00", 60)},
        "2026-11-26");
}

BoardLayout layout_of(const BoardData& data, kiosk::Instant now, unsigned page = 0,
                      const Greetings& greetings = {}, CameraState camera = CameraState::Alive)
{
    const BoardContext context{now, ClockTrust::Synchronised, Freshness::Current, now, camera};
    return layout_board(build_board(data, context, greetings), screen, measurer, page);
}

Greetings one_greeting(const std::string& name)
{
    Banner banner;
    banner.scan = kiosk::ScanId{7};
    banner.at = at("2026-11-26 10:20");
    banner.greeting = "Bienvenue";
    banner.name = name;
    banner.ending = " !";
    banner.detail = "Créer sa fiche Google · Salle Bréhat";
    return Greetings{{banner}, 0, std::nullopt};
}

} // namespace

TEST_CASE("nothing on screen yet, or a forgotten picture, always redraws", "[board]")
{
    const BoardLayout layout = layout_of(demo_day(), at("2026-11-26 10:20"));
    ShownPicture shown;
    CHECK(shown.compare(layout, {}) == Redraw::Yes);
    shown.shown(layout, {});
    CHECK(shown.compare(layout, {}) == Redraw::No);
    shown.forget(); // the window was resized or uncovered
    CHECK(shown.compare(layout, {}) == Redraw::Yes);
}

TEST_CASE("a reload that changes nothing visible draws nothing", "[board]")
{
    ShownPicture shown;
    shown.shown(layout_of(demo_day(), at("2026-11-26 10:20")), {});
    // Loaded again from scratch, seconds later in the same minute: the same picture.
    CHECK(shown.compare(layout_of(demo_day(), at("2026-11-26 10:20") + std::chrono::seconds{40}),
                        {}) == Redraw::No);
}

TEST_CASE("a change in the data redraws the board", "[board]")
{
    ShownPicture shown;
    shown.shown(layout_of(demo_day(), at("2026-11-26 10:20")), {});
    BoardData renamed = demo_day();
    renamed.sessions[1].title = "Lancer son site web";
    CHECK(shown.compare(layout_of(renamed, at("2026-11-26 10:20")), {}) == Redraw::Yes);
    BoardData cancelled = demo_day();
    cancelled.sessions[0].status = kiosk::Status::Cancelled;
    CHECK(shown.compare(layout_of(cancelled, at("2026-11-26 10:20")), {}) == Redraw::Yes);
    BoardData moved = demo_day();
    moved.sessions[1].room = "Fab lab";
    CHECK(shown.compare(layout_of(moved, at("2026-11-26 10:20")), {}) == Redraw::Yes);
}

TEST_CASE("the minute turning redraws the clock", "[board]")
{
    const BoardLayout before = layout_of(demo_day(), at("2026-11-26 10:20"));
    const BoardLayout after = layout_of(demo_day(), at("2026-11-26 10:21"));
    // Only the clock differs at that minute...
    CHECK_THAT(layout_text(before), Catch::Contains("10 h 20"));
    CHECK_THAT(layout_text(after), Catch::Contains("10 h 21"));
    CHECK(before.boxes.size() == after.boxes.size());
    // ...and that is enough to draw again.
    ShownPicture shown;
    shown.shown(before, {});
    CHECK(shown.compare(after, {}) == Redraw::Yes);
}

TEST_CASE("a greeting arriving or leaving, the camera and the burn-in step all redraw", "[board]")
{
    const BoardLayout plain = layout_of(demo_day(), at("2026-11-26 10:20"));
    ShownPicture shown;
    shown.shown(plain, {});
    const BoardLayout greeted =
        layout_of(demo_day(), at("2026-11-26 10:20"), 0, one_greeting("Marie"));
    CHECK(shown.compare(greeted, {}) == Redraw::Yes);
    shown.shown(greeted, {});
    CHECK(shown.compare(layout_of(demo_day(), at("2026-11-26 10:20"), 0, one_greeting("Paul")),
                        {}) == Redraw::Yes);
    CHECK(shown.compare(plain, {}) == Redraw::Yes);

    shown.shown(plain, {});
    CHECK(shown.compare(layout_of(demo_day(), at("2026-11-26 10:20"), 0, {}, CameraState::Silent),
                        {}) == Redraw::Yes);
    CHECK(shown.compare(plain, PixelOffset{burn_in_pixels, 0}) == Redraw::Yes);
    shown.shown(plain, PixelOffset{burn_in_pixels, 0});
    CHECK(shown.compare(plain, PixelOffset{burn_in_pixels, 0}) == Redraw::No);
}

TEST_CASE("a page turn redraws, and each page compares equal to itself", "[board]")
{
    BoardData long_day = demo_day();
    for (int i = 0; i < 30; ++i)
        long_day.sessions.push_back(
            session(Kind::Atelier, "Atelier " + std::to_string(i), "2026-11-26 15:00", 60));
    const BoardLayout first = layout_of(long_day, at("2026-11-26 10:20"), 0);
    const BoardLayout second = layout_of(long_day, at("2026-11-26 10:20"), 1);
    REQUIRE(first.columns.at(0).count > 1);
    CHECK_FALSE(same_picture(first, second));
    CHECK(same_picture(second, layout_of(long_day, at("2026-11-26 10:20"), 1)));
}
