// Every verdict, reached on real Paris instants through check_in(), the function every entry
// point uses.

#include "checkin_fixture.hpp"
#include "kiosk/sanitise.hpp"

#include <set>

using kiosk::Verdict;
using test::at;

namespace {

std::string verdict_of(const kiosk::CheckinResult& result)
{
    return std::string(kiosk::to_string(result.decision.verdict));
}

} // namespace

TEST_CASE("a ticket admits once, then says when its holder came in", "[checkin]")
{
    test::CheckinFixture site;
    const auto session = site.add_session("rennes", "2026-11-26 09:00", "2026-11-26 12:00");
    const auto ticket = site.ticket_for(session);

    const auto first = site.scan(ticket, "2026-11-26 09:02");
    CHECK(verdict_of(first) == "accepted");
    CHECK(first.decision.message == "Bienvenue\u00A0! Rendez-vous\u00A0: Salle Bréhat");
    CHECK(first.checkin.has_value());
    CHECK(first.decision.session == session);

    const auto second = site.scan(ticket, "2026-11-26 09:10");
    CHECK(verdict_of(second) == "already_checked_in");
    CHECK(second.decision.message == "Déjà enregistré à 9 h 02");
    CHECK(second.decision.first_checkin == at("2026-11-26 09:02"));
    CHECK_FALSE(second.checkin.has_value());

    CHECK(site.count("SELECT count(*) FROM scans") == 2);
    CHECK(site.count("SELECT count(*) FROM checkins") == 1);
    CHECK(site.count("SELECT count(*) FROM scans WHERE verdict = 'accepted' AND device = "
                     "'entree' AND site = 'rennes' AND ticket_id IS NOT NULL") == 1);
}

TEST_CASE("doors open before the start and close after the late-entry grace", "[checkin]")
{
    test::CheckinFixture site;
    const auto session = site.add_session("rennes", "2026-11-26 14:00", "2026-11-26 16:00");

    const auto early = site.scan(site.ticket_for(session), "2026-11-26 13:29");
    CHECK(verdict_of(early) == "too_early");
    CHECK(early.decision.message == "L'atelier commence à 14 h — revenez à 13 h 30");
    CHECK(verdict_of(site.scan(site.ticket_for(session), "2026-11-26 13:30")) == "accepted");
    CHECK(verdict_of(site.scan(site.ticket_for(session), "2026-11-26 14:15")) == "accepted");

    const auto late = site.scan(site.ticket_for(session), "2026-11-26 14:16");
    CHECK(verdict_of(late) == "closed");
    CHECK(late.decision.message == "L'entrée est fermée depuis 14 h 15 — adressez-vous à l'accueil");
    const auto over = site.scan(site.ticket_for(session), "2026-11-26 16:00");
    CHECK(verdict_of(over) == "closed");
    CHECK(over.decision.message == "L'atelier est terminé");
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
    CHECK(early.decision.message == "L'atelier commence à 14 h 30 — revenez à 14 h");
    CHECK(verdict_of(site.scan(site.ticket_for(id), "2026-11-26 14:40")) == "accepted");
    CHECK(verdict_of(site.scan(site.ticket_for(id), "2026-11-26 14:46")) == "closed");
}

TEST_CASE("a ticket for another site or day names the right one", "[checkin]")
{
    test::CheckinFixture site;
    const auto session = site.add_session("nancy", "2026-11-26 14:00", "2026-11-26 16:00");
    const auto ticket = site.ticket_for(session);

    const auto elsewhere = site.scan(ticket, "2026-11-26 14:00", "rennes");
    CHECK(verdict_of(elsewhere) == "wrong_site");
    CHECK(elsewhere.decision.message == "Ce billet est pour Nancy");
    const auto before = site.scan(ticket, "2026-11-25 14:00", "nancy");
    CHECK(verdict_of(before) == "wrong_day");
    CHECK(before.decision.message == "Ce billet est pour le jeudi 26 novembre");
    const auto after = site.scan(ticket, "2026-11-27 14:00", "nancy");
    CHECK(after.decision.message == "Ce billet était pour le jeudi 26 novembre");
    CHECK(verdict_of(site.scan(ticket, "2026-11-26 14:00", "nancy")) == "accepted");
}

