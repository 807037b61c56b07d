// Reading the board's data from a real site database, and keeping it current while another
// connection writes.

#include "board_fixtures.hpp"
#include "kiosk/checkin/walkins.hpp"
#include "kiosk/demo/demo.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk_display/board_model.hpp"
#include "kiosk_display/board_source.hpp"
#include "kiosk_display/live_data.hpp"
#include "sql.hpp"
#include "temp_dir.hpp"

#include <chrono>
#include <fstream>
#include <thread>

using namespace kiosk_display;
using test::at;

namespace {

void add_ticket(kiosk::Store& store, kiosk::SessionId session, bool revoked)
{
    test::Sql(store.path())
        .exec(revoked ? "INSERT INTO tickets (id, session_id, issued_at, revoked_at) "
                        "VALUES (?1, ?2, 0, 1)"
                      : "INSERT INTO tickets (id, session_id, issued_at) VALUES (?1, ?2, 0)",
              {kiosk::random_id_value(), session.value()});
}

const SiteSettings rennes{"rennes", "Rennes", kiosk::Minutes{30}};

template <typename Condition> bool eventually(Condition condition, std::chrono::milliseconds limit)
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds{10});
    }
    return condition();
}

} // namespace

TEST_CASE("seats taken count valid tickets and not revoked ones", "[board][source]")
{
    test::TempDir dir;
    kiosk::Store store(dir / "site.db", kiosk::Access::ReadWrite, kiosk::Creation::CreateIfMissing);
    kiosk::SessionStore sessions(store);
    const auto workshop = sessions.add(
        test::session(kiosk::Kind::Atelier, "Atelier", "2026-11-26 14:00", 60), at("2026-11-20 10:00"));
    add_ticket(store, workshop, false);
    add_ticket(store, workshop, false);
    add_ticket(store, workshop, true);

    const auto data = load_board_data(store, rennes, at("2026-11-26 10:00"));
    REQUIRE(data.sessions.size() == 1);
    CHECK(data.seats_taken.at(workshop) == 2);
    const auto board = build_board(data, BoardContext{at("2026-11-26 10:00")});
    CHECK(board.sections.at(0).rows.at(0).badges.back().word == "10 places restantes");
}

TEST_CASE("seats taken count walk-ins, and free absent holders' seats after the grace",
          "[board][source][seats]")
{
    test::TempDir dir;
    kiosk::Store store(dir / "site.db", kiosk::Access::ReadWrite, kiosk::Creation::CreateIfMissing);
    kiosk::SessionStore sessions(store);
    const auto workshop = sessions.add(
        test::session(kiosk::Kind::Atelier, "Atelier", "2026-11-26 14:00", 60), at("2026-11-20 10:00"));
    add_ticket(store, workshop, false);
    add_ticket(store, workshop, false);
    const auto walkin = kiosk::record_walkin(
        store, {workshop, "Camille", "rennes", "accueil", at("2026-11-26 13:40"), "lea"}, {});
    REQUIRE(walkin);
    test::Sql(store.path())
        .exec("INSERT INTO checkins (id, ticket_id, session_id, at_utc, site, device) "
              "SELECT 1, id, session_id, 0, 'rennes', 'entree' FROM tickets LIMIT 1");

    SiteSettings site = rennes;
    site.late_entry_grace = kiosk::Minutes{10};
    const auto before = load_board_data(store, site, at("2026-11-26 14:09"));
    CHECK(before.seats_taken.at(workshop) == 3); // two tickets and Camille
    REQUIRE(before.seats_change_at);
    CHECK(*before.seats_change_at == at("2026-11-26 14:10"));
    const auto after = load_board_data(store, site, at("2026-11-26 14:10"));
    CHECK(after.seats_taken.at(workshop) == 2); // the holder who came, and Camille
    CHECK_FALSE(after.seats_change_at);
}

TEST_CASE("the demo day loads for a site with the next day's first session", "[board][source]")
{
    test::TempDir dir;
    kiosk::Store store(dir / "site.db", kiosk::Access::ReadWrite, kiosk::Creation::CreateIfMissing);
    kiosk::seed_demo(store, *kiosk::parse_day("2026-11-26"), at("2026-11-20 10:00"));
    const auto data = load_board_data(store, rennes, at("2026-11-26 10:00"));
    CHECK(data.sessions.size() == 20); // 6 workshops, 1 private, 5 live, 8 coaching slots
    for (const auto& session : data.sessions)
        CHECK((!session.site || *session.site == "rennes"));
    REQUIRE(data.next_session);
    CHECK(kiosk::format_local_datetime(data.next_session->start) == "2026-11-27 09:00");
    CHECK(site_settings(*kiosk::default_site_config("saint-etienne")).site_name == "Saint-Étienne");
}

TEST_CASE("live data follows another connection's commit and keeps the last good data when the database breaks",
          "[board][source][live]")
{
    test::TempDir dir;
    const auto path = dir / "site.db";
    kiosk::SessionId workshop;
    {
        kiosk::Store store(path, kiosk::Access::ReadWrite, kiosk::Creation::CreateIfMissing);
        workshop = kiosk::SessionStore(store).add(
            test::session(kiosk::Kind::Atelier, "Atelier", "2026-11-26 14:00", 60),
            at("2026-11-20 10:00"));
    }
    LiveData live(path, rennes, kiosk::Clock::frozen(at("2026-11-26 10:00")));
    const auto first = live.latest();
    REQUIRE(first.data->sessions.size() == 1);
    CHECK(first.freshness == Freshness::Current);

    {
        kiosk::Store writer(path, kiosk::Access::ReadWrite);
        kiosk::SessionStore sessions(writer);
        auto session = *sessions.find(workshop);
        session.status = kiosk::Status::Cancelled;
        const auto written = std::chrono::steady_clock::now();
        sessions.update(session, at("2026-11-26 10:00"));
        CHECK(eventually([&] { return live.latest().generation > first.generation; },
                         std::chrono::milliseconds{2000}));
        const auto latency = std::chrono::steady_clock::now() - written;
        INFO("reload latency " << std::chrono::duration_cast<std::chrono::milliseconds>(latency).count() << " ms");
        CHECK(latency < std::chrono::milliseconds{1000});
        CHECK(live.latest().data->sessions.at(0).status == kiosk::Status::Cancelled);
    }

    // Replace the file by something that is not a database at all.
    std::filesystem::remove(path.string() + "-wal");
    std::filesystem::remove(path.string() + "-shm");
    std::filesystem::remove(path);
    std::ofstream(path) << "plus une base de données";
    CHECK(eventually([&] { return live.latest().freshness == Freshness::Stale; },
                     std::chrono::milliseconds{2000}));
    const auto stale = live.latest();
    REQUIRE(stale.data);
    CHECK(stale.data->sessions.size() == 1); // the last good board stays
    CHECK_FALSE(stale.problem.empty());
}
