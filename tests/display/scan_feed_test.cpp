// Reading new scans from a real site database: each scan once, this site's only, with the
// visitor's first name and session, the rules' sentence as recorded, and nothing lost in a
// burst or among scans of the same second.

#include "checkin_fixture.hpp"

#include "kiosk_display/scan_feed.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <set>

using kiosk::Verdict;
using kiosk_display::ScanFeed;

namespace {

void name_ticket(kiosk::Store& store, const std::string& payload, const std::string& first_name,
                 const std::string& note = {})
{
    const auto keys = kiosk::TrustedKeys(store).list();
    const auto verified = kiosk::verify_ticket(payload, keys);
    REQUIRE(verified);
    SQLite::Statement update(store.connection(),
                             "UPDATE tickets SET first_name = ?2, note = ?3 WHERE id = ?1");
    update.bind(1, verified->ticket().database_value());
    update.bind(2, first_name);
    update.bind(3, note);
    REQUIRE(update.exec() == 1);
}

} // namespace

TEST_CASE("new scans are read once with first name and session and the rules' sentence",
          "[scans]")
{
    test::CheckinFixture site;
    const auto workshop = site.add_session("rennes", "2026-11-26 09:30", "2026-11-26 11:00");
    const auto marie = site.ticket_for(workshop);
    const auto before = site.ticket_for(workshop);
    name_ticket(site.store(), marie, "Marie");
    site.scan(before, "2026-11-26 09:10"); // already there when the board starts

    ScanFeed feed("rennes");
    feed.skip_existing(site.store(), test::at("2026-11-26 09:20"));
    CHECK(feed.read_new(site.store(), test::at("2026-11-26 09:20")).empty());

    site.scan(marie, "2026-11-26 09:20");
    site.scan(marie, "2026-11-26 09:21");
    const auto events = feed.read_new(site.store(), test::at("2026-11-26 09:20"));
    REQUIRE(events.size() == 2);
    CHECK(events[0].verdict == Verdict::Accepted);
    CHECK(events[0].first_name == "Marie");
    REQUIRE(events[0].session);
    CHECK(events[0].session->room == "Salle Bréhat");
    CHECK(events[0].message == "Bienvenue\u00A0! Rendez-vous\u00A0: Salle Bréhat");
    CHECK(events[1].verdict == Verdict::AlreadyCheckedIn);
    CHECK(events[1].message == "Déjà enregistré à 9 h 20");
    CHECK(feed.read_new(site.store(), test::at("2026-11-26 09:20")).empty());
}

TEST_CASE("scans of another site in the same database are never read", "[scans]")
{
    test::CheckinFixture site;
    const auto rennes = site.add_session("rennes", "2026-11-26 09:30", "2026-11-26 11:00");
    const auto nancy = site.add_session("nancy", "2026-11-26 09:30", "2026-11-26 11:00");
    ScanFeed feed("rennes");
    feed.skip_existing(site.store(), test::at("2026-11-26 09:20"));
    site.scan(site.ticket_for(nancy), "2026-11-26 09:20", "nancy");
    site.scan(site.ticket_for(rennes), "2026-11-26 09:20", "nancy");
    CHECK(feed.read_new(site.store(), test::at("2026-11-26 09:20")).empty());
    // A Nancy ticket shown at Rennes is a Rennes scan: refused, and greeted as such.
    site.scan(site.ticket_for(nancy), "2026-11-26 09:20", "rennes");
    const auto events = feed.read_new(site.store(), test::at("2026-11-26 09:20"));
    REQUIRE(events.size() == 1);
    CHECK(events[0].verdict == Verdict::WrongSite);
    CHECK(events[0].message == "Ce billet est pour Nancy");
}

TEST_CASE("a burst of 50 scans in the same second is read whole and a late one too", "[scans][burst]")
{
    test::CheckinFixture site;
    const auto workshop = site.add_session("rennes", "2026-11-26 09:30", "2026-11-26 11:00");
    ScanFeed feed("rennes");
    feed.skip_existing(site.store(), test::at("2026-11-26 09:20"));
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
    ScanFeed feed("rennes");
    feed.skip_existing(site.store(), test::at("2026-11-26 09:20"));
    site.scan(payload, "2026-11-26 09:20");
    const auto events = feed.read_new(site.store(), test::at("2026-11-26 09:20"));
    REQUIRE(events.size() == 1);
    CHECK(events[0].staff_note);
    CHECK(events[0].first_name == "Zoé");
    const auto banner = kiosk_display::banner_for(events[0]);
    CHECK(banner.hint == "Un membre de l'équipe arrive");
    CHECK(banner.detail.find("fauteuil") == std::string::npos);
}
