// When a ticket admits: doors open, late-entry grace, delays, the DST days and a clock that
// cannot be trusted.

#include "checkin_fixture.hpp"

using test::at;

namespace {

std::string verdict_of(const kiosk::CheckinResult& result)
{
    return std::string(kiosk::to_string(result.decision.verdict()));
}

} // namespace

TEST_CASE("doors open before the start and close after the late-entry grace", "[checkin]")
{
    test::CheckinFixture site;
    const auto session = site.add_session("rennes", "2026-11-26 14:00", "2026-11-26 16:00");

    const auto early = site.scan(site.ticket_for(session), "2026-11-26 13:29");
    CHECK(verdict_of(early) == "too_early");
    CHECK(early.decision.message() == "L'atelier commence à 14 h — revenez à 13 h 30");
    CHECK(verdict_of(site.scan(site.ticket_for(session), "2026-11-26 13:30")) == "accepted");
    CHECK(verdict_of(site.scan(site.ticket_for(session), "2026-11-26 14:15")) == "accepted");

    const auto late = site.scan(site.ticket_for(session), "2026-11-26 14:16");
    CHECK(verdict_of(late) == "closed");
    CHECK(late.decision.message() ==
          "L'entrée est fermée depuis 14 h 15 — adressez-vous à l'accueil");
    const auto over = site.scan(site.ticket_for(session), "2026-11-26 16:00");
    CHECK(verdict_of(over) == "closed");
    CHECK(over.decision.message() == "L'atelier est terminé");
    CHECK(site.count("SELECT count(*) FROM checkins") == 2);
    CHECK(site.count("SELECT count(*) FROM scans") == 5);
}

TEST_CASE("a delayed session opens and closes later", "[checkin]")
{
    test::CheckinFixture site;
    const auto id = site.add_session("rennes", "2026-11-26 14:00", "2026-11-26 16:00");
    kiosk::SessionStore sessions(site.store());
    auto session = *sessions.find(id);
    session.status = kiosk::Status::Delayed;
    session.delay_minutes = 30;
    sessions.update(session, at("2026-11-26 12:00"));

    const auto early = site.scan(site.ticket_for(id), "2026-11-26 13:45");
    CHECK(verdict_of(early) == "too_early");
    CHECK(early.decision.message() == "L'atelier commence à 14 h 30 — revenez à 14 h");
    CHECK(verdict_of(site.scan(site.ticket_for(id), "2026-11-26 14:40")) == "accepted");
    CHECK(verdict_of(site.scan(site.ticket_for(id), "2026-11-26 14:46")) == "closed");
}

// "Already in" comes before the hour: a visitor who came in and shows the ticket again, once
// entry has closed, after the end or before a delayed session's doors reopen, is told when they
// came in, not that the doors are shut.
TEST_CASE("a visitor already in hears when they came in, whatever the hour of the re-scan",
          "[checkin]")
{
    test::CheckinFixture site;
    const auto id = site.add_session("rennes", "2026-11-26 14:00", "2026-11-26 16:00");
    const auto ticket = site.ticket_for(id);
    REQUIRE(verdict_of(site.scan(ticket, "2026-11-26 13:45")) == "accepted");

    for (const char* when : {"2026-11-26 15:00", "2026-11-26 16:30", "2026-11-26 23:50"}) {
        INFO(when);
        const auto again = site.scan(ticket, when);
        CHECK(verdict_of(again) == "already_checked_in");
        CHECK(again.decision.message() == "Déjà enregistré à 13 h 45");
    }

    // Delayed by an hour and a half after she came in: the doors reopen at 15 h.
    kiosk::SessionStore sessions(site.store());
    auto session = *sessions.find(id);
    session.status = kiosk::Status::Delayed;
    session.delay_minutes = 90;
    sessions.update(session, at("2026-11-26 13:55"));
    CHECK(verdict_of(site.scan(site.ticket_for(id), "2026-11-26 14:10")) == "too_early");
    const auto before_doors = site.scan(ticket, "2026-11-26 14:10");
    CHECK(verdict_of(before_doors) == "already_checked_in");
    CHECK(before_doors.decision.message() == "Déjà enregistré à 13 h 45");

    // Admitted early on a clock that could not be trusted, re-scanned once it is.
    const auto early_ticket = site.ticket_for(id);
    REQUIRE(verdict_of(site.scan(early_ticket, "2026-11-26 09:00", "rennes",
                                 kiosk::ClockTrust::Unsynchronised)) == "clock_untrusted");
    const auto early_again = site.scan(early_ticket, "2026-11-26 09:05");
    CHECK(verdict_of(early_again) == "already_checked_in");
    CHECK(early_again.decision.message() == "Déjà enregistré à 9 h");

    CHECK(site.count("SELECT count(*) FROM checkins") == 2);
    CHECK(site.count("SELECT count(*) FROM scans WHERE verdict = 'already_checked_in'") == 5);
}

