// Who owns what between the office and the sites: the plan of a session is its planner's, the
// day-of state is the site's, the same calendar imported at both ends never wedges sync, and
// the office's notices reach the boards it names.

#include "kiosk/schedule/notice.hpp"
#include "kiosk/schedule/schedule_import.hpp"
#include "kiosk/schedule/session_edit.hpp"
#include "kiosk/store/audit.hpp"
#include "sync_fixture.hpp"

#include <fmt/format.h>

namespace {

using test::paris;
using test::SyncPeer;

// Both ways, twice: what the live link does in a few seconds.
void exchange(SyncPeer& office, SyncPeer& site)
{
    for (int round = 0; round < 2; ++round) {
        office.apply_ok(site.export_for(office));
        site.apply_ok(office.export_for(site));
    }
}

const std::string calendar = R"(BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Atelier numérique//Agenda de Rennes//FR
BEGIN:VEVENT
UID:tableur@atelier-rennes
DTSTART:20261126T130000Z
DTEND:20261126T150000Z
SUMMARY:Tableur pour débuter
LOCATION:Salle Bréhat
END:VEVENT
BEGIN:VEVENT
UID:photos@atelier-rennes
DTSTART:20261127T090000Z
DTEND:20261127T110000Z
SUMMARY:Ranger ses photos
LOCATION:Salle Ouessant
END:VEVENT
END:VCALENDAR
)";

kiosk::ImportReport import_at(SyncPeer& peer, const std::string& text)
{
    kiosk::ImportOptions options;
    options.site = "rennes";
    options.range_begin = paris("2026-11-01 00:00");
    options.range_end = paris("2026-12-01 00:00");
    auto report = kiosk::import_schedule_text(peer.store(), text, "rennes.ics", options,
                                              paris("2026-11-20 09:00"));
    INFO((report ? std::string() : report.error().to_string()));
    REQUIRE(report);
    return *report;
}

kiosk::Session session_titled(SyncPeer& peer, const std::string& title)
{
    const auto id = test::Sql(peer.store().path())
                        .integer("SELECT id FROM sessions WHERE title = ?1", {title});
    return *kiosk::SessionStore(peer.store()).find(kiosk::SessionId{id});
}

kiosk::SessionChange delay_of(int minutes)
{
    kiosk::SessionChange change;
    change.delay_minutes = minutes;
    return change;
}

} // namespace

TEST_CASE("sync: the same calendar imported at the office and at the site never wedges",
          "[sync][ownership]")
{
    test::SyncNetwork network;
    auto& office = *network.office;
    auto& rennes = *network.rennes;

    // Both import before either hears from the other: the same sessions, the same ids.
    CHECK(import_at(rennes, calendar).added.size() == 2);
    CHECK(import_at(office, calendar).added.size() == 2);
    exchange(office, rennes);
    CHECK(office.count("SELECT count(*) FROM sessions") == 2);
    CHECK(rennes.count("SELECT count(*) FROM sessions") == 2);
    CHECK(test::Sql(office.store().path()).rows("SELECT id, planner FROM sessions ORDER BY id") ==
          test::Sql(rennes.store().path()).rows("SELECT id, planner FROM sessions ORDER BY id"));
    // The office planned them: it plans any site's workshops, and its plan wins.
    CHECK(rennes.count("SELECT count(*) FROM sessions WHERE planner = 'office'") == 2);

    // The site imports again, the office renames one: nothing refused, the office's title
    // everywhere, and the site's import says why it left them alone.
    const auto again = import_at(rennes, calendar);
    CHECK(again.skipped.size() == 2);
    CHECK_THAT(again.skipped.front().reason, Catch::Contains("planifiée par le bureau"));
    auto renamed = session_titled(office, "Tableur pour débuter");
    renamed.title = "Tableur : les bases";
    REQUIRE(kiosk::SessionStore(office.store()).update(renamed, paris("2026-11-21 09:00")));
    exchange(office, rennes);
    CHECK(session_titled(rennes, "Tableur : les bases").id == renamed.id);
    CHECK(import_at(office, calendar).updated.size() == 1); // the calendar's title again
    exchange(office, rennes);
    CHECK(rennes.count("SELECT count(*) FROM sessions WHERE title = 'Tableur pour débuter'") == 1);
}

