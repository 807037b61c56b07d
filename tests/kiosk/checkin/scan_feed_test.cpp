// Reading new scans from a real site database, as the board does: each scan once, this site's
// only, with the visitor's first name and session, what the rules said as recorded, and nothing
// lost in a burst, among scans of the same second, or retried with an earlier instant.

#include "checkin_fixture.hpp"
#include "kiosk/checkin/scan_feed.hpp"
#include "kiosk/store/purge.hpp"

#include <fmt/format.h>
#include <set>

using kiosk::ScanFeed;
using kiosk::Verdict;

namespace {

void name_ticket(kiosk::Store& store, const std::string& payload, const std::string& first_name,
                 const std::string& note = {})
{
    const auto keys = kiosk::TrustedKeys(store).list();
    const auto verified = kiosk::verify_ticket(payload, keys);
    REQUIRE(verified);
    REQUIRE(test::Sql(store.path())
                .exec("UPDATE tickets SET first_name = ?2, note = ?3 WHERE id = ?1",
                      {verified->ticket().database_value(), first_name, note}) == 1);
}

} // namespace

TEST_CASE("new scans are read once with first name and session and what the rules said",
          "[scans]")
{
    test::CheckinFixture site;
    const auto workshop = site.add_session("rennes", "2026-11-26 09:30", "2026-11-26 11:00");
    const auto marie = site.ticket_for(workshop);
    const auto before = site.ticket_for(workshop);
    name_ticket(site.store(), marie, "Marie");
    site.scan(before, "2026-11-26 09:10"); // already there when the board starts

    ScanFeed feed(site.store(), "rennes");
    CHECK(feed.read_new(site.store(), test::at("2026-11-26 09:20")).empty());

    site.scan(marie, "2026-11-26 09:20");
    site.scan(marie, "2026-11-26 09:21");
    const auto events = feed.read_new(site.store(), test::at("2026-11-26 09:20"));
    REQUIRE(events.size() == 2);
    CHECK(events[0].outcome.verdict == Verdict::Accepted);
    CHECK(events[0].first_name == "Marie");
    REQUIRE(events[0].outcome.session);
    CHECK(events[0].outcome.session->room == "Salle Bréhat");
    CHECK(kiosk::visitor_sentence(events[0].outcome) ==
          "Bienvenue\u00A0! Rendez-vous\u00A0: Salle Bréhat");
    CHECK(events[1].outcome.verdict == Verdict::AlreadyCheckedIn);
    CHECK(kiosk::visitor_sentence(events[1].outcome) == "Déjà enregistré à 9 h 20");
    CHECK(feed.read_new(site.store(), test::at("2026-11-26 09:20")).empty());
}

TEST_CASE("scans of another site in the same database are never read", "[scans]")
{
    test::CheckinFixture site;
    const auto rennes = site.add_session("rennes", "2026-11-26 09:30", "2026-11-26 11:00");
    const auto nancy = site.add_session("nancy", "2026-11-26 09:30", "2026-11-26 11:00");
    ScanFeed feed(site.store(), "rennes");
    site.scan(site.ticket_for(nancy), "2026-11-26 09:20", "nancy");
    site.scan(site.ticket_for(rennes), "2026-11-26 09:20", "nancy");
    CHECK(feed.read_new(site.store(), test::at("2026-11-26 09:20")).empty());
    // A Nancy ticket shown at Rennes is a Rennes scan: refused, and greeted as such.
    site.scan(site.ticket_for(nancy), "2026-11-26 09:20", "rennes");
    const auto events = feed.read_new(site.store(), test::at("2026-11-26 09:20"));
    REQUIRE(events.size() == 1);
    CHECK(events[0].outcome.verdict == Verdict::WrongSite);
    CHECK(kiosk::visitor_sentence(events[0].outcome) == "Ce billet est pour Nancy");
}

TEST_CASE("a burst of 50 scans in the same second is read whole and a late one too", "[scans][burst]")
{
    test::CheckinFixture site;
    const auto workshop = site.add_session("rennes", "2026-11-26 09:30", "2026-11-26 11:00");
    ScanFeed feed(site.store(), "rennes");
    std::set<std::int64_t> recorded;
    std::set<std::int64_t> read;
    for (int i = 0; i < 50; ++i) {
        recorded.insert(site.scan(site.ticket_for(workshop), "2026-11-26 09:20").scan.value());
        if (i % 7 == 0) // the board reads while the burst is still being written
            for (const auto& event : feed.read_new(site.store(), test::at("2026-11-26 09:20")))
                CHECK(read.insert(event.scan.value()).second);
    }
    // A scan retried after a busy database keeps its earlier instant: still found.
    recorded.insert(site.scan(site.ticket_for(workshop), "2026-11-26 09:18").scan.value());
    for (const auto& event : feed.read_new(site.store(), test::at("2026-11-26 09:20")))
        CHECK(read.insert(event.scan.value()).second);
    CHECK(read == recorded);
}

