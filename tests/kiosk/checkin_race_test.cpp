// Two kiosks racing on the same tickets: separate processes, one database file. Exactly one
// scan admits each ticket, whatever the interleaving.

#include "checkin_fixture.hpp"
#include "process.hpp"

#include <future>
#include <sys/wait.h>
#include <unistd.h>

using test::at;

namespace {

constexpr int rounds = 25;
constexpr int tickets_per_round = 8;

// Runs in a child process: waits for the start signal, then scans every ticket in order.
// Exits with the number of tickets it admitted, or 255 on error.
[[noreturn]] void scanner(const std::filesystem::path& path,
                          const std::vector<std::string>& tickets, int start_signal,
                          const std::string& device)
{
    int admitted = 0;
    try {
        char go = 0;
        if (::read(start_signal, &go, 1) < 0)
            _exit(255);
        kiosk::Store store(path, kiosk::Access::ReadWrite);
        for (const auto& ticket : tickets) {
            const auto result =
                kiosk::check_in(store, {ticket, "rennes", device, at("2026-11-26 13:45"), {}}, {});
            if (kiosk::admits(result.decision.verdict))
                ++admitted;
            else if (result.decision.verdict != kiosk::Verdict::AlreadyCheckedIn)
                _exit(254);
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "scanner %s: %s\n", device.c_str(), error.what());
        _exit(255);
    }
    _exit(admitted);
}

} // namespace

TEST_CASE("two processes racing on the same tickets admit each exactly once", "[checkin][race]")
{
    test::CheckinFixture site;
    const auto session = site.add_session("rennes", "2026-11-26 14:00", "2026-11-26 16:00");
    std::vector<std::string> tickets;
    for (int i = 0; i < rounds * tickets_per_round; ++i)
        tickets.push_back(site.ticket_for(session));

    int start[2];
    REQUIRE(::pipe(start) == 0);
    std::vector<pid_t> children;
    for (const char* device : {"camera", "douchette"}) {
        const pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::close(start[1]);
            scanner(site.store().path(), tickets, start[0], device);
        }
        children.push_back(pid);
    }
    ::close(start[0]);
    ::close(start[1]); // both children wake at once
    int admitted = 0;
    for (const pid_t pid : children) {
        int status = 0;
        REQUIRE(waitpid(pid, &status, 0) == pid);
        REQUIRE(WIFEXITED(status));
        REQUIRE(WEXITSTATUS(status) < 254);
        admitted += WEXITSTATUS(status);
    }
    CHECK(admitted == rounds * tickets_per_round);
    CHECK(site.count("SELECT count(*) FROM scans") == 2 * rounds * tickets_per_round);
    CHECK(site.count("SELECT count(*) FROM checkins") == rounds * tickets_per_round);
    CHECK(site.count("SELECT count(*) FROM (SELECT ticket_id FROM scans WHERE verdict = "
                     "'accepted' GROUP BY ticket_id HAVING count(*) = 1)") ==
          rounds * tickets_per_round);
    CHECK(site.count("SELECT count(*) FROM scans WHERE verdict = 'already_checked_in'") ==
          rounds * tickets_per_round);
}

TEST_CASE("two kioskctl processes racing on one ticket admit it once per round", "[checkin][race]")
{
    test::CheckinFixture site;
    const auto session = site.add_session("rennes", "2026-11-26 14:00", "2026-11-26 16:00");
    const auto ticket = site.ticket_for(session);
    const std::string database = site.store().path().string();
    auto run = [&](const char* device) {
        return test::run_process({KIOSKCTL, "--db", database, "--at", "2026-11-26 13:45", "checkin",
                                  ticket, "--site", "rennes", "--device", device},
                                 {{"DISPLAY", ""}, {"KIOSK_DB", ""}, {"KIOSK_CONFIG", ""}});
    };
    std::string ticket_id;
    for (int round = 0; round < 6; ++round) {
        auto first = std::async(std::launch::async, run, "camera");
        auto second = std::async(std::launch::async, run, "douchette");
        const auto a = first.get();
        const auto b = second.get();
        INFO("round " << round << ": " << a.err << b.err);
        REQUIRE(((a.exit_code == 0 && b.exit_code == 1) || (a.exit_code == 1 && b.exit_code == 0)));
        CHECK_THAT(a.out + b.out, Catch::Contains("Déjà enregistré à 13 h 45"));
        // Staff undo it: the next round admits it again.
        if (ticket_id.empty())
            ticket_id = site.store()
                            .connection()
                            .execAndGet("SELECT printf('%016x', ticket_id) FROM checkins LIMIT 1")
                            .getString();
        const auto undo =
            test::run_process({KIOSKCTL, "--db", database, "--at", "2026-11-26 13:46", "checkin",
                               "undo", ticket_id, "--by", "accueil"},
                              {{"DISPLAY", ""}, {"KIOSK_DB", ""}, {"KIOSK_CONFIG", ""}});
        REQUIRE(undo.exit_code == 0);
    }
    CHECK(site.count("SELECT count(*) FROM checkins") == 6);
    CHECK(site.count("SELECT count(*) FROM checkins WHERE undone_by = 'accueil'") == 6);
    CHECK(site.count("SELECT count(*) FROM scans WHERE verdict = 'accepted'") == 6);
}

TEST_CASE("the database itself refuses a second active check-in of a ticket", "[checkin][race]")
{
    test::CheckinFixture site;
    auto insert = [&](std::int64_t id) {
        SQLite::Statement statement(site.store().connection(),
                                    "INSERT INTO checkins (id, ticket_id, session_id, at_utc, "
                                    "site, device) VALUES (?1, -42, 7, 0, 'rennes', 'entree')");
        statement.bind(1, id);
        statement.exec();
    };
    insert(1);
    CHECK_THROWS_AS(insert(2), SQLite::Exception);
    site.store().connection().exec(
        "UPDATE checkins SET undone_at = 1, undone_by = 'accueil' WHERE id = 1");
    CHECK_NOTHROW(insert(3));
    CHECK_THROWS_AS(insert(4), SQLite::Exception);
    // An undo names who did it.
    CHECK_THROWS_AS(site.store().connection().exec("UPDATE checkins SET undone_at = 2 WHERE id = 3"),
                    SQLite::Exception);
}