TEST_CASE("sync: the day-of state is the site's, whoever planned the session",
          "[sync][ownership]")
{
    test::SyncNetwork network;
    auto& office = *network.office;
    auto& rennes = *network.rennes;
    const auto workshop = network.add_session(office, "rennes", "Atelier tableur",
                                              "2026-11-26 14:00", "2026-11-26 16:00");
    exchange(office, rennes);

    // Staff at Rennes delay it and move it: the office sees it; its plan is untouched.
    auto delayed = kiosk::save_change(rennes.store(), workshop, delay_of(15), "", nullptr,
                                      paris("2026-11-26 13:50"));
    REQUIRE(delayed);
    kiosk::SessionChange move;
    move.room = "Salle Ouessant";
    REQUIRE(kiosk::save_change(rennes.store(), workshop, move, "", nullptr,
                               paris("2026-11-26 13:52")));
    exchange(office, rennes);
    const auto seen = *kiosk::SessionStore(office.store()).find(workshop);
    CHECK(seen.delay_minutes == 15);
    CHECK(seen.room == "Salle Ouessant");
    CHECK(seen.previous_room == "Salle Bréhat");
    CHECK(office.count("SELECT count(*) FROM sessions WHERE room = 'Salle Bréhat' AND "
                       "delay_min = 0 AND planner = 'office'") == 1);

    // The office retitles it: Rennes gets the title and keeps its delay and room.
    kiosk::SessionChange retitle;
    retitle.title = "Tableur : les bases";
    REQUIRE(kiosk::save_change(office.store(), workshop, retitle, "", nullptr,
                               paris("2026-11-26 13:55")));
    exchange(office, rennes);
    const auto at_rennes = *kiosk::SessionStore(rennes.store()).find(workshop);
    CHECK(at_rennes.title == "Tableur : les bases");
    CHECK(at_rennes.delay_minutes == 15);
    CHECK(at_rennes.room == "Salle Ouessant");

    // Rennes may not change the office's plan: refused, saying whose it is, nothing written.
    const auto before = rennes.full_dump();
    kiosk::SessionChange rename;
    rename.title = "Autre titre";
    const auto refused = kiosk::save_change(rennes.store(), workshop, rename, "", nullptr,
                                            paris("2026-11-26 13:56"));
    REQUIRE_FALSE(refused);
    CHECK(refused.error().reason == kiosk::SaveRefusal::NotPlanner);
    CHECK_THAT(refused.error().problem->message, Catch::Contains("planifiée par le bureau"));
    CHECK_THROWS_WITH(kiosk::SessionStore(rennes.store()).remove(workshop),
                      Catch::Contains("planifiée par le bureau"));
    CHECK(rennes.full_dump() == before);

    // The office cancels: cancelled at Rennes whatever its day-of state said.
    kiosk::SessionChange cancel;
    cancel.status = kiosk::Status::Cancelled;
    REQUIRE(kiosk::save_change(office.store(), workshop, cancel, "", nullptr,
                               paris("2026-11-26 13:58")));
    exchange(office, rennes);
    CHECK(kiosk::SessionStore(rennes.store()).find(workshop)->status == kiosk::Status::Cancelled);
}

