// Bad input gets a clear message naming the problem, exit status 2, and leaves the database
// exactly as it was.

#include "build_paths.hpp"
#include "kioskctl.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>
#include <fstream>
#include <unistd.h>

using test::Kioskctl;

namespace {
std::vector<std::string> add(std::vector<std::string> changes)
{
    std::vector<std::string> arguments{"session", "add",     "--site",  "rennes",
                                       "--kind",  "atelier", "--title", "Atelier",
                                       "--start", "2026-11-26 10:00", "--end", "11:00"};
    for (std::size_t i = 0; i + 1 < changes.size(); i += 2) {
        auto found = std::find(arguments.begin(), arguments.end(), changes[i]);
        if (found != arguments.end())
            *(found + 1) = changes[i + 1];
        else
            arguments.insert(arguments.end(), {changes[i], changes[i + 1]});
    }
    return arguments;
}
} // namespace

TEST_CASE("bad session input is refused, named, and changes nothing", "[kioskctl][bad-input]")
{
    struct Case {
        std::vector<std::string> arguments;
        std::string message;
    };
    // One demo day for all the cases: each must leave it byte for byte as it was.
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    kioskctl.ok({"demo", "--date", "2026-11-26"});
    const auto before = kioskctl.snapshot();
    for (const Case& bad : std::vector<Case>{

        Case{add({"--site", "paris"}), "site inconnu « paris »"},
        Case{add({"--kind", "webinaire"}), "--kind : type inconnu « webinaire »"},
        Case{add({"--end", "09:00"}), "--end : la fin (2026-11-26 09:00) n'est pas après le début"},
        Case{add({"--start", "2026-02-30 10:00"}), "--start : la date 2026-02-30 n'existe pas"},
        Case{add({"--start", "demain 10h"}), "--start : heure « demain 10h » invalide"},
        Case{add({"--end", "25:00"}), "--end"},
        Case{add({"--url", "ftp://example"}), "--url : lien « ftp://example » invalide"},
        Case{add({"--kind", "privee"}), "--organiser"},
        Case{add({"--capacity", "douze"}), "--capacity"},
        Case{{"session", "update", "zz-not-an-id", "--title", "x"}, "identifiant de session"},
        Case{{"session", "update", "0123456789abcdef", "--title", "x"}, "aucune session"},
        Case{{"session", "list", "--date", "2026-11-26"}, "quel site ?"},
        Case{{"session", "list", "--site", "rennes", "--date", "26/11"}, "--date"},
        Case{{"--at", "midi", "session", "list", "--site", "rennes"}, "--at"}}) {
        const auto result = kioskctl(bad.arguments);
        INFO("arguments: " << bad.arguments.back() << " stderr: " << result.err);
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.err, Catch::Contains(bad.message));
        CHECK(kioskctl.snapshot() == before);
    }
}

TEST_CASE("an update that breaks a rule leaves the session as it was", "[kioskctl][bad-input]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto id = test::trimmed(kioskctl.ok(add({})));
    const auto before = kioskctl.snapshot();
    const auto result = kioskctl({"session", "update", id, "--end", "2026-11-26 09:00"});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("--end"));
    const auto gap = kioskctl({"session", "update", id, "--start", "2026-03-29 02:15"});
    CHECK(gap.exit_code == 2);
    CHECK(kioskctl.snapshot() == before);
}

TEST_CASE("no database, foreign files and newer schemas are refused clearly", "[kioskctl][bad-input]")
{
    Kioskctl kioskctl;
    const auto missing = kioskctl({"session", "list", "--site", "rennes"});
    CHECK(missing.exit_code == 2);
    CHECK_THAT(missing.err, Catch::Contains("kioskctl init"));
    CHECK_FALSE(std::filesystem::exists(kioskctl.database()));

    const auto no_db = test::run_process(
        {test::kioskctl_program(), "session", "list", "--site", "rennes"}, {{"KIOSK_DB", ""}});
    CHECK(no_db.exit_code == 2);
    CHECK_THAT(no_db.err, Catch::Contains("--db"));

    {
        SQLite::Database other(kioskctl.database(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        other.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)");
    }
    const auto before = kioskctl.snapshot();
    for (const auto& arguments : {std::vector<std::string>{"init"},
                                  std::vector<std::string>{"session", "list", "--site", "rennes"},
                                  add({})}) {
        const auto foreign = kioskctl(arguments);
        CHECK(foreign.exit_code == 2);
        CHECK_THAT(foreign.err, Catch::Contains("n'appartient pas au kiosque"));
    }
    CHECK(kioskctl.snapshot() == before);
}

TEST_CASE("a database from a newer version is refused, untouched", "[kioskctl][bad-input]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    {
        SQLite::Database raw(kioskctl.database(), SQLite::OPEN_READWRITE);
        raw.exec("PRAGMA user_version = 42");
    }
    const auto before = kioskctl.snapshot();
    const auto result = kioskctl(add({}));
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("version plus récente"));
    CHECK(kioskctl.snapshot() == before);
}

TEST_CASE("a file that is not SQLite is refused", "[kioskctl][bad-input]")
{
    Kioskctl kioskctl;
    std::ofstream(kioskctl.database()) << "Nom;Prénom\nMartin;Claire\n" << std::string(2000, ';');
    const auto before = kioskctl.snapshot();
    const auto result = kioskctl({"init"});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("n'est pas une base de données SQLite"));
    CHECK(kioskctl.snapshot() == before);
}

TEST_CASE("a read-only database is refused for writes and still readable", "[kioskctl][bad-input]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    kioskctl.ok({"demo", "--date", "2026-11-26"});
    // Fold the write-ahead log into the file so a reader without write access sees everything.
    {
        SQLite::Database raw(kioskctl.database(), SQLite::OPEN_READWRITE);
        raw.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    }
    std::filesystem::permissions(kioskctl.dir().path(), std::filesystem::perms::all);
    std::filesystem::permissions(kioskctl.database(),
                                 std::filesystem::perms::owner_read |
                                     std::filesystem::perms::group_read |
                                     std::filesystem::perms::others_read);
    const auto before = kioskctl.snapshot();

    // Root ignores file modes, so run as an ordinary user when the tests run as root.
    std::vector<std::string> prefix;
    if (geteuid() == 0)
        prefix = {"setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"};
    auto as_user = [&](std::vector<std::string> arguments) {
        arguments.insert(arguments.begin(),
                         {test::kioskctl_program(), "--db", kioskctl.database()});
        arguments.insert(arguments.begin(), prefix.begin(), prefix.end());
        return test::run_process(arguments, {{"KIOSK_DB", ""}});
    };
    const auto write = as_user(add({}));
    INFO("stderr: " << write.err);
    CHECK(write.exit_code == 2);
    CHECK_THAT(write.err, Catch::Contains("lecture seule"));
    CHECK(kioskctl.snapshot() == before);

    const auto read = as_user({"session", "list", "--site", "rennes", "--date", "2026-11-26"});
    INFO("stderr: " << read.err);
    CHECK(read.exit_code == 0);
    CHECK_THAT(read.out, Catch::Contains("Lancer son site Internet"));
}
