// A year of attendance at the four sites: how long `kioskctl attendance` takes over 100 000+
// check-ins (target: under a second), beside two baselines measured in the same run — one bare
// pass over the check-ins (the floor: reading them at all) and the obvious way, one set of
// queries per session. Then the people trained over the same year (`attendance --trained`),
// with 30 000 online participants besides, against the same targets.

#include "kiosk/reports/attendance.hpp"

#include "kiosk/base/ids.hpp"
#include "kiosk/base/site.hpp"
#include "kiosk/reports/attendance_export.hpp"
#include "kiosk/reports/people_trained.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk/store/purge.hpp"
#include "store/database.hpp" // the benchmark writes its baseline through the core's own connection

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <random>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

// Sessions every working day of 2026 at each site, each with tickets, most holders admitted,
// a few walk-ins and refusals: rows written directly, since the check-in path is measured
// elsewhere (bench_checkin).
int seed_year(kiosk::Store& store, int sessions_per_day, int tickets_per_session)
{
    std::mt19937 random(2026);
    int checkins = 0;
    store.write([&] {
        SQLite::Statement ticket(kiosk::database_of(store),
                                 "INSERT INTO tickets (id, session_id, first_name, issued_at)"
                                 " VALUES (?1, ?2, 'Marie', ?3)");
        SQLite::Statement scan(kiosk::database_of(store),
                               "INSERT INTO scans (id, at_utc, site, device, verdict, ticket_id,"
                               " session_id) VALUES (?1, ?2, ?3, 'entree', ?4, ?5, ?6)");
        SQLite::Statement checkin(kiosk::database_of(store),
                                  "INSERT INTO checkins (id, ticket_id, session_id, scan_id,"
                                  " at_utc, site, device) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
                                  " 'entree')");
        SQLite::Statement walkin(kiosk::database_of(store),
                                 "INSERT INTO walkins (id, session_id, site, device, first_name,"
                                 " at_utc) VALUES (?1, ?2, ?3, 'accueil', 'Paul', ?4)");
        kiosk::SessionStore sessions(store);
        auto day = date::sys_days{date::year{2026} / 1 / 1};
        for (; day < date::sys_days{date::year{2027} / 1 / 1}; day += date::days{1}) {
            const date::weekday weekday{day};
            if (weekday == date::Saturday || weekday == date::Sunday)
                continue;
            for (const auto& site : kiosk::all_sites())
                for (int slot = 0; slot < sessions_per_day; ++slot) {
                    kiosk::Session session;
                    session.site = std::string(site.id());
                    session.title = fmt::format("Atelier {}", slot);
                    session.room = "Salle 1";
                    session.capacity = tickets_per_session + 4;
                    session.start = *kiosk::parse_local_time(fmt::format(
                        "{} {:02}:00", kiosk::format_day(date::year_month_day{day}),
                        9 + 2 * slot));
                    session.end = session.start + std::chrono::hours{2};
                    const auto id = sessions.add(session, session.start);
                    for (int holder = 0; holder < tickets_per_session; ++holder) {
                        const auto ticket_id = kiosk::random_id_value();
                        ticket.reset();
                        ticket.bind(1, ticket_id);
                        ticket.bind(2, id.value());
                        ticket.bind(3, kiosk::unix_seconds(session.start) - 86400);
                        ticket.exec();
                        if (random() % 10 == 0)
                            continue; // a no-show
                        const auto at = kiosk::unix_seconds(session.start) - 1800 +
                                        static_cast<std::int64_t>(random() % 2700);
                        const auto scan_id = kiosk::random_id_value();
                        scan.reset();
                        scan.bind(1, scan_id);
                        scan.bind(2, at);
                        scan.bind(3, std::string(site.id()));
                        scan.bind(4, "accepted");
                        scan.bind(5, ticket_id);
                        scan.bind(6, id.value());
                        scan.exec();
                        checkin.reset();
                        checkin.bind(1, kiosk::random_id_value());
                        checkin.bind(2, ticket_id);
                        checkin.bind(3, id.value());
                        checkin.bind(4, scan_id);
                        checkin.bind(5, at);
                        checkin.bind(6, std::string(site.id()));
                        checkin.exec();
                        ++checkins;
                        if (random() % 20 == 0) { // shown again: already checked in
                            scan.reset();
                            scan.bind(1, kiosk::random_id_value());
                            scan.bind(2, at + 60);
                            scan.bind(3, std::string(site.id()));
                            scan.bind(4, "already_checked_in");
                            scan.bind(5, ticket_id);
                            scan.bind(6, id.value());
                            scan.exec();
                        }
                    }
                    walkin.reset();
                    walkin.bind(1, kiosk::random_id_value());
                    walkin.bind(2, id.value());
                    walkin.bind(3, std::string(site.id()));
                    walkin.bind(4, kiosk::unix_seconds(session.start));
                    walkin.exec();
                }
        }
    });
    return checkins;
}