TEST_CASE("check-in on the day clocks spring forward", "[checkin][dst]")
{
    test::CheckinFixture site;
    // 29 March 2026: 02:00 becomes 03:00. Doors open at 03:00, a minute after 01:59.
    const auto id = site.add_session("rennes", "2026-03-29 03:30", "2026-03-29 05:00");
    const auto ticket = site.ticket_for(id);
    CHECK(site.scan(ticket, "2026-03-28 23:59").decision.message() ==
          "Ce billet est pour le dimanche 29 mars");
    const auto early = site.scan(ticket, "2026-03-29 01:59");
    CHECK(verdict_of(early) == "too_early");
    CHECK(early.decision.message() == "L'atelier commence à 3 h 30 — revenez à 3 h");
    CHECK(at("2026-03-29 03:00") - at("2026-03-29 01:59") == std::chrono::minutes{1});
    const auto admitted = site.scan(ticket, "2026-03-29 03:00");
    CHECK(verdict_of(admitted) == "accepted");
    CHECK(site.scan(ticket, "2026-03-29 03:05").decision.message() == "Déjà enregistré à 3 h");
}

TEST_CASE("check-in on the day clocks fall back", "[checkin][dst]")
{
    test::CheckinFixture site;
    // 25 October 2026: 02:00–03:00 happens twice. The workshop starts at the first 02:30.
    const auto id = site.add_session("rennes", "2026-10-25 02:30", "2026-10-25 04:00");
    CHECK(verdict_of(site.scan(site.ticket_for(id), "2026-10-25 02:40")) == "accepted");
    // An hour later by the clock on the wall reads 02:50 again, but the grace is long gone.
    const auto late = site.scan(site.ticket_for(id), "2026-10-25 02:50+01:00");
    CHECK(verdict_of(late) == "closed");
    CHECK(late.decision.message() == "L'entrée est fermée depuis 2 h 45 — adressez-vous à l'accueil");

    // The 25-hour day ends at midnight all the same.
    const auto monday = site.add_session("rennes", "2026-10-26 08:00", "2026-10-26 09:00");
    const auto ticket = site.ticket_for(monday);
    CHECK(verdict_of(site.scan(ticket, "2026-10-25 23:59")) == "wrong_day");
    CHECK(verdict_of(site.scan(ticket, "2026-10-26 00:00")) == "too_early");
}

TEST_CASE("an unsynchronised clock admits today's tickets, flagged for checking", "[checkin]")
{
    test::CheckinFixture site;
    const auto id = site.add_session("rennes", "2026-11-26 14:00", "2026-11-26 16:00");
    const auto ticket = site.ticket_for(id);
    const auto doubtful =
        site.scan(ticket, "2026-11-26 09:00", "rennes", kiosk::ClockTrust::Unsynchronised);
    CHECK(verdict_of(doubtful) == "clock_untrusted");
    CHECK(kiosk::admits(doubtful.decision.verdict()));
    CHECK(doubtful.decision.message() == "Bienvenue\u00A0! Rendez-vous\u00A0: Salle Bréhat");
    CHECK_THAT(doubtful.decision.detail, Catch::Contains("à vérifier"));
    CHECK(site.count("SELECT count(*) FROM scans WHERE verdict = 'clock_untrusted' "
                     "AND flag = 'a_verifier'") == 1);
    CHECK(site.count("SELECT count(*) FROM checkins WHERE flag = 'a_verifier'") == 1);
    // Still once only, and still refused elsewhere or another day.
    CHECK(verdict_of(site.scan(ticket, "2026-11-26 14:00", "rennes",
                               kiosk::ClockTrust::Unsynchronised)) == "already_checked_in");
    CHECK(verdict_of(site.scan(site.ticket_for(id), "2026-11-26 14:00", "nancy",
                               kiosk::ClockTrust::Unsynchronised)) == "wrong_site");
}
