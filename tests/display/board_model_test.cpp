// The board model at chosen instants: sections, row states, private and coaching sessions,
// empty days, both DST days and an untrustworthy clock.

#include "board_fixtures.hpp"

#include "kiosk_display/board_model.hpp"

#include <algorithm>

using namespace kiosk_display;
using kiosk::Kind;
using kiosk::Status;
using test::at;
using test::session;

namespace {

Board board_at(const BoardData& data, const std::string& now,
               ClockTrust trust = ClockTrust::Synchronised)
{
    return build_board(data, BoardContext{at(now), trust, Freshness::Current, at(now),
                                          CameraState::Unknown});
}

const BoardSection* section(const Board& board, SectionKind kind)
{
    for (const auto& candidate : board.sections)
        if (candidate.kind == kind)
            return &candidate;
    return nullptr;
}

std::vector<std::string> words(const BoardRow& row)
{
    std::vector<std::string> result;
    for (const auto& badge : row.badges)
        result.push_back(badge.word);
    return result;
}

using Words = std::vector<std::string>;

} // namespace

TEST_CASE("a workshop goes from à venir to portes ouvertes to en cours to terminé then drops off",
          "[board][model]")
{
    auto workshop = session(Kind::Atelier, "Lancer sa boutique en ligne", "2026-11-26 14:00", 120);
    auto evening = session(Kind::Atelier, "Soirée", "2026-11-26 18:00", 60);
    auto data = test::day_of({workshop, evening}, "2026-11-26");
    auto row_at = [&](const std::string& now) { return board_at(data, now); };

    // The first upcoming workshop is "À suivre" however far off; the ones after it, "Plus tard".
    auto board = row_at("2026-11-26 10:00");
    REQUIRE(section(board, SectionKind::Next));
    CHECK(words(section(board, SectionKind::Next)->rows[0]) == Words{"à venir", "12 places restantes"});
    REQUIRE(section(board, SectionKind::Later));
    CHECK(section(board, SectionKind::Later)->rows[0].title == "Soirée");
    data.sessions.pop_back();
    board = row_at("2026-11-26 12:30");
    REQUIRE(section(board, SectionKind::Next));
    CHECK(words(section(board, SectionKind::Next)->rows[0])[0] == "à venir");
    board = row_at("2026-11-26 13:30");
    CHECK(words(section(board, SectionKind::Next)->rows[0])[0] == "portes ouvertes");
    board = row_at("2026-11-26 14:00");
    REQUIRE(section(board, SectionKind::Now));
    CHECK(words(section(board, SectionKind::Now)->rows[0])[0] == "en cours");
    board = row_at("2026-11-26 16:05");
    CHECK(words(section(board, SectionKind::Now)->rows[0]) == Words{"terminé"});
    board = row_at("2026-11-26 16:30");
    CHECK(board.sections.empty());
    REQUIRE(board.empty);
    CHECK(board.empty->headline == "Plus aucune session aujourd'hui");
}

TEST_CASE("the header shows the site and the French date and the clock", "[board][model]")
{
    const auto board = board_at(test::day_of({}, "2026-11-26"), "2026-11-26 14:32");
    CHECK(board.header.site_name == "Rennes");
    CHECK(board.header.date == "jeudi 26 novembre");
    CHECK(board.header.clock == "14 h 32");
}

TEST_CASE("staff statuses show as words (delay or room change or cancellation or seats)",
          "[board][model]")
{
    auto delayed = session(Kind::Atelier, "Retardé", "2026-11-26 10:00", 60);
    delayed.status = Status::Delayed;
    delayed.delay_minutes = 15;
    auto moved = session(Kind::Atelier, "Déplacé", "2026-11-26 10:00", 60);
    moved.status = Status::RoomChanged;
    moved.previous_room = "Salle Bréhat";
    moved.room = "Salle Ouessant";
    auto cancelled = session(Kind::Atelier, "Annulé", "2026-11-26 10:00", 60);
    cancelled.status = Status::Cancelled;
    auto full = session(Kind::Atelier, "Complet", "2026-11-26 10:00", 60);
    full.status = Status::Full;
    auto booked = session(Kind::Atelier, "Presque plein", "2026-11-26 10:00", 60);
    auto no_room = session(Kind::Atelier, "Sans salle", "2026-11-26 10:00", 60);
    no_room.room.clear();
    no_room.capacity.reset();
    auto data = test::day_of({delayed, moved, cancelled, full, booked, no_room}, "2026-11-26");
    data.seats_taken[booked.id] = 11;
    data.seats_taken[full.id] = 2;

    const auto board = board_at(data, "2026-11-26 10:05");
    const BoardSection* now = section(board, SectionKind::Now);
    const BoardSection* next = section(board, SectionKind::Next);
    REQUIRE(now);
    REQUIRE(next);
    auto find = [&](const std::string& title) {
        for (const auto* list : {now, next})
            for (const auto& row : list->rows)
                if (row.title == title)
                    return row;
        FAIL("no row " << title);
        return BoardRow{};
    };
    CHECK(words(find("Retardé")) ==
          Words{"portes ouvertes", "retardé de 15 min", "12 places restantes"});
    CHECK(find("Retardé").time == "10 h 15");
    CHECK_THAT(find("Retardé").detail(), Catch::Contains("jusqu'à 11 h 15 · prévu 10 h"));
    CHECK(words(find("Déplacé")) == Words{"en cours", "salle changée", "12 places restantes"});
    CHECK_THAT(find("Déplacé").detail(), Catch::Contains("Salle Ouessant (au lieu de Salle Bréhat)"));
    CHECK(words(find("Annulé")) == Words{"annulé"});
    CHECK(words(find("Complet")) == Words{"en cours", "complet"});
    CHECK(words(find("Presque plein")) == Words{"en cours", "1 place restante"});
    CHECK(words(find("Sans salle")) == Words{"en cours"});
    CHECK_THAT(find("Sans salle").detail(), Catch::Contains("salle à préciser"));
}