// Who held the tickets: 35 000 people, most of whom came more than once (the network's year).
// The tickets of a session, numbered in a row, get different people (7919 and 35 000 share no
// factor).
constexpr int people_pool = 35'000;

void give_holders(kiosk::Store& store)
{
    store.write([&] {
        kiosk::database_of(store).exec(fmt::format(
            "UPDATE tickets SET holder = 'email:p' || ((numbered.n * 7919) % {0}) || '@exemple.fr'"
            " FROM (SELECT id, row_number() OVER (ORDER BY session_id, id) AS n FROM tickets)"
            " AS numbered WHERE tickets.id = numbered.id",
            people_pool));
    });
}

// 30 000 online participants in 600 national live sessions of the year, two in three present;
// half of them also came to a site (the same identities as the tickets' holders).
int seed_online(kiosk::Store& store)
{
    std::mt19937 random(30'000);
    int participants = 0;
    store.write([&] {
        const kiosk::PersonKeys keys(store, kiosk::SaltUse::ToKeep);
        SQLite::Statement insert(kiosk::database_of(store),
                                 "INSERT OR IGNORE INTO online_attendance (session_id, person_key,"
                                 " matched_by, name, email, minutes, present)"
                                 " VALUES (?1, ?2, 'email', 'Marie', ?3, ?4, ?5)");
        kiosk::SessionStore sessions(store);
        for (int index = 0; index < 600; ++index) {
            kiosk::Session session;
            session.kind = kiosk::Kind::Live;
            session.title = fmt::format("Webinaire {}", index);
            const auto day = date::sys_days{date::year{2026} / 1 / 5} + date::days{index * 7 / 12};
            session.start = *kiosk::parse_local_time(
                fmt::format("{} 18:00", kiosk::format_day(date::year_month_day{day})));
            session.end = session.start + std::chrono::minutes{90};
            const auto id = sessions.add(session, session.start);
            for (int person = 0; person < 50; ++person) {
                const auto number = static_cast<int>(random() % (2 * people_pool));
                const auto email = fmt::format("p{}@exemple.fr", number);
                const auto key = keys.key("email:" + email);
                const int minutes = static_cast<int>(random() % 90);
                insert.reset();
                insert.bind(1, id.value());
                insert.bind(2, key.data(), static_cast<int>(key.size()));
                insert.bind(3, email);
                insert.bind(4, minutes);
                insert.bind(5, minutes >= 30 ? 1 : 0);
                participants += insert.exec();
            }
        }
    });
    return participants;
}

template <typename Work> double best_of(int runs, Work&& work)
{
    double best = 1e300;
    for (int run = 0; run < runs; ++run) {
        const auto begin = Clock::now();
        work();
        best = std::min(best,
                        std::chrono::duration<double, std::milli>(Clock::now() - begin).count());
    }
    return best;
}

// The obvious way: for each session, count its tickets, check-ins and walk-ins.
int per_session_queries(kiosk::Store& store, kiosk::AttendanceScope scope)
{
    const auto sessions = kiosk::SessionStore(store).between(
        scope.site, kiosk::local_day_range(scope.from).begin, kiosk::local_day_range(scope.to).end);
    int total = 0;
    SQLite::Statement tickets(kiosk::database_of(store),
                              "SELECT count(*) FROM tickets WHERE session_id = ?1"
                              " AND revoked_at IS NULL");
    SQLite::Statement checkins(kiosk::database_of(store),
                               "SELECT count(*), min(at_utc), max(at_utc) FROM checkins"
                               " WHERE session_id = ?1 AND undone_at IS NULL");
    SQLite::Statement walkins(kiosk::database_of(store),
                              "SELECT count(*) FROM walkins WHERE session_id = ?1"
                              " AND undone_at IS NULL");
    for (const auto& session : sessions)
        for (auto* statement : {&tickets, &checkins, &walkins}) {
            statement->reset();
            statement->bind(1, session.id.value());
            statement->executeStep();
            total += statement->getColumn(0).getInt();
        }
    return total;
}

} // namespace

