// Banners and notices in the model and the layout, with a fixed-advance measurer: what each
// outcome says, what a public screen never shows, and that nothing spills out of its box.

#include "board_fixtures.hpp"
#include "kiosk_display/board_layout.hpp"
#include "kiosk_display/greeting.hpp"

#include <fmt/format.h>

using namespace kiosk_display;
using kiosk::Kind;
using kiosk::Verdict;
using test::at;
using test::session;

namespace {

const test::FixedAdvanceMeasurer measurer;
const std::string nbsp = "\u00A0";

// What the rules told the visitor, as the core records it.
kiosk::CheckinOutcome outcome(Verdict verdict, const std::optional<kiosk::Session>& ticket_session = {})
{
    kiosk::CheckinOutcome outcome;
    outcome.verdict = verdict;
    if (ticket_session)
        outcome.session = kiosk::greeted_session(*ticket_session);
    return outcome;
}

// A scan of this site as the core's feed hands it to the board.
kiosk::RecordedScan scan(kiosk::CheckinOutcome outcome, std::string first_name = {})
{
    static std::int64_t next = 1;
    kiosk::RecordedScan recorded;
    recorded.scan = kiosk::ScanId{++next};
    recorded.at = at("2026-11-26 09:02");
    recorded.outcome = std::move(outcome);
    recorded.first_name = std::move(first_name);
    return recorded;
}

kiosk::RecordedScan scan(Verdict verdict, std::string first_name = {},
                         const std::optional<kiosk::Session>& ticket_session = {})
{
    return scan(outcome(verdict, ticket_session), std::move(first_name));
}

kiosk::CheckinOutcome already_in(const kiosk::Session& ticket_session, const char* first)
{
    auto already = outcome(Verdict::AlreadyCheckedIn, ticket_session);
    already.first_checkin = at(first);
    return already;
}

BoardLayout laid_out(const BoardData& data, const std::string& now, const Greetings& greetings,
                     ScreenSize screen)
{
    const Board board = build_board(data,
                                    BoardContext{at(now), ClockTrust::Synchronised,
                                                 Freshness::Current, at(now), CameraState::Alive},
                                    greetings);
    return layout_board(board, screen, measurer, 0);
}

void check_inside(const std::vector<PlacedText>& texts, ScreenSize screen)
{
    for (const auto& text : texts) {
        INFO("« " << text.text << " »");
        CHECK(measurer.width(text.text, text.style) <= text.area.width + 0.01f);
        CHECK(text.area.x >= 0);
        CHECK(text.area.x + text.area.width <= static_cast<float>(screen.width) + 0.5f);
        CHECK(text.area.y + text.area.height <= static_cast<float>(screen.height) + 0.5f);
    }
}

std::string all_text(const BoardLayout& layout) { return layout_text(layout); }

} // namespace

TEST_CASE("a welcome names the visitor and their session and room and time", "[greeting]")
{
    const auto workshop = session(Kind::Atelier, "Lancer sa boutique en ligne", "2026-11-26 09:30", 90);
    const Banner banner = banner_for(scan(Verdict::Accepted, "Marie", workshop));
    CHECK(banner.tone == Tone::Go);
    CHECK(banner.headline() == "Bienvenue Marie" + nbsp + "!");
    CHECK(banner.detail == "Lancer sa boutique en ligne");
    CHECK(banner.where == "Salle Bréhat · 9 h 30");
    CHECK(banner.hint.empty());
    CHECK(banner.staff_call == StaffCall::No);
    // Without a first name on this site: still a welcome.
    CHECK(banner_for(scan(Verdict::Accepted, "", workshop)).headline() == "Bienvenue" + nbsp + "!");
}

TEST_CASE("already in is amber with the time of the first check-in", "[greeting]")
{
    const auto workshop = session(Kind::Atelier, "Lancer sa boutique en ligne", "2026-11-26 09:30", 90);
    const Banner banner = banner_for(scan(already_in(workshop, "2026-11-26 09:02"), "Marie"));
    CHECK(banner.tone == Tone::Caution);
    CHECK(banner.headline() == "Déjà enregistré à 9 h 02");
    CHECK(banner.detail == "Marie · Lancer sa boutique en ligne");
    CHECK(banner.where == "Salle Bréhat · 9 h 30");
}

