#include "kiosk/demo/demo.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "sql.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;

namespace {
Instant paris(const std::string& text) { return *parse_local_time(text); }

Session make(std::optional<std::string> site, Kind kind, std::string title, const std::string& start,
             const std::string& end, std::string room = "")
{
    Session session;
    session.site = std::move(site);
    session.kind = kind;
    session.title = std::move(title);
    session.start = paris(start);
    session.end = paris(end);
    session.room = std::move(room);
    return session;
}
} // namespace

TEST_CASE("sessions round-trip every field", "[sessions]")
{
    test::TempDir dir;
    Store store(dir / "site.db", Access::ReadWrite, Creation::CreateIfMissing);
    SessionStore sessions(store);
    auto session = make("saint-etienne", Kind::Atelier, "Créer sa boutique « en ligne »",
                        "2026-11-26 14:00", "2026-11-26 16:00", "Salle Pilat");
    session.tags = {"commerce", "vente"};
    session.trainer = "Hélène Durand";
    session.capacity = 12;
    session.uid = "abc@example";
    const auto now = paris("2026-11-20 09:00");
    const auto id = sessions.add(session, now);
    CHECK(id.is_valid());
    const auto back = sessions.find(id);
    REQUIRE(back);
    CHECK(back->title == session.title);
    CHECK(back->site == session.site);
    CHECK(back->tags == session.tags);
    CHECK(back->capacity == 12);
    CHECK(back->start == session.start);
    CHECK(back->end == session.end);
    CHECK(back->updated_at == now);
    CHECK(sessions.find_by_uid("abc@example")->id == id);
}

TEST_CASE("a site's day holds its own and the national sessions, in start order", "[sessions]")
{
    test::TempDir dir;
    Store store(dir / "site.db", Access::ReadWrite, Creation::CreateIfMissing);
    SessionStore sessions(store);
    const auto now = paris("2026-11-20 09:00");
    sessions.add(make("nancy", Kind::Atelier, "Nancy", "2026-11-26 09:00", "2026-11-26 10:00"), now);
    sessions.add(make("rennes", Kind::Atelier, "Après-midi", "2026-11-26 14:00", "2026-11-26 15:00"), now);
    sessions.add(make(std::nullopt, Kind::Live, "National", "2026-11-26 10:00", "2026-11-26 11:00"), now);
    sessions.add(make("rennes", Kind::Atelier, "Matin", "2026-11-26 09:00", "2026-11-26 10:00"), now);
    sessions.add(make("rennes", Kind::Atelier, "Lendemain", "2026-11-27 00:00", "2026-11-27 01:00"), now);
    sessions.add(make("rennes", Kind::Atelier, "Veille", "2026-11-25 23:59", "2026-11-26 00:30"), now);

    const auto day = sessions.day("rennes", *parse_day("2026-11-26"));
    REQUIRE(day.size() == 3);
    CHECK(day[0].title == "Matin");
    CHECK(day[1].title == "National");
    CHECK(day[2].title == "Après-midi");
}

TEST_CASE("room conflicts ignore other rooms, other sites and cancelled sessions", "[sessions]")
{
    test::TempDir dir;
    Store store(dir / "site.db", Access::ReadWrite, Creation::CreateIfMissing);
    SessionStore sessions(store);
    const auto now = paris("2026-11-20 09:00");
    sessions.add(make("rennes", Kind::Atelier, "A", "2026-11-26 09:00", "2026-11-26 11:00", "Salle 1"), now);
    sessions.add(make("rennes", Kind::Atelier, "B", "2026-11-26 09:00", "2026-11-26 11:00", "Salle 2"), now);
    sessions.add(make("nancy", Kind::Atelier, "C", "2026-11-26 09:00", "2026-11-26 11:00", "Salle 1"), now);
    auto cancelled = make("rennes", Kind::Atelier, "D", "2026-11-26 10:00", "2026-11-26 12:00", "Salle 1");
    cancelled.status = Status::Cancelled;
    sessions.add(cancelled, now);

    auto probe = make("rennes", Kind::Atelier, "New", "2026-11-26 10:30", "2026-11-26 12:00", "Salle 1");
    const auto conflicts = sessions.room_conflicts(probe);
    REQUIRE(conflicts.size() == 1);
    CHECK(conflicts[0].title == "A");
    // Back to back is not an overlap.
    CHECK(sessions.room_conflicts(make("rennes", Kind::Atelier, "E", "2026-11-26 11:00",
                                       "2026-11-26 12:00", "Salle 1")).empty());
}

