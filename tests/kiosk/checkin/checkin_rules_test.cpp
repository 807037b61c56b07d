// Every verdict, reached on real Paris instants through check_in(), the function every entry
// point uses.

#include "checkin_fixture.hpp"

using test::at;

namespace {

std::string verdict_of(const kiosk::CheckinResult& result)
{
    return std::string(kiosk::to_string(result.decision.verdict()));
}

} // namespace

TEST_CASE("a ticket admits once, then says when its holder came in", "[checkin]")
{
    test::CheckinFixture site;
    const auto session = site.add_session("rennes", "2026-11-26 09:00", "2026-11-26 12:00");
    const auto ticket = site.ticket_for(session);

    const auto first = site.scan(ticket, "2026-11-26 09:02");
    CHECK(verdict_of(first) == "accepted");
    CHECK(first.decision.message() == "Bienvenue\u00A0! Rendez-vous\u00A0: Salle Bréhat");
    CHECK(first.checkin.has_value());
    CHECK(first.decision.session == session);

    const auto second = site.scan(ticket, "2026-11-26 09:10");
    CHECK(verdict_of(second) == "already_checked_in");
    CHECK(second.decision.message() == "Déjà enregistré à 9 h 02");
    CHECK(second.decision.outcome.first_checkin == at("2026-11-26 09:02"));
    CHECK_FALSE(second.checkin.has_value());

    CHECK(site.count("SELECT count(*) FROM scans") == 2);
    CHECK(site.count("SELECT count(*) FROM checkins") == 1);
    CHECK(site.count("SELECT count(*) FROM scans WHERE verdict = 'accepted' AND device = "
                     "'entree' AND site = 'rennes' AND ticket_id IS NOT NULL") == 1);
}

TEST_CASE("a ticket for another site or day names the right one", "[checkin]")
{
    test::CheckinFixture site;
    const auto session = site.add_session("nancy", "2026-11-26 14:00", "2026-11-26 16:00");
    const auto ticket = site.ticket_for(session);

    const auto elsewhere = site.scan(ticket, "2026-11-26 14:00", "rennes");
    CHECK(verdict_of(elsewhere) == "wrong_site");
    CHECK(elsewhere.decision.message() == "Ce billet est pour Nancy");
    const auto before = site.scan(ticket, "2026-11-25 14:00", "nancy");
    CHECK(verdict_of(before) == "wrong_day");
    CHECK(before.decision.message() == "Ce billet est pour le jeudi 26 novembre");
    const auto after = site.scan(ticket, "2026-11-27 14:00", "nancy");
    CHECK(after.decision.message() == "Ce billet était pour le jeudi 26 novembre");
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
    CHECK(revoked.decision.message() == "Ce billet a été annulé — adressez-vous à l'accueil");

    kiosk::SessionStore sessions(site.store());
    auto session = *sessions.find(id);
    session.status = kiosk::Status::Cancelled;
    sessions.update(session, at("2026-11-26 10:00"));
    const auto cancelled = site.scan(kept, "2026-11-26 14:00");
    CHECK(verdict_of(cancelled) == "session_cancelled");
    CHECK(cancelled.decision.message() == "Cette session est annulée — adressez-vous à l'accueil");
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
    CHECK(foreign.decision.message() == "Billet non reconnu — adressez-vous à l'accueil");
    CHECK_FALSE(foreign.decision.ticket.has_value()); // nothing unverified is trusted

    auto bytes = kiosk::signed_ticket_bytes(claims, site.key());
    bytes[30] ^= 0x04;
    const auto forged = site.scan(kiosk::ticket_text(bytes), "2026-11-26 14:00");
    CHECK(verdict_of(forged) == "bad_signature");
    CHECK(forged.decision.message() == "Billet non valide — adressez-vous à l'accueil");

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
    CHECK(old_place.decision.message() == "Ce billet est pour Nancy");
    const auto old_day = site.scan(ticket, "2026-11-26 14:00", "nancy");
    CHECK(old_day.decision.message() == "Ce billet est pour le vendredi 27 novembre");
    CHECK(verdict_of(site.scan(ticket, "2026-11-27 09:45", "nancy")) == "accepted");
}

TEST_CASE("a session unknown here is judged on its signed site and day", "[checkin]")
{
    test::CheckinFixture site;
    const kiosk::TicketClaims claims{kiosk::TicketId::random(), kiosk::SessionId::random(), "nancy",
                                     *kiosk::parse_day("2026-11-26")};
    const auto ticket = kiosk::sign_ticket(claims, site.key());
    CHECK(site.scan(ticket, "2026-11-26 08:00", "rennes").decision.message() ==
          "Ce billet est pour Nancy");
    CHECK(verdict_of(site.scan(ticket, "2026-11-27 08:00", "nancy")) == "wrong_day");
    const auto admitted = site.scan(ticket, "2026-11-26 08:00", "nancy");
    CHECK(verdict_of(admitted) == "accepted");
    CHECK(admitted.decision.message() == "Bienvenue\u00A0!");

    // An online session with no site: any site's kiosk admits its ticket holder.
    const kiosk::TicketClaims online{kiosk::TicketId::random(), kiosk::SessionId::random(),
                                     std::nullopt, *kiosk::parse_day("2026-11-26")};
    CHECK(verdict_of(site.scan(kiosk::sign_ticket(online, site.key()), "2026-11-26 18:00",
                               "montpellier")) == "accepted");
}

TEST_CASE("online sessions named by a ticket admit too, private ones without details", "[checkin]")
{
    test::CheckinFixture site;
    const auto live =
        site.add_session(std::nullopt, "2026-11-26 10:00", "2026-11-26 11:30", kiosk::Kind::Live);
    const auto admitted = site.scan(site.ticket_for(live), "2026-11-26 10:05", "saint-etienne");
    CHECK(verdict_of(admitted) == "accepted");
    const auto early = site.scan(site.ticket_for(live), "2026-11-26 09:00", "saint-etienne");
    CHECK(early.decision.message() == "La session commence à 10 h — revenez à 9 h 30");
    const auto privee =
        site.add_session("rennes", "2026-11-26 15:00", "2026-11-26 16:00", kiosk::Kind::Privee);
    CHECK(site.scan(site.ticket_for(privee), "2026-11-26 15:00").decision.message() ==
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
    CHECK(site.scan(ticket, "2026-11-26 13:55").decision.message() == "Déjà enregistré à 13 h 50");
    CHECK(site.count("SELECT count(*) FROM checkins WHERE undone_by = 'Léa'") == 1);
    CHECK(site.count("SELECT count(*) FROM checkins WHERE undone_at IS NULL") == 1);

    const auto next_day =
        kiosk::undo_checkin(site.store(), ticket_id, at("2026-11-27 09:00"), "Léa");
    REQUIRE_FALSE(next_day);
    CHECK_THAT(next_day.error(), Catch::Contains("jour même"));
}