TEST_CASE("private sessions show the organiser only and coaching shows the number of slots",
          "[board][model]")
{
    auto group = session(Kind::Privee, "Titre confidentiel", "2026-11-26 12:30", 60);
    group.organiser = "CCI Ille-et-Vilaine";
    group.join_url = "https://visio.example.fr/prive/secret";
    std::vector<kiosk::Session> sessions{group};
    for (int slot = 0; slot < 4; ++slot)
        sessions.push_back(session(Kind::Coaching, "Coaching individuel en visio",
                                   "2026-11-26 1" + std::to_string(4 + slot) + ":00", 40));
    auto live = session(Kind::Live, "Lancer son site Internet", "2026-11-26 11:00", 60);
    live.join_url = "https://visio.example.fr/live/site";
    sessions.push_back(live);
    const auto board = board_at(test::day_of(sessions, "2026-11-26"), "2026-11-26 10:00");

    const BoardSection* online = section(board, SectionKind::Online);
    REQUIRE(online);
    REQUIRE(online->rows.size() == 3);
    CHECK(online->rows[0].title == "Lancer son site Internet");
    CHECK(online->rows[0].join_url == "https://visio.example.fr/live/site"); // the next live one
    CHECK(online->rows[1].title == "Session privée — CCI Ille-et-Vilaine");
    CHECK(online->rows[1].join_url.empty());
    CHECK(online->rows[1].detail().find("confidentiel") == std::string::npos);
    CHECK(online->rows[2].title == "Coaching individuel : 4 créneaux aujourd'hui");
    CHECK(online->rows[2].time == "14 h");

    // Slots that are over no longer count.
    const auto afternoon = board_at(test::day_of(sessions, "2026-11-26"), "2026-11-26 15:30");
    REQUIRE(section(afternoon, SectionKind::Online));
    CHECK(section(afternoon, SectionKind::Online)->rows.back().title ==
          "Coaching individuel : 3 créneaux aujourd'hui");
    const auto evening = board_at(test::day_of(sessions, "2026-11-26"), "2026-11-26 16:45");
    CHECK(section(evening, SectionKind::Online)->rows.back().title ==
          "Coaching individuel : 1 créneau aujourd'hui");
}

TEST_CASE("a join QR is offered for live sessions on now or next and never later ones",
          "[board][model]")
{
    auto on_now = session(Kind::Live, "En direct", "2026-11-26 10:00", 90);
    on_now.join_url = "https://visio.example.fr/a";
    auto next = session(Kind::Live, "Ensuite", "2026-11-26 11:30", 60);
    next.join_url = "https://visio.example.fr/b";
    auto later = session(Kind::Live, "Plus tard", "2026-11-26 15:00", 60);
    later.join_url = "https://visio.example.fr/c";
    const auto board = board_at(test::day_of({on_now, next, later}, "2026-11-26"), "2026-11-26 10:30");
    const auto& rows = section(board, SectionKind::Online)->rows;
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].join_url == "https://visio.example.fr/a");
    CHECK(rows[1].join_url == "https://visio.example.fr/b");
    CHECK(rows[2].join_url.empty());
}

TEST_CASE("an empty day says so and names the next session", "[board][model]")
{
    auto data = test::day_of({}, "2026-11-28");
    auto next = session(Kind::Privee, "Secret", "2026-11-30 09:30", 60);
    next.organiser = "CCI Hérault";
    data.next_session = next;
    const auto board = board_at(data, "2026-11-28 10:00");
    REQUIRE(board.empty);
    CHECK(board.empty->headline == "Aucune session aujourd'hui");
    CHECK(board.empty->next ==
          "Prochaine session : lundi 30 novembre à 9 h 30 — Session privée — CCI Hérault");
    data.next_session.reset();
    CHECK(board_at(data, "2026-11-28 10:00").empty->next == "Aucune session prévue pour le moment");
}