TEST_CASE("sync: the office takes a site's session over and the site's change meanwhile gives way",
          "[sync][ownership]")
{
    test::SyncNetwork network;
    auto& office = *network.office;
    auto& rennes = *network.rennes;
    const auto workshop = network.add_session(rennes, "rennes", "Atelier du site",
                                              "2026-11-26 14:00", "2026-11-26 16:00");
    exchange(office, rennes);
    CHECK(office.count("SELECT count(*) FROM sessions WHERE planner = 'rennes'") == 1);

    // Both change the plan before hearing from each other.
    auto at_office = *kiosk::SessionStore(office.store()).find(workshop);
    at_office.title = "Atelier repris par le bureau";
    REQUIRE(kiosk::SessionStore(office.store()).update(at_office, paris("2026-11-20 09:00")));
    auto at_site = *kiosk::SessionStore(rennes.store()).find(workshop);
    at_site.trainer = "Yannick Moreau";
    REQUIRE(kiosk::SessionStore(rennes.store()).update(at_site, paris("2026-11-20 09:01")));

    const auto from_site = rennes.sync().export_for("office", std::nullopt, paris("2026-11-20 09:02"));
    REQUIRE(from_site);
    const auto applied = office.apply(from_site->bytes);
    REQUIRE(applied); // not refused: sync goes on
    CHECK(applied->superseded == 1);
    rennes.apply_ok(office.export_for(rennes));
    const auto settled = *kiosk::SessionStore(rennes.store()).find(workshop);
    CHECK(settled.title == "Atelier repris par le bureau");
    CHECK(settled.trainer.empty());
    CHECK(settled.planner == "office");
    exchange(office, rennes);
    CHECK(office.dump().find("Yannick") == std::string::npos);
    CHECK(test::Sql(office.store().path()).rows("SELECT * FROM sessions") ==
          test::Sql(rennes.store().path()).rows("SELECT * FROM sessions"));
    // The office's audit trail says what it applied.
    CHECK(office.count("SELECT count(*) FROM audit_log WHERE actor = 'sync:rennes' AND "
                       "action = 'sync.apply' AND after_state LIKE '%\"superseded\":1%'") == 1);
}

TEST_CASE("sync: a site plans only its own sessions", "[sync][ownership]")
{
    test::SyncNetwork network;
    auto& rennes = *network.rennes;
    const auto before = rennes.full_dump();
    CHECK_THROWS_WITH(network.add_session(rennes, "nancy", "Atelier de Nancy", "2026-11-26 14:00",
                                          "2026-11-26 16:00"),
                      Catch::Contains("ne planifie que ses propres sessions"));
    CHECK_THROWS_WITH(network.add_session(rennes, std::nullopt, "Live", "2026-11-26 10:00",
                                          "2026-11-26 11:00"),
                      Catch::Contains("se planifie au bureau"));
    CHECK(rennes.full_dump() == before);
}

TEST_CASE("sync: two sessions with one uid, left by an older version, make way instead of "
          "wedging",
          "[sync][ownership]")
{
    test::SyncNetwork network;
    auto& office = *network.office;
    auto& rennes = *network.rennes;
    // As before ids came from uids: the office and Rennes each hold the calendar's workshop
    // under its own id, and the office issued a ticket for its copy.
    const auto uid = std::string("import:rennes:tableur@atelier-rennes");
    for (auto* peer : {&office, &rennes})
        test::Sql(peer->store().path())
            .exec("INSERT INTO sessions (id, uid, site, planner, kind, title, start_utc, end_utc, "
                  "updated_at) VALUES (?1, ?2, 'rennes', 'rennes', 'atelier', 'Tableur', "
                  "1795705200, 1795712400, 1795600000)",
                  {peer == &office ? std::int64_t{1111} : std::int64_t{2222}, uid});
    network.issue(kiosk::SessionId{1111}, "Awa");
    const auto untouched = test::Sql(rennes.store().path()).integer(
        "SELECT count(*) FROM sessions");
    REQUIRE(untouched == 1);

    // Rennes's copy reaches the office: the office's, with a ticket, keeps its id without
    // the uid; nothing refused.
    office.apply_ok(rennes.export_for(office));
    CHECK(office.count("SELECT count(*) FROM sessions WHERE uid IS NULL AND id = 1111") == 1);
    CHECK(office.count("SELECT count(*) FROM sessions WHERE id = 2222") == 1);
    CHECK(office.count("SELECT count(*) FROM tickets WHERE session_id = 1111") == 1);
    CHECK(office.count("SELECT count(*) FROM audit_log WHERE action = 'session.uid_released' "
                       "AND target = '" +
                       kiosk::SessionId{1111}.to_string() + "'") == 1);

    // Without history, the session here makes way altogether.
    test::Sql(rennes.store().path())
        .exec("INSERT INTO sessions (id, uid, site, planner, kind, title, start_utc, end_utc, "
              "updated_at) VALUES (3333, 'import:rennes:photos', 'rennes', 'rennes', 'atelier', "
              "'Photos', 1795705200, 1795712400, 1795600000)");
    test::Sql(office.store().path())
        .exec("INSERT INTO sessions (id, uid, site, planner, kind, title, start_utc, end_utc, "
              "updated_at) VALUES (4444, 'import:rennes:photos', 'rennes', 'rennes', 'atelier', "
              "'Photos', 1795705200, 1795712400, 1795600000)");
    office.apply_ok(rennes.export_for(office));
    CHECK(office.count("SELECT count(*) FROM sessions WHERE uid = 'import:rennes:photos'") == 1);
    CHECK(office.count("SELECT count(*) FROM sessions WHERE id = 4444") == 0);
    CHECK(office.count("SELECT count(*) FROM audit_log WHERE action = 'session.merged'") == 1);
}

