// Two kiosks racing on the same tickets: separate processes, one database file. Exactly one
// scan admits each ticket, whatever the interleaving.

#include "build_paths.hpp"
#include "checkin_fixture.hpp"
#include "process.hpp"

#include <SQLiteCpp/Exception.h>
#include <array>
#include <future>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

using test::at;

namespace {

constexpr int rounds = 60;
constexpr int tickets_per_round = 3;

// Runs in a child process. For each round it waits for its start signal, scans that round's
// tickets in order and reports on `done`. Exits with the number of tickets it admitted, or
// 254 and above on error.
[[noreturn]] void scanner(const std::filesystem::path& path,
                          const std::vector<std::string>& tickets, int start_signal, int done,
                          const std::string& device)
{
    int admitted = 0;
    try {
        kiosk::Store store(path, kiosk::Access::ReadWrite);
        for (int round = 0; round < rounds; ++round) {
            char signal = 0;
            if (::read(start_signal, &signal, 1) != 1)
                _exit(255);
            for (int i = 0; i < tickets_per_round; ++i) {
                const auto& ticket =
                    tickets[static_cast<std::size_t>(round * tickets_per_round + i)];
                const auto result = kiosk::check_in(
                    store, {ticket, "rennes", device, at("2026-11-26 13:45"), {}}, {});
                if (kiosk::admits(result.decision.verdict()))
                    ++admitted;
                else if (result.decision.verdict() != kiosk::Verdict::AlreadyCheckedIn)
                    _exit(254);
            }
            if (::write(done, "x", 1) != 1)
                _exit(255);
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

    // Each round starts both scanners at once, and only when both finished the last one.
    int done[2];
    REQUIRE(::pipe(done) == 0);
    std::vector<std::array<int, 2>> starts(2);
    std::vector<pid_t> children;
    for (std::size_t child = 0; child < 2; ++child) {
        REQUIRE(::pipe(starts[child].data()) == 0);
        const pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0)
            scanner(site.store().path(), tickets, starts[child][0], done[1],
                    child == 0 ? "camera" : "douchette");
        children.push_back(pid);
    }
    ::close(done[1]);
    for (const auto& start : starts)
        ::close(start[0]);
    bool in_step = true;
    for (int round = 0; round < rounds && in_step; ++round) {
        for (const auto& start : starts)
            in_step &= ::write(start[1], "x", 1) == 1;
        for (int finished = 0; finished < 2 && in_step;) {
            // A scanner that died must fail the test, not hang it.
            pollfd readable{done[0], POLLIN, 0};
            char signal[2];
            in_step = ::poll(&readable, 1, 20000) == 1;
            const auto count =
                in_step ? ::read(done[0], signal, static_cast<std::size_t>(2 - finished)) : 0;
            in_step = count > 0;
            finished += static_cast<int>(count);
        }
    }
    CHECK(in_step);
    for (const auto& start : starts)
        ::close(start[1]); // a scanner still waiting for a round gives up
    int admitted = 0;
    for (const pid_t pid : children) {
        int status = 0;
        REQUIRE(waitpid(pid, &status, 0) == pid);
        REQUIRE(WIFEXITED(status));
        REQUIRE(WEXITSTATUS(status) < 254);
        admitted += WEXITSTATUS(status);
    }
    ::close(done[0]);

    CHECK(admitted == rounds * tickets_per_round);
    CHECK(site.count("SELECT count(*) FROM scans") == 2 * rounds * tickets_per_round);
    CHECK(site.count("SELECT count(*) FROM checkins") == rounds * tickets_per_round);
    CHECK(site.count("SELECT count(*) FROM (SELECT ticket_id FROM scans WHERE verdict = "
                     "'accepted' GROUP BY ticket_id HAVING count(*) = 1)") ==
          rounds * tickets_per_round);
    CHECK(site.count("SELECT count(*) FROM scans WHERE verdict = 'already_checked_in'") ==
          rounds * tickets_per_round);
    // How the admissions split between the two shows how closely they raced.
    for (const auto& row : test::Sql(site.store().path())
                               .rows("SELECT device, count(*) FROM scans WHERE verdict = "
                                     "'accepted' GROUP BY device ORDER BY device"))
        WARN(row[0] << " admitted " << row[1]);
}

TEST_CASE("two kioskctl processes racing on one ticket admit it once per round", "[checkin][race]")
{
    test::CheckinFixture site;
    const auto session = site.add_session("rennes", "2026-11-26 14:00", "2026-11-26 16:00");
    const auto ticket = site.ticket_for(session);
    const std::string database = site.store().path().string();
    auto run = [&](const char* device) {
        return test::run_process({test::kioskctl_program(), "--db", database, "--at",
                                  "2026-11-26 13:45", "checkin", ticket, "--site", "rennes",
                                  "--device", device},
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
            ticket_id = test::Sql(site.store().path())
                            .text("SELECT printf('%016x', ticket_id) FROM checkins LIMIT 1");
        const auto undo =
            test::run_process({test::kioskctl_program(), "--db", database, "--at",
                               "2026-11-26 13:46", "checkin", "undo", ticket_id, "--by", "accueil"},
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
    test::Sql database(site.store().path());
    auto insert = [&](std::int64_t id) {
        database.exec("INSERT INTO checkins (id, ticket_id, session_id, at_utc, site, device) "
                      "VALUES (?1, -42, 7, 0, 'rennes', 'entree')",
                      {id});
    };
    insert(1);
    CHECK_THROWS_AS(insert(2), SQLite::Exception);
    database.exec("UPDATE checkins SET undone_at = 1, undone_by = 'accueil' WHERE id = 1");
    CHECK_NOTHROW(insert(3));
    CHECK_THROWS_AS(insert(4), SQLite::Exception);
    // An undo names who did it.
    CHECK_THROWS_AS(
        database.exec("UPDATE checkins SET undone_at = 2 WHERE id = 3"),
        SQLite::Exception);
}