TEST_CASE("a refusal is red with the rule's sentence and what to do", "[greeting]")
{
    auto too_early = outcome(Verdict::TooEarly,
                             session(Kind::Atelier, "Atelier", "2026-11-26 14:00", 60));
    too_early.doors_open = at("2026-11-26 13:30");
    const Banner early = banner_for(scan(too_early, "Paul"));
    CHECK(early.tone == Tone::Stop);
    CHECK(early.headline() == "L'atelier commence à 14 h");
    CHECK(early.hint == "Revenez à 13 h 30");
    auto elsewhere = outcome(Verdict::WrongSite);
    elsewhere.ticket_site = "nancy";
    const Banner nancy = banner_for(scan(elsewhere));
    CHECK(nancy.headline() == "Ce billet est pour Nancy");
    CHECK(nancy.hint == "Adressez-vous à l'accueil");
    // A scan recorded without its facts (before they were kept): still a refusal, never blank.
    const Banner revoked = banner_for(scan(Verdict::Revoked));
    CHECK(revoked.headline() == "Ce billet a été annulé");
    CHECK(revoked.hint == "Adressez-vous à l'accueil");
}

TEST_CASE("a private session's title never reaches a banner", "[greeting][privacy]")
{
    auto secret = session(Kind::Privee, "Plan social confidentiel de la CCI", "2026-11-26 09:30", 60);
    secret.organiser = "CCI Ille-et-Vilaine";
    for (const Verdict verdict : {Verdict::Accepted, Verdict::AlreadyCheckedIn, Verdict::TooEarly}) {
        const Banner banner = banner_for(scan(verdict, "Marie", secret));
        INFO(banner.detail);
        CHECK(banner.detail.find("confidentiel") == std::string::npos);
        CHECK(banner.headline().find("confidentiel") == std::string::npos);
    }
    const Banner welcome = banner_for(scan(Verdict::Accepted, "Marie", secret));
    CHECK(welcome.detail == "Session privée — CCI Ille-et-Vilaine");
    CHECK(welcome.where == "en ligne · 9 h 30");
}

TEST_CASE("a ticket with a staff note calls staff without showing the note", "[greeting]")
{
    kiosk::RecordedScan event = scan(Verdict::Accepted, "Marie");
    event.staff_note = true;
    const Banner banner = banner_for(event);
    CHECK(banner.hint == "Un membre de l'équipe arrive");
    CHECK(banner.staff_call == StaffCall::Yes);

    const BoardData data = test::day_of({}, "2026-11-26");
    Greetings greetings{{banner}, 0, event.at};
    const auto text = all_text(laid_out(data, "2026-11-26 09:03", greetings, {1920, 1080}));
    CHECK_THAT(text, Catch::Contains("Un membre de l'équipe arrive") &&
                         Catch::Contains("accueil demandé 9 h 02"));
    // The staff corner lets go after a while.
    CHECK_THAT(all_text(laid_out(data, "2026-11-26 09:30", greetings, {1920, 1080})),
               !Catch::Contains("accueil demandé"));
}