TEST_CASE("on the 23-hour day a session across the jump is on at 03:10 and over at 03:30",
          "[board][model][dst]")
{
    // 01:30 (UTC+1) to 03:30 (UTC+2) lasts one hour.
    const auto night = session(Kind::Atelier, "Nuit", "2026-03-29 01:30", 60);
    const auto data = test::day_of({night}, "2026-03-29");
    CHECK(kiosk::format_iso8601(night.end) == "2026-03-29T03:30:00+02:00");
    auto board = board_at(data, "2026-03-29 03:10");
    REQUIRE(section(board, SectionKind::Now));
    CHECK(section(board, SectionKind::Now)->rows[0].time == "1 h 30");
    CHECK_THAT(section(board, SectionKind::Now)->rows[0].detail(), Catch::Contains("jusqu'à 3 h 30"));
    board = board_at(data, "2026-03-29 03:35");
    CHECK(words(section(board, SectionKind::Now)->rows[0]) == Words{"terminé"});
    CHECK(board.header.date == "dimanche 29 mars");
}

TEST_CASE("on the 25-hour day the repeated hour is told apart", "[board][model][dst]")
{
    // First 02:00–02:40 in summer time, then 02:10–02:50 in winter time, an hour later.
    const auto first = session(Kind::Atelier, "Première", "2026-10-25 02:00+02:00", 40);
    const auto second = session(Kind::Atelier, "Seconde", "2026-10-25 02:10+01:00", 40);
    const auto data = test::day_of({first, second}, "2026-10-25");
    auto board = board_at(data, "2026-10-25 02:20+02:00");
    REQUIRE(section(board, SectionKind::Now));
    CHECK(section(board, SectionKind::Now)->rows[0].title == "Première");
    REQUIRE(section(board, SectionKind::Next));
    CHECK(section(board, SectionKind::Next)->rows[0].title == "Seconde");
    CHECK(words(section(board, SectionKind::Next)->rows[0])[0] == "à venir");

    board = board_at(data, "2026-10-25 02:20+01:00");
    REQUIRE(section(board, SectionKind::Now));
    REQUIRE(section(board, SectionKind::Now)->rows.size() == 1); // the first ended over an hour ago
    CHECK(section(board, SectionKind::Now)->rows[0].title == "Seconde");
    CHECK(board.header.clock == "2 h 20");
    CHECK(board.header.date == "dimanche 25 octobre");
}

TEST_CASE("an unsynchronised clock shows the whole day without now or next", "[board][model]")
{
    auto done = session(Kind::Atelier, "Ce matin", "2026-11-26 09:00", 60);
    auto cancelled = session(Kind::Atelier, "Annulé", "2026-11-26 15:00", 60);
    cancelled.status = Status::Cancelled;
    const auto board = board_at(test::day_of({done, cancelled}, "2026-11-26"), "2026-11-26 12:00",
                                ClockTrust::Unsynchronised);
    CHECK(board.header.clock == "heure non synchronisée");
    REQUIRE(board.sections.size() == 1);
    CHECK(board.sections[0].kind == SectionKind::Today);
    REQUIRE(board.sections[0].rows.size() == 2);
    CHECK(words(board.sections[0].rows[0]).empty());
    CHECK(words(board.sections[0].rows[1]) == Words{"annulé"});
}

TEST_CASE("a zero-length session does not confuse the model", "[board][model]")
{
    auto instant = session(Kind::Atelier, "Instant", "2026-11-26 10:00", 0);
    auto live = session(Kind::Live, "Éclair", "2026-11-26 10:00", 0);
    live.join_url = "https://visio.example.fr/eclair";
    const auto data = test::day_of({instant, live}, "2026-11-26");
    for (const char* now : {"2026-11-26 09:59", "2026-11-26 10:00", "2026-11-26 10:05",
                            "2026-11-26 11:00"}) {
        INFO(now);
        const auto board = board_at(data, now);
        for (const auto& list : board.sections)
            for (const auto& row : list.rows)
                CHECK_FALSE(row.badges.empty());
    }
    const auto board = board_at(data, "2026-11-26 10:00");
    CHECK(words(section(board, SectionKind::Now)->rows[0]) == Words{"terminé"});
}

TEST_CASE("a failed reload is shown discreetly with the time of the data", "[board][model]")
{
    const auto data = test::day_of({}, "2026-11-26");
    const auto board = build_board(data, BoardContext{at("2026-11-26 14:32"), ClockTrust::Synchronised,
                                                      Freshness::Stale, at("2026-11-26 14:05"),
                                                      CameraState::Alive});
    CHECK(board.staff.stale_badge == "données de 14 h 05");
    CHECK(board.staff.camera == "caméra OK");
}