TEST_CASE("sync: the office's notice reaches the boards it names and is cleared everywhere",
          "[sync][notices]")
{
    test::SyncNetwork network;
    auto& office = *network.office;
    auto& rennes = *network.rennes;
    auto& nancy = *network.nancy;
    const auto now = paris("2026-11-26 09:00");

    const std::vector<std::string> all{"rennes", "nancy", "montpellier", "saint-etienne"};
    const auto posted = kiosk::NoticeStore(office.store())
                            .add_to_sites(all, "Fermeture à 16 h ce soir", kiosk::NoticeLevel::Info,
                                          std::nullopt, now);
    REQUIRE(posted);
    CHECK(posted->size() == 4);
    const auto only_nancy = kiosk::NoticeStore(office.store())
                                .add(std::string("nancy"), "Réseau coupé à Nancy",
                                     kiosk::NoticeLevel::Alerte, std::nullopt, now);
    REQUIRE(only_nancy);
    exchange(office, rennes);
    exchange(office, nancy);
    const auto up_at_rennes = kiosk::NoticeStore(rennes.store()).active("rennes", now);
    REQUIRE(up_at_rennes.size() == 1);
    CHECK(up_at_rennes.front().author == "office");
    CHECK(rennes.count("SELECT count(*) FROM notices") == 1); // not Nancy's, not the others'
    CHECK(kiosk::NoticeStore(nancy.store()).active("nancy", now).size() == 2);

    // A site posts its own (it reaches the office, not the other sites) and cannot take the
    // office's down.
    REQUIRE(kiosk::NoticeStore(rennes.store())
                .add(std::string("rennes"), "Salle 2 fermée", kiosk::NoticeLevel::Info,
                     std::nullopt, now));
    const auto refused =
        kiosk::NoticeStore(rennes.store()).clear("rennes", up_at_rennes.front().id, now);
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error(), Catch::Contains("vient du bureau"));
    CHECK(*kiosk::NoticeStore(rennes.store()).clear("rennes", std::nullopt, now) == 1);
    CHECK(kiosk::NoticeStore(rennes.store()).active("rennes", now).size() == 1);
    exchange(office, rennes);
    exchange(office, nancy);
    CHECK(nancy.count("SELECT count(*) FROM notices WHERE author = 'rennes'") == 0);
    CHECK(office.count("SELECT count(*) FROM notices WHERE author = 'rennes'") == 1);

    // The office clears its notice by one id: gone from every board.
    REQUIRE(*kiosk::NoticeStore(office.store()).clear("office", posted->front().id, now) == 4);
    exchange(office, rennes);
    exchange(office, nancy);
    CHECK(kiosk::NoticeStore(rennes.store()).active("rennes", now).empty());
    CHECK(kiosk::NoticeStore(nancy.store()).active("nancy", now).size() == 1);

    // A site cannot post for another; nothing is written.
    const auto elsewhere = kiosk::NoticeStore(rennes.store())
                               .add(std::string("nancy"), "Message", kiosk::NoticeLevel::Info,
                                    std::nullopt, now);
    REQUIRE_FALSE(elsewhere);
    CHECK_THAT(elsewhere.error(), Catch::Contains("passez par le bureau"));
}
