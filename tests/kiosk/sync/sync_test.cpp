// What travels, to whom, and that order and repetition do not matter.

#include "sync_fixture.hpp"

#include <algorithm>
#include <functional>
#include <random>

using test::paris;
using test::SyncNetwork;

TEST_CASE("sync: a site gets names only for its own sessions' tickets, last names and e-mails "
          "never",
          "[sync]")
{
    SyncNetwork network;
    const auto rennes_workshop = network.add_session(*network.rennes, "rennes", "Atelier Rennes",
                                                     "2026-11-26 14:00", "2026-11-26 16:00");
    const auto nancy_workshop = network.add_session(*network.nancy, "nancy", "Atelier Nancy",
                                                    "2026-11-26 14:00", "2026-11-26 16:00");
    network.office->apply_ok(network.rennes->export_for(*network.office));
    network.office->apply_ok(network.nancy->export_for(*network.office));
    const auto live = network.add_session(*network.office, std::nullopt, "Télétravail",
                                          "2026-11-26 10:00", "2026-11-26 11:00");
    network.issue(rennes_workshop, "Awa");
    network.issue(nancy_workshop, "Bastien");
    network.issue(live, "Chloé");

    network.rennes->apply_ok(network.office->export_for(*network.rennes));
    auto& rennes = *network.rennes;
    CHECK(rennes.count("SELECT count(*) FROM tickets") == 2);
    CHECK(rennes.count("SELECT count(*) FROM tickets WHERE first_name = 'Awa' AND note = "
                       "'fauteuil'") == 1);
    CHECK(rennes.count("SELECT count(*) FROM tickets WHERE session_id = " +
                       std::to_string(live.value()) + " AND first_name = '' AND note = ''") == 1);
    CHECK(rennes.count("SELECT count(*) FROM tickets WHERE last_name <> '' OR email <> ''") == 0);
    CHECK(rennes.count("SELECT count(*) FROM tickets WHERE session_id = " +
                       std::to_string(nancy_workshop.value())) == 0);
    // Sessions: its own and the national one; never Nancy's workshop.
    CHECK(rennes.count("SELECT count(*) FROM sessions") == 2);
    CHECK(rennes.count("SELECT count(*) FROM sessions WHERE site = 'nancy'") == 0);
    // The office still has everything it had.
    CHECK(network.office->count("SELECT count(*) FROM tickets WHERE email <> ''") == 3);
}

TEST_CASE("sync: the office holds every site's scans, check-ins and walk-ins, told apart by site",
          "[sync]")
{
    SyncNetwork network;
    const auto live = network.add_session(*network.office, std::nullopt, "Lancer son site",
                                          "2026-11-26 10:00", "2026-11-26 11:30");
    const auto ticket = network.issue(live, "Awa");
    network.rennes->apply_ok(network.office->export_for(*network.rennes));
    network.nancy->apply_ok(network.office->export_for(*network.nancy));
    // A national ticket: each site decides offline, so both admit it.
    CHECK(test::scan(*network.rennes, ticket, "2026-11-26 09:45").checkin);
    CHECK(test::scan(*network.nancy, ticket, "2026-11-26 09:50").checkin);
    CHECK_FALSE(test::scan(*network.nancy, ticket, "2026-11-26 09:55").checkin);
    // A walk-in at Rennes, written as the walk-in commands write it.
    test::Sql(network.rennes->store().path())
        .exec("INSERT INTO walkins (id, session_id, site, device, first_name, at_utc) VALUES "
              "(4242, ?1, 'rennes', 'accueil', 'Malo', 1795687200)",
              {live.value()});
    network.office->apply_ok(network.rennes->export_for(*network.office));
    network.office->apply_ok(network.nancy->export_for(*network.office));
    auto& office = *network.office;
    CHECK(office.count("SELECT count(*) FROM scans WHERE site = 'rennes'") == 1);
    CHECK(office.count("SELECT count(*) FROM scans WHERE site = 'nancy'") == 2);
    CHECK(office.count("SELECT count(*) FROM checkins WHERE undone_at IS NULL") == 2);
    CHECK(office.count("SELECT count(DISTINCT site) FROM checkins") == 2);
    CHECK(office.count("SELECT count(*) FROM walkins WHERE site = 'rennes' AND first_name = "
                       "'Malo'") == 1);
}

namespace {

// The same bundles applied once each in order, and twice each in a shuffled order, to two
// fresh copies of the receiver: the databases come out the same.
void check_any_order(const std::vector<std::vector<std::uint8_t>>& bundles,
                     const std::function<std::unique_ptr<test::SyncPeer>()>& make_receiver,
                     unsigned seed)
{
    auto in_order = make_receiver();
    for (const auto& bundle : bundles)
        in_order->apply_ok(bundle);

    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < bundles.size(); ++i)
        order.insert(order.end(), {i, i});
    std::shuffle(order.begin(), order.end(), std::mt19937(seed));
    auto shuffled = make_receiver();
    for (const std::size_t i : order)
        shuffled->apply_ok(bundles[i]);
    INFO("seed " << seed);
    CHECK(shuffled->dump() == in_order->dump());
    CHECK(shuffled->count("SELECT count(*) FROM sync_pending") == 0);
}

} // namespace

// Successive bundles from one database to another, each starting where the previous ended.
struct Stream {
    test::SyncPeer& from;
    const test::SyncPeer& to;
    std::int64_t since = 0;
    std::vector<std::vector<std::uint8_t>> bundles;

    const std::vector<std::uint8_t>& send()
    {
        auto bundle = from.sync().export_for(to.name(), since, paris("2026-11-26 12:00"));
        REQUIRE(bundle);
        since = bundle->header.to_seq;
        bundles.push_back(bundle->bytes);
        return bundles.back();
    }
};