TEST_CASE("cancelled sessions and revoked tickets are refused", "[checkin]")
{
    test::CheckinFixture site;
    const auto id = site.add_session("rennes", "2026-11-26 14:00", "2026-11-26 16:00");
    const auto kept = site.ticket_for(id);
    auto issued = kiosk::TicketStore(site.store()).issue(id, site.key(), at("2026-11-01 10:00"));
    REQUIRE(issued);
    REQUIRE(kiosk::TicketStore(site.store()).revoke(issued->claims.ticket, at("2026-11-20 10:00")));
    const auto revoked = site.scan(issued->payload, "2026-11-26 14:00");
    CHECK(verdict_of(revoked) == "revoked");
    CHECK(revoked.decision.message == "Ce billet a été annulé — adressez-vous à l'accueil");

    kiosk::SessionStore sessions(site.store());
    auto session = *sessions.find(id);
    session.status = kiosk::Status::Cancelled;
    sessions.update(session, at("2026-11-26 10:00"));
    const auto cancelled = site.scan(kept, "2026-11-26 14:00");
    CHECK(verdict_of(cancelled) == "session_cancelled");
    CHECK(cancelled.decision.message == "Cette session est annulée — adressez-vous à l'accueil");
    CHECK(site.count("SELECT count(*) FROM checkins") == 0);
}

TEST_CASE("unknown or retired keys, forgeries and other codes are refused and recorded",
          "[checkin]")
{
    test::CheckinFixture site;
    const auto id = site.add_session("rennes", "2026-11-26 14:00", "2026-11-26 16:00");
    const auto stranger = kiosk::SigningKey::generate();
    const kiosk::TicketClaims claims{kiosk::TicketId::random(), id, "rennes",
                                     *kiosk::parse_day("2026-11-26")};
    const auto foreign = site.scan(kiosk::sign_ticket(claims, stranger), "2026-11-26 14:00");
    CHECK(verdict_of(foreign) == "unknown_key");
    CHECK(foreign.decision.message == "Billet non reconnu — adressez-vous à l'accueil");
    CHECK_FALSE(foreign.decision.ticket.has_value()); // nothing unverified is trusted

    auto bytes = kiosk::signed_ticket_bytes(claims, site.key());
    bytes[30] ^= 0x04;
    const auto forged = site.scan(kiosk::ticket_text(bytes), "2026-11-26 14:00");
    CHECK(verdict_of(forged) == "bad_signature");
    CHECK(forged.decision.message == "Billet non valide — adressez-vous à l'accueil");

    const auto other = site.scan("https://example.org/promo", "2026-11-26 14:00");
    CHECK(verdict_of(other) == "not_a_ticket");

    // Rotation: a second key is trusted, then the first retired.
    const auto ticket = site.ticket_for(id);
    kiosk::TrustedKeys keys(site.store());
    keys.trust(stranger.public_key(), at("2026-11-20 09:00"));
    CHECK(verdict_of(site.scan(kiosk::sign_ticket(claims, stranger), "2026-11-26 14:00")) ==
          "accepted");
    REQUIRE(keys.retire(site.key().public_key().id(), at("2026-11-25 09:00")));
    const auto retired = site.scan(ticket, "2026-11-26 14:00");
    CHECK(verdict_of(retired) == "unknown_key");
    CHECK_THAT(retired.decision.detail, Catch::Contains("retirée"));

    CHECK(site.count("SELECT count(*) FROM scans") == 5);
    CHECK(site.count("SELECT count(*) FROM scans WHERE ticket_id IS NULL") == 4);
    CHECK(site.count("SELECT count(*) FROM checkins") == 1);
}

TEST_CASE("a moved workshop keeps its tickets", "[checkin]")
{
    test::CheckinFixture site;
    const auto id = site.add_session("rennes", "2026-11-26 14:00", "2026-11-26 16:00");
    const auto ticket = site.ticket_for(id);
    kiosk::SessionStore sessions(site.store());
    auto session = *sessions.find(id);
    session.site = "nancy";
    session.start = at("2026-11-27 10:00");
    session.end = at("2026-11-27 12:00");
    sessions.update(session, at("2026-11-20 10:00"));

    const auto old_place = site.scan(ticket, "2026-11-26 14:00", "rennes");
    CHECK(verdict_of(old_place) == "wrong_site");
    CHECK(old_place.decision.message == "Ce billet est pour Nancy");
    const auto old_day = site.scan(ticket, "2026-11-26 14:00", "nancy");
    CHECK(old_day.decision.message == "Ce billet est pour le vendredi 27 novembre");
    CHECK(verdict_of(site.scan(ticket, "2026-11-27 09:45", "nancy")) == "accepted");
}