int main(int argc, char** argv)
{
    const int tickets_per_session = argc > 1 ? std::max(1, std::atoi(argv[1])) : 30;
    std::random_device random;
    const auto dir =
        std::filesystem::temp_directory_path() / fmt::format("kiosk-bench-{}", random());
    std::filesystem::create_directories(dir);
    {
        kiosk::Store store(dir / "office.db", kiosk::Access::ReadWrite,
                           kiosk::Creation::CreateIfMissing);
        const auto seeding = Clock::now();
        const int checkins = seed_year(store, 4, tickets_per_session);
        const double seed_s =
            std::chrono::duration<double>(Clock::now() - seeding).count();
        const kiosk::Day first{date::year{2026}, date::month{1}, date::day{1}};
        const kiosk::Day last{date::year{2026}, date::month{12}, date::day{31}};
        const auto now = *kiosk::parse_local_time("2027-01-04 09:00");
        fmt::print("a year at four sites: {} sessions, {} check-ins (seeded in {:.1f} s)\n",
                   kiosk::database_of(store).execAndGet("SELECT count(*) FROM sessions").getInt(),
                   checkins, seed_s);

        kiosk::AttendanceReport report;
        const auto line = [](const char* what, double ms) {
            fmt::print("{:<52} {:>9.1f} ms\n", what, ms);
        };
        line("baseline: one pass over the check-ins", best_of(5, [&] {
                 kiosk::database_of(store).execAndGet("SELECT sum(at_utc) FROM checkins").getInt64();
             }));
        line("baseline: per-session queries, all sites", best_of(3, [&] {
                 if (per_session_queries(store, {std::nullopt, first, last}) == 0)
                     std::abort();
             }));
        line("attendance(), all sites, the year", best_of(3, [&] {
                 report = kiosk::attendance(store, {std::nullopt, first, last},
                                            kiosk::CheckinRules{}, now);
             }));
        line("attendance(), Rennes, the year", best_of(3, [&] {
                 const auto rennes =
                     kiosk::attendance(store, {"rennes", first, last}, kiosk::CheckinRules{}, now);
                 if (rennes.sessions.empty())
                     std::abort();
             }));
        line("CSV of the year's report", best_of(3, [&] {
                 if (kiosk::attendance_csv(report).empty())
                     std::abort();
             }));
        line("JSON of the year's report",
             best_of(3, [&] { kiosk::attendance_json(report).dump(); }));
        if (report.overall.checked_in != checkins)
            fmt::print("MISMATCH: the report counts {} check-ins\n", report.overall.checked_in);
        fmt::print("report: {} sessions, {} check-ins, {} walk-ins, {} refusals\n",
                   report.sessions.size(), report.overall.checked_in, report.overall.walk_ins,
                   report.overall.refusals[kiosk::Verdict::AlreadyCheckedIn]);

        give_holders(store);
        const int online = seed_online(store);
        fmt::print("\npeople trained: the same year, {} online participants besides\n", online);
        line("baseline: attendance(), all sites, the year", best_of(3, [&] {
                 report = kiosk::attendance(store, {std::nullopt, first, last},
                                            kiosk::CheckinRules{}, now);
             }));
        line("baseline: one pass, check-ins with their holders", best_of(3, [&] {
                 SQLite::Statement pass(kiosk::database_of(store),
                                        "SELECT c.at_utc, s.kind, t.holder FROM checkins c"
                                        " LEFT JOIN sessions s ON s.id = c.session_id"
                                        " LEFT JOIN tickets t ON t.id = c.ticket_id");
                 std::size_t bytes = 0;
                 while (pass.executeStep())
                     bytes += pass.getColumn(2).getString().size();
                 if (bytes == 0)
                     std::abort();
             }));
        kiosk::PeopleTrained trained;
        line("people_trained(), the year (target < 1000 ms)", best_of(3, [&] {
                 trained = kiosk::people_trained(store, first, last);
             }));
        fmt::print("trained: {} distinct people ({} on site, {} walk-ins, {} online), {} months\n",
                   trained.total.people, trained.total.on_site, trained.total.walk_ins,
                   trained.total.online, trained.by_month.size());
    }
    std::filesystem::remove_all(dir);
    return 0;
}