TEST_CASE("a 200-character or emoji first name is shortened in its banner and never spilled",
          "[greeting][bad-input]")
{
    std::string long_name;
    while (long_name.size() < 200)
        long_name += "Marie-Amélie";
    long_name.resize(200);
    const std::string emoji_name = "🎉Zoé👩‍💻🚀 \n\t";
    CHECK(shown_first_name(emoji_name) == "🎉Zoé👩‍💻🚀");
    const auto workshop = session(Kind::Atelier, std::string(300, 'T'), "2026-11-26 09:30", 90);
    const std::vector<Banner> banners{
        banner_for(scan(Verdict::Accepted, long_name, workshop)),
        banner_for(scan(Verdict::Accepted, emoji_name, workshop)),
        banner_for(scan(already_in(workshop, "2026-11-26 09:02"), long_name))};
    const BoardData data = test::day_of({workshop}, "2026-11-26");
    for (const ScreenSize screen : {ScreenSize{1280, 720}, ScreenSize{1920, 1080},
                                    ScreenSize{1080, 1920}, ScreenSize{3840, 2160}}) {
        INFO(screen.width << "×" << screen.height);
        for (std::size_t count = 1; count <= 3; ++count) {
            const Greetings greetings{{banners.begin(), banners.begin() + static_cast<long>(count)}, 7, {}};
            const BoardLayout layout = laid_out(data, "2026-11-26 09:03", greetings, screen);
            check_inside(layout.overlay_texts, screen);
            for (const auto& box : layout.overlay_boxes) {
                CHECK(box.area.x >= 0);
                CHECK(box.area.x + box.area.width <= static_cast<float>(screen.width) + 0.5f);
                CHECK(box.area.y + box.area.height <= static_cast<float>(screen.height) + 0.5f);
            }
            // The greeting and its "!" survive; only the name is shortened.
            const auto& headline = layout.overlay_texts.front().text;
            CHECK_THAT(headline, Catch::StartsWith("Bienvenue Marie") && Catch::EndsWith("…" + nbsp + "!"));
            CHECK_THAT(all_text(layout), Catch::Contains("+ 7 autres accueils à suivre"));
        }
    }
}

TEST_CASE("notice bands put an alert over the top and expire at their time", "[notices]")
{
    BoardData data = test::day_of({session(Kind::Atelier, "Atelier", "2026-11-26 14:00", 60)},
                                  "2026-11-26");
    data.notices.push_back({kiosk::NoticeId{1}, "rennes", "Salle 2 fermée aujourd'hui",
                            kiosk::NoticeLevel::Info, at("2026-11-26 08:00"), at("2026-11-26 10:30"),
                            "rennes", std::nullopt});
    data.notices.push_back({kiosk::NoticeId{2}, "rennes", "Alarme incendie : sortez par la cour",
                            kiosk::NoticeLevel::Alerte, at("2026-11-26 09:00"), std::nullopt, "office",
                            std::nullopt});
    const ScreenSize screen{1920, 1080};
    const BoardLayout layout = laid_out(data, "2026-11-26 10:29", {}, screen);
    const auto text = all_text(layout);
    CHECK_THAT(text, Catch::Contains("Salle 2 fermée aujourd'hui"));
    // The alert comes first, above the site's name, in large type.
    CHECK_THAT(text, Catch::StartsWith("Alarme incendie"));
    CHECK(layout.texts.front().style.pixel_size > layout.body_pixels);
    CHECK(layout.boxes.front().colour == badge_colours(Tone::Stop).background);
    CHECK(layout.boxes.front().area.y == 0);
    // At 10:30 the information band is gone, with no database change.
    CHECK_THAT(all_text(laid_out(data, "2026-11-26 10:30", {}, screen)),
               !Catch::Contains("Salle 2 fermée"));
}

TEST_CASE("a notice of 2 000 characters is shortened to its band", "[notices][bad-input]")
{
    std::string long_text;
    while (long_text.size() < 2000)
        long_text += "La salle Bréhat est fermée pour travaux ";
    for (const auto level : {kiosk::NoticeLevel::Info, kiosk::NoticeLevel::Alerte}) {
        BoardData data = test::day_of({}, "2026-11-26");
        data.notices.push_back({kiosk::NoticeId{1}, "rennes", long_text, level,
                                at("2026-11-26 08:00"), std::nullopt, "rennes", std::nullopt});
        for (const ScreenSize screen : {ScreenSize{1280, 720}, ScreenSize{1080, 1920}}) {
            const BoardLayout layout = laid_out(data, "2026-11-26 10:00", {}, screen);
            check_inside(layout.texts, screen);
            std::size_t lines = 0;
            for (const auto& placed : layout.texts) {
                std::string piece = placed.text;
                if (piece.ends_with("…"))
                    piece.resize(piece.size() - std::string("…").size());
                if (piece.size() > 8 && long_text.find(piece) != std::string::npos)
                    ++lines;
            }
            const auto size = level == kiosk::NoticeLevel::Alerte ? BandSize::TakeOver : BandSize::Band;
            CHECK(lines >= 2);
            CHECK(lines <= static_cast<std::size_t>(notice_lines(size, screen)));
            CHECK_THAT(layout_text(layout), Catch::Contains("…"));
        }
    }
}