TEST_CASE("a session unknown here is judged on its signed site and day", "[checkin]")
{
    test::CheckinFixture site;
    const kiosk::TicketClaims claims{kiosk::TicketId::random(), kiosk::SessionId::random(), "nancy",
                                     *kiosk::parse_day("2026-11-26")};
    const auto ticket = kiosk::sign_ticket(claims, site.key());
    CHECK(site.scan(ticket, "2026-11-26 08:00", "rennes").decision.message ==
          "Ce billet est pour Nancy");
    CHECK(verdict_of(site.scan(ticket, "2026-11-27 08:00", "nancy")) == "wrong_day");
    const auto admitted = site.scan(ticket, "2026-11-26 08:00", "nancy");
    CHECK(verdict_of(admitted) == "accepted");
    CHECK(admitted.decision.message == "Bienvenue\u00A0!");

    // An online session with no site: any site's kiosk admits its ticket holder.
    const kiosk::TicketClaims online{kiosk::TicketId::random(), kiosk::SessionId::random(),
                                     std::nullopt, *kiosk::parse_day("2026-11-26")};
    CHECK(verdict_of(site.scan(kiosk::sign_ticket(online, site.key()), "2026-11-26 18:00",
                               "montpellier")) == "accepted");
}

TEST_CASE("online sessions named by a ticket admit too, private ones without details",
          "[checkin]")
{
    test::CheckinFixture site;
    const auto live = site.add_session(std::nullopt, "2026-11-26 10:00", "2026-11-26 11:30",
                                       kiosk::Kind::Live);
    const auto admitted = site.scan(site.ticket_for(live), "2026-11-26 10:05", "saint-etienne");
    CHECK(verdict_of(admitted) == "accepted");
    const auto early = site.scan(site.ticket_for(live), "2026-11-26 09:00", "saint-etienne");
    CHECK(early.decision.message == "La session commence à 10 h — revenez à 9 h 30");
    const auto privee = site.add_session("rennes", "2026-11-26 15:00", "2026-11-26 16:00",
                                         kiosk::Kind::Privee);
    CHECK(site.scan(site.ticket_for(privee), "2026-11-26 15:00").decision.message ==
          "Bienvenue\u00A0!");
}

TEST_CASE("a full session still admits every ticket holder", "[checkin]")
{
    test::CheckinFixture site;
    const auto id = site.add_session("rennes", "2026-11-26 14:00", "2026-11-26 16:00");
    kiosk::SessionStore sessions(site.store());
    auto session = *sessions.find(id);
    session.capacity = 1;
    session.status = kiosk::Status::Full;
    sessions.update(session, at("2026-11-26 10:00"));
    for (int holder = 0; holder < 3; ++holder)
        CHECK(verdict_of(site.scan(site.ticket_for(id), "2026-11-26 13:50")) == "accepted");
}