TEST_CASE("a ticket's staff note is known to the board only as a flag", "[scans]")
{
    test::CheckinFixture site;
    const auto workshop = site.add_session("rennes", "2026-11-26 09:30", "2026-11-26 11:00");
    const auto payload = site.ticket_for(workshop);
    name_ticket(site.store(), payload, "Zoé", "fauteuil roulant : accompagner par l'ascenseur");
    ScanFeed feed(site.store(), "rennes");
    site.scan(payload, "2026-11-26 09:20");
    const auto events = feed.read_new(site.store(), test::at("2026-11-26 09:20"));
    REQUIRE(events.size() == 1);
    CHECK(events[0].staff_note);
    CHECK(events[0].first_name == "Zoé");
    const nlohmann::ordered_json outcome = events[0].outcome;
    CHECK(outcome.dump().find("fauteuil") == std::string::npos);
}

TEST_CASE("yesterday's scans rewritten by a purge are not greeted again", "[scans]")
{
    test::CheckinFixture site;
    const auto yesterday = site.add_session("rennes", "2026-11-25 09:30", "2026-11-25 11:00");
    const auto today = site.add_session("rennes", "2026-11-26 09:30", "2026-11-26 11:00");
    site.scan(site.ticket_for(yesterday), "2026-11-25 09:20");
    ScanFeed feed(site.store(), "rennes");
    // The purge rewrites yesterday's scan (its raw text goes): a change, not a visitor.
    REQUIRE(kiosk::purge_personal_data(site.store(), kiosk::local_day(test::at("2026-11-26 08:00")),
                                       {"claire", test::at("2026-11-26 08:00")})
                .scans == 1);
    CHECK(feed.read_new(site.store(), test::at("2026-11-26 09:20")).empty());
    site.scan(site.ticket_for(today), "2026-11-26 09:20");
    CHECK(feed.read_new(site.store(), test::at("2026-11-26 09:20")).size() == 1);
}

TEST_CASE("staff admit anyway a latecomer, with the reason, and the room never sees a refusal "
          "they typed",
          "[scans][override]")
{
    test::CheckinFixture site;
    const auto workshop = site.add_session("rennes", "2026-11-26 09:30", "2026-11-26 11:00");
    const auto payload = site.ticket_for(workshop);
    const auto keys = kiosk::TrustedKeys(site.store()).list();
    const auto ticket = kiosk::verify_ticket(payload, keys)->ticket();
    ScanFeed feed(site.store(), "rennes");
    const auto late = test::at("2026-11-26 10:20"); // the doors closed at 9 h 45

    // Typed by staff without a reason: refused, and not a banner.
    kiosk::ManualCheckin manual{ticket, "rennes", "console", "lea",
                                late,   kiosk::ClockTrust::Synchronised, ""};
    const auto refused = kiosk::check_in_by_hand(site.store(), manual, {});
    CHECK(refused.decision.verdict() == Verdict::Closed);
    CHECK_FALSE(refused.admitted());
    CHECK(feed.read_new(site.store(), late).empty());

    // With a reason: admitted, counted like any check-in, the reason kept.
    manual.override_reason = "Bus en retard, prévenu par téléphone";
    const auto admitted = kiosk::check_in_by_hand(site.store(), manual, {});
    CHECK(admitted.admitted());
    CHECK_THAT(admitted.decision.detail,
               Catch::Contains("admis quand même par lea : Bus en retard") &&
                   Catch::Contains("L'entrée est fermée depuis 9 h 45"));
    test::Sql sql(site.store().path());
    CHECK(sql.text("SELECT kind || '|' || override_reason FROM checkins") ==
          "manual|Bus en retard, prévenu par téléphone");
    const auto greeted = feed.read_new(site.store(), late);
    REQUIRE(greeted.size() == 1);
    CHECK(greeted[0].outcome.verdict == Verdict::Accepted);

    // Never a revoked ticket, whatever the reason.
    const auto other = site.ticket_for(workshop);
    const auto other_ticket = kiosk::verify_ticket(other, keys)->ticket();
    REQUIRE(kiosk::TicketStore(site.store()).revoke(other_ticket, late));
    manual.ticket = other_ticket;
    CHECK_FALSE(kiosk::check_in_by_hand(site.store(), manual, {}).admitted());
    CHECK(sql.integer("SELECT count(*) FROM checkins") == 1);
}