TEST_CASE("upsert by uid updates in place and reports unchanged rows", "[sessions]")
{
    test::TempDir dir;
    Store store(dir / "site.db", Access::ReadWrite, Creation::CreateIfMissing);
    SessionStore sessions(store);
    const auto now = paris("2026-11-20 09:00");
    auto session = make("rennes", Kind::Atelier, "A", "2026-11-26 09:00", "2026-11-26 11:00");
    session.uid = "event-1";
    CHECK(sessions.upsert_by_uid(session, now) == SessionStore::Upsert::Added);
    CHECK(sessions.upsert_by_uid(session, now) == SessionStore::Upsert::Unchanged);
    const auto id = sessions.find_by_uid("event-1")->id;
    session.title = "A (modifié)";
    CHECK(sessions.upsert_by_uid(session, now) == SessionStore::Upsert::Updated);
    CHECK(sessions.find_by_uid("event-1")->id == id);
    CHECK(sessions.find(id)->title == "A (modifié)");
}

TEST_CASE("the demo seeds every site and is idempotent", "[sessions][demo]")
{
    test::TempDir dir;
    Store store(dir / "site.db", Access::ReadWrite, Creation::CreateIfMissing);
    const auto day = *parse_day("2026-03-29");
    const int written = seed_demo(store, day, paris("2026-03-28 12:00"));
    const auto count = [&] { return test::Sql(store.path()).integer("SELECT count(*) FROM sessions"); };
    CHECK(count() == written);
    seed_demo(store, day, paris("2026-03-28 12:00"));
    CHECK(count() == written);
    SessionStore sessions(store);
    for (const char* site : {"rennes", "nancy", "montpellier", "saint-etienne"}) {
        const auto today = sessions.day(site, day);
        CHECK(today.size() >= 15);
        int workshops = 0, lives = 0, privees = 0, coachings = 0;
        for (const auto& session : today) {
            CHECK_FALSE(validate(session));
            workshops += session.kind == Kind::Atelier;
            lives += session.kind == Kind::Live;
            privees += session.kind == Kind::Privee;
            coachings += session.kind == Kind::Coaching;
        }
        CHECK(workshops >= 4);
        CHECK(lives >= 4);
        CHECK(privees >= 1);
        CHECK(coachings >= 4);
    }
}

TEST_CASE("a session has history once a ticket or a scan names it", "[sessions]")
{
    test::TempDir dir;
    Store store(dir / "site.db", Access::ReadWrite, Creation::CreateIfMissing);
    SessionStore sessions(store);
    const auto now = paris("2026-11-20 09:00");
    const auto quiet = sessions.add(make("rennes", Kind::Atelier, "A", "2026-11-26 09:00", "2026-11-26 10:00"), now);
    const auto ticketed = sessions.add(make("rennes", Kind::Atelier, "B", "2026-11-26 09:00", "2026-11-26 10:00"), now);
    const auto scanned = sessions.add(make("rennes", Kind::Atelier, "C", "2026-11-26 09:00", "2026-11-26 10:00"), now);
    test::Sql database(store.path());
    database.exec("INSERT INTO tickets (id, session_id, issued_at) VALUES (7, ?1, 0)",
                  {ticketed.value()});
    database.exec("INSERT INTO scans (at_utc, site, device, verdict, session_id) "
                  "VALUES (0, 'rennes', 'entree', 'too_early', ?1)",
                  {scanned.value()});
    CHECK_FALSE(sessions.has_history(quiet));
    CHECK(sessions.has_history(ticketed));
    CHECK(sessions.has_history(scanned));
}
