// Two writer processes and a reader share one database file for several seconds, as the
// camera process, the staff tools and the board do on a site: no "database is locked", no
// lost write.

#include "kiosk/schedule/session_store.hpp"
#include "sql.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace kiosk;

namespace {

constexpr auto run_for = std::chrono::seconds(4);

// Runs in a child process; the exit status says whether any operation failed, and the
// number of committed writes goes to `report`.
[[noreturn]] void writer(const std::filesystem::path& path, const std::string& site,
                         const std::filesystem::path& report)
{
    int committed = 0;
    try {
        Store store(path, Access::ReadWrite);
        SessionStore sessions(store);
        const auto deadline = std::chrono::steady_clock::now() + run_for;
        const auto start = *parse_local_time("2026-11-26 09:00");
        while (std::chrono::steady_clock::now() < deadline) {
            Session session;
            session.site = site;
            session.title = "écriture " + std::to_string(committed);
            session.start = start + Minutes{committed};
            session.end = session.start + Minutes{30};
            const auto id = sessions.add(session, start);
            session.id = id;
            session.status = Status::Full;
            if (!sessions.update(session, start))
                _exit(3);
            ++committed;
            // Real writers pause between transactions. Without a pause, SQLite's sleeping
            // busy handler can lose every retry to a writer that takes the lock straight
            // back, and one side starves for the whole run.
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "writer %s: %s\n", site.c_str(), error.what());
        _exit(1);
    }
    if (FILE* out = std::fopen(report.c_str(), "w")) {
        std::fprintf(out, "%d", committed);
        std::fclose(out);
    }
    _exit(0);
}

[[noreturn]] void reader(const std::filesystem::path& path)
{
    try {
        Store store(path, Access::ReadOnly);
        SessionStore sessions(store);
        const auto deadline = std::chrono::steady_clock::now() + run_for;
        std::int64_t seen = -1;
        std::size_t last = 0;
        while (std::chrono::steady_clock::now() < deadline) {
            const auto version = store.data_version();
            if (version == seen)
                continue;
            seen = version;
            const auto today = sessions.day("rennes", *parse_day("2026-11-26"));
            if (today.size() < last) // rows are only ever added: a reader never goes back
                _exit(4);
            last = today.size();
        }
    } catch (const std::exception& error) {
        std::fprintf(stderr, "reader: %s\n", error.what());
        _exit(1);
    }
    _exit(0);
}

int read_count(const std::filesystem::path& path)
{
    int count = -1;
    if (FILE* in = std::fopen(path.c_str(), "r")) {
        if (std::fscanf(in, "%d", &count) != 1)
            count = -1;
        std::fclose(in);
    }
    return count;
}

} // namespace

TEST_CASE("two writer processes and a reader share the database without lock errors",
          "[store][concurrency]")
{
    test::TempDir dir;
    const auto path = dir / "site.db";
    { Store create(path, Access::ReadWrite, Creation::CreateIfMissing); }

    std::vector<pid_t> children;
    const std::array<std::string, 2> sites{"rennes", "nancy"};
    for (std::size_t i = 0; i < sites.size(); ++i) {
        const pid_t pid = fork();
        REQUIRE(pid >= 0);
        if (pid == 0)
            writer(path, sites[i], dir / ("count-" + std::to_string(i)));
        children.push_back(pid);
    }
    const pid_t reader_pid = fork();
    REQUIRE(reader_pid >= 0);
    if (reader_pid == 0)
        reader(path);
    children.push_back(reader_pid);

    for (const pid_t pid : children) {
        int status = 0;
        REQUIRE(waitpid(pid, &status, 0) == pid);
        CHECK(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 0);
    }

    const int rennes = read_count(dir / "count-0");
    const int nancy = read_count(dir / "count-1");
    INFO("committed writes: rennes " << rennes << ", nancy " << nancy);
    CHECK(rennes > 20);
    CHECK(nancy > 20);
    test::Sql check(path, test::Sql::Mode::ReadOnly);
    auto count = [&](const char* site) {
        return check.integer("SELECT count(*) FROM sessions WHERE site = ?1 AND status = 'full'",
                             {std::string(site)});
    };
    CHECK(count("rennes") == rennes);
    CHECK(count("nancy") == nancy);
}
