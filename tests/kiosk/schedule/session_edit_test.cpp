// Editing sessions the way staff mean it, and the rule for two people editing one session:
// the later save, based on what its author saw, is refused once the session changed.

#include "kiosk/schedule/session_edit.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;

namespace {

Instant at(const char* local) { return *parse_local_time(local); }

struct Site {
    test::TempDir dir;
    Store store{dir / "site.db", Access::ReadWrite, Creation::CreateIfMissing};
    SessionId workshop;
    Instant now = at("2026-11-26 09:00");

    Site()
    {
        Session session;
        session.site = "rennes";
        session.title = "Découvrir les outils numériques";
        session.room = "Salle Bréhat";
        session.capacity = 12;
        session.start = at("2026-11-26 14:30");
        session.end = at("2026-11-26 16:00");
        workshop = SessionStore(store).add(session, now);
    }

    Session current() { return *SessionStore(store).find(workshop); }
};

} // namespace

TEST_CASE("a room change remembers the old room and a delay marks the session", "[sessions]")
{
    Site site;
    SessionChange room;
    room.room = "Fab lab";
    auto saved = save_change(site.store, site.workshop, room, "", nullptr, site.now);
    REQUIRE(saved);
    CHECK(saved->before.room == "Salle Bréhat");
    CHECK(site.current().previous_room == "Salle Bréhat");
    CHECK(site.current().status == Status::RoomChanged);

    SessionChange delay;
    delay.delay_minutes = 15;
    REQUIRE(save_change(site.store, site.workshop, delay, "", nullptr, site.now));
    CHECK(site.current().status == Status::Delayed);
    CHECK(site.current().effective_start() == at("2026-11-26 14:45"));

    SessionChange moved;
    moved.start = at("2026-11-26 15:00");
    REQUIRE(save_change(site.store, site.workshop, moved, "", nullptr, site.now));
    CHECK(site.current().end == at("2026-11-26 16:30")); // keeps its length

    SessionChange end_time;
    end_time.end_time_of_day = "17:00";
    REQUIRE(save_change(site.store, site.workshop, end_time, "", nullptr, site.now));
    CHECK(site.current().end == at("2026-11-26 17:00"));
}

TEST_CASE("the later of two edits based on the same view is refused", "[sessions]")
{
    Site site;
    const std::string seen = session_fingerprint(site.current());
    SessionChange first;
    first.delay_minutes = 10;
    REQUIRE(save_change(site.store, site.workshop, first, seen, nullptr, site.now));

    SessionChange second;
    second.room = "Fab lab";
    const auto refused = save_change(site.store, site.workshop, second, seen, nullptr, site.now);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().reason == SaveRefusal::ChangedMeanwhile);
    CHECK(site.current().room == "Salle Bréhat");
    CHECK(site.current().delay_minutes == 10);

    // Seen afresh, the same change goes through.
    REQUIRE(save_change(site.store, site.workshop, second, session_fingerprint(site.current()),
                        nullptr, site.now));
    CHECK(site.current().room == "Fab lab");
}

TEST_CASE("a change that breaks a rule or names a missing session writes nothing", "[sessions]")
{
    Site site;
    const Session before = site.current();
    SessionChange backwards;
    backwards.end = at("2026-11-26 14:00");
    const auto invalid = save_change(site.store, site.workshop, backwards,
                                     session_fingerprint(before), nullptr, site.now);
    REQUIRE_FALSE(invalid);
    CHECK(invalid.error().reason == SaveRefusal::Invalid);
    REQUIRE(invalid.error().problem);
    CHECK(session_fingerprint(site.current()) == session_fingerprint(before));

    SessionChange gap;
    gap.start = at("2027-03-28 01:00");
    gap.end_time_of_day = "02:30"; // does not exist that night
    const auto missing_hour = save_change(site.store, site.workshop, gap, "", nullptr, site.now);
    REQUIRE_FALSE(missing_hour);
    CHECK(missing_hour.error().problem->field == "end");

    CHECK(save_change(site.store, SessionId::random(), gap, "", nullptr, site.now).error().reason ==
          SaveRefusal::Missing);
}