TEST_CASE("check-in on the day clocks spring forward", "[checkin][dst]")
{
    test::CheckinFixture site;
    // 29 March 2026: 02:00 becomes 03:00. Doors open at 03:00, a minute after 01:59.
    const auto id = site.add_session("rennes", "2026-03-29 03:30", "2026-03-29 05:00");
    const auto ticket = site.ticket_for(id);
    CHECK(site.scan(ticket, "2026-03-28 23:59").decision.message ==
          "Ce billet est pour le dimanche 29 mars");
    const auto early = site.scan(ticket, "2026-03-29 01:59");
    CHECK(verdict_of(early) == "too_early");
    CHECK(early.decision.message == "L'atelier commence à 3 h 30 — revenez à 3 h");
    CHECK(at("2026-03-29 03:00") - at("2026-03-29 01:59") == std::chrono::minutes{1});
    const auto admitted = site.scan(ticket, "2026-03-29 03:00");
    CHECK(verdict_of(admitted) == "accepted");
    CHECK(site.scan(ticket, "2026-03-29 03:05").decision.message == "Déjà enregistré à 3 h");
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
    CHECK(late.decision.message == "L'entrée est fermée depuis 2 h 45 — adressez-vous à l'accueil");

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
    CHECK(kiosk::admits(doubtful.decision.verdict));
    CHECK(doubtful.decision.message == "Bienvenue\u00A0! Rendez-vous\u00A0: Salle Bréhat");
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

TEST_CASE("staff undo a check-in the same day and the ticket admits again", "[checkin]")
{
    test::CheckinFixture site;
    const auto id = site.add_session("rennes", "2026-11-26 14:00", "2026-11-26 16:00");
    const auto ticket = site.ticket_for(id);
    const auto first = site.scan(ticket, "2026-11-26 13:40");
    REQUIRE(verdict_of(first) == "accepted");
    const auto ticket_id = *first.decision.ticket;

    const auto undone = kiosk::undo_checkin(site.store(), ticket_id, at("2026-11-26 13:45"), "Léa");
    REQUIRE(undone);
    CHECK(undone->checked_in_at == at("2026-11-26 13:40"));
    CHECK_FALSE(kiosk::undo_checkin(site.store(), ticket_id, at("2026-11-26 13:46"), "Léa"));
    const auto again = site.scan(ticket, "2026-11-26 13:50");
    CHECK(verdict_of(again) == "accepted");
    CHECK(site.scan(ticket, "2026-11-26 13:55").decision.message == "Déjà enregistré à 13 h 50");
    CHECK(site.count("SELECT count(*) FROM checkins WHERE undone_by = 'Léa'") == 1);
    CHECK(site.count("SELECT count(*) FROM checkins WHERE undone_at IS NULL") == 1);

    const auto next_day = kiosk::undo_checkin(site.store(), ticket_id, at("2026-11-27 09:00"), "Léa");
    REQUIRE_FALSE(next_day);
    CHECK_THAT(next_day.error(), Catch::Contains("jour même"));
}

TEST_CASE("hostile scans are refused, recorded and sanitised", "[checkin]")
{
    test::CheckinFixture site;
    const std::vector<std::string> inputs{
        std::string("AT:\x01\x02\x1B[31m", 10),
        std::string("AT:\0\0\0", 6),
        "\xC3\x28\xFF\xFE invalide \xED\xA0\x80",
        std::string(10240, 'Z'),
        "AT:" + std::string(10237, '\xE9'),
        "",
    };
    for (const auto& input : inputs) {
        const auto result = site.scan(input, "2026-11-26 14:00");
        CHECK(verdict_of(result) == "not_a_ticket");
    }
    SQLite::Statement rows(site.store().connection(), "SELECT raw, raw_bytes FROM scans");
    std::multiset<std::size_t> recorded_sizes, sizes;
    for (const auto& input : inputs)
        sizes.insert(input.size());
    while (rows.executeStep()) {
        const std::string raw = rows.getColumn(0).getString();
        CHECK(raw.size() <= 256);
        CHECK(kiosk::sanitised_text(raw, 256) == raw); // already clean: valid UTF-8, no controls
        recorded_sizes.insert(static_cast<std::size_t>(rows.getColumn(1).getInt64()));
    }
    CHECK(recorded_sizes == sizes);
}

TEST_CASE("scanned text is cleaned of controls and invalid UTF-8, and cut", "[checkin]")
{
    CHECK(kiosk::sanitised_text("Saint-Étienne", 256) == "Saint-Étienne");
    CHECK(kiosk::sanitised_text(std::string("a\0b\x1B", 4), 256) == "a\uFFFDb\uFFFD");
    CHECK(kiosk::sanitised_text("\xC3\x28", 256) == "\uFFFD(");
    CHECK(kiosk::sanitised_text("\xC0\xAF", 256) == "\uFFFD\uFFFD");       // overlong '/'
    CHECK(kiosk::sanitised_text("\xED\xA0\x80", 256) == "\uFFFD\uFFFD\uFFFD"); // surrogate
    CHECK(kiosk::sanitised_text("\xC2\x85", 256) == "\uFFFD");             // C1 control
    CHECK(kiosk::sanitised_text("ééé", 5) == "éé");
}