TEST_CASE("sync: bundles applied twice each and in any order give the same databases", "[sync]")
{
    SyncNetwork network;
    auto& office = *network.office;
    auto& rennes = *network.rennes;
    Stream to_office{rennes, office, 0, {}};
    Stream to_rennes{office, rennes, 0, {}};

    // A workshop at Rennes; a national session, another one and two tickets at the office.
    const auto workshop =
        network.add_session(rennes, "rennes", "Atelier", "2026-11-26 14:00", "2026-11-26 16:00");
    office.apply_ok(to_office.send());
    const auto live =
        network.add_session(office, std::nullopt, "Live", "2026-11-26 10:00", "2026-11-26 11:00");
    const auto dropped = network.add_session(office, std::nullopt, "Supprimé", "2026-11-26 12:00",
                                             "2026-11-26 13:00");
    const auto ticket = network.issue(workshop, "Awa");
    network.issue(live, "Chloé");
    rennes.apply_ok(to_rennes.send());

    // Rennes checks in, undoes it, checks in again and moves the workshop; the office
    // revokes the national ticket and deletes a session.
    const auto first = test::scan(rennes, ticket, "2026-11-26 13:40");
    REQUIRE(first.checkin);
    to_office.send();
    REQUIRE(kiosk::undo_checkin(rennes.store(), *first.decision.ticket, paris("2026-11-26 13:42"),
                                "accueil"));
    REQUIRE(test::scan(rennes, ticket, "2026-11-26 13:43").checkin);
    auto edited = *kiosk::SessionStore(rennes.store()).find(workshop);
    edited.room = "Salle Ouessant";
    REQUIRE(kiosk::SessionStore(rennes.store()).update(edited, paris("2026-11-26 13:44")));
    to_office.send();
    to_office.send(); // nothing new: an empty bundle is fine too

    const auto national_ticket = kiosk::TicketId::from_database(
        test::Sql(office.store().path())
            .integer("SELECT id FROM tickets WHERE session_id = ?1", {live.value()}));
    REQUIRE(kiosk::TicketStore(office.store()).revoke(national_ticket, paris("2026-11-26 09:00")));
    to_rennes.send();
    REQUIRE(kiosk::SessionStore(office.store()).remove(dropped));
    to_rennes.send();

    for (unsigned seed = 1; seed <= 4; ++seed) {
        check_any_order(
            to_office.bundles,
            [&] {
                auto receiver = std::make_unique<test::SyncPeer>("office");
                receiver->sync().register_device("rennes", rennes.public_key(),
                                                 paris("2026-11-01 09:00"));
                return receiver;
            },
            seed);
        check_any_order(
            to_rennes.bundles,
            [&] {
                auto receiver = std::make_unique<test::SyncPeer>("rennes");
                kiosk::TrustedKeys(receiver->store())
                    .trust(office.public_key(), paris("2026-11-01 09:00"));
                return receiver;
            },
            seed);
    }

    // And the result is what happened: at the office the undone check-in is undone, the
    // second one stands, the workshop moved; at Rennes the deleted session is gone.
    for (const auto& bundle : to_office.bundles)
        office.apply_ok(bundle);
    CHECK(office.count("SELECT count(*) FROM checkins WHERE undone_at IS NOT NULL") == 1);
    CHECK(office.count("SELECT count(*) FROM checkins WHERE undone_at IS NULL") == 1);
    // The room changed on the day is Rennes's state over the plan, which the office shows.
    CHECK(office.count("SELECT count(*) FROM sessions_now WHERE room = 'Salle Ouessant'") == 1);
    CHECK(office.count("SELECT count(*) FROM session_states WHERE site = 'rennes'") == 1);
    for (const auto& bundle : to_rennes.bundles)
        rennes.apply_ok(bundle);
    CHECK(rennes.count("SELECT count(*) FROM sessions WHERE id = " +
                       std::to_string(dropped.value())) == 0);
    CHECK(rennes.count("SELECT count(*) FROM tickets WHERE revoked_at IS NOT NULL") == 1);
}

TEST_CASE("sync: the live link's bundles stop after so many changes and the next carries on",
          "[sync]")
{
    SyncNetwork network;
    auto& office = *network.office;
    auto& rennes = *network.rennes;
    const auto live =
        network.add_session(office, std::nullopt, "Live", "2026-11-26 10:00", "2026-11-26 11:00");
    for (int i = 0; i < 7; ++i)
        network.issue(live, "Awa");
    const auto end = office.sync().log_position();

    // Each exchange: the office's next bundle of at most 3 changes, then the site's reply
    // saying how far it got.
    std::vector<std::int64_t> ends;
    for (int exchange = 0; exchange < 10; ++exchange) {
        const auto bundle = office.sync().export_for("rennes", std::nullopt,
                                                     paris("2026-11-26 12:00"), std::size_t{3});
        REQUIRE(bundle);
        CHECK(bundle->rows + bundle->deletions <= 3);
        if (bundle->rows + bundle->deletions == 0)
            break;
        ends.push_back(bundle->header.to_seq);
        rennes.apply_ok(bundle->bytes);
        office.apply_ok(rennes.export_for(office));
    }
    // 8 changes (the session, 7 tickets): three bundles, each ending where it stopped.
    REQUIRE(ends.size() == 3);
    CHECK(ends[0] < ends[1]);
    CHECK(ends[1] < ends[2]);
    CHECK(ends[2] == end);
    CHECK(test::Sql(rennes.store().path()).integer("SELECT count(*) FROM tickets") == 7);
    CHECK(office.sync().waiting_for("rennes") == 0);
}
