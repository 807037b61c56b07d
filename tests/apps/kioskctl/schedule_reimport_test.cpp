// Re-importing an edited calendar: updates in place, never duplicates, never loses what people
// did (tickets, check-ins), keeps what staff changed on the spot.

#include "import_support.hpp"
#include "sql.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>
#include <fmt/format.h>

using test::find_session;
using test::import_json;
using test::Kioskctl;

namespace {

std::string event(const std::string& uid, const std::string& title, const std::string& start,
                  const std::string& end, const std::string& room)
{
    return fmt::format("BEGIN:VEVENT\r\nUID:{}\r\nSUMMARY:{}\r\nDTSTART;TZID=Europe/Paris:{}\r\n"
                       "DTEND;TZID=Europe/Paris:{}\r\nLOCATION:{}\r\nEND:VEVENT\r\n",
                       uid, title, start, end, room);
}

std::string calendar(const std::vector<std::string>& events)
{
    std::string text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Atelier//Tests//FR\r\n";
    for (const auto& one : events)
        text += one;
    return text + "END:VCALENDAR\r\n";
}

const std::string alpha = event("alpha", "Facebook pour les commerçants", "20261105T100000",
                                "20261105T120000", "Salle Bréhat");
const std::string bravo =
    event("bravo", "Impression 3D", "20261106T100000", "20261106T110000", "Fab lab");
const std::string charlie = event("charlie", "Facturation électronique", "20261107T100000",
                                  "20261107T113000", "Salle Ouessant");
const std::string delta =
    event("delta", "Sauvegardes", "20261110T140000", "20261110T160000", "Salle Ouessant");
const std::string echo =
    event("echo", "Fiche Google", "20261215T093000", "20261215T110000", "Salle Bréhat");

std::string id_of(const nlohmann::json& session) { return session["id"].get<std::string>(); }

} // namespace

TEST_CASE("re-importing an edited calendar updates, removes, cancels and keeps staff edits",
          "[import][reimport]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto first = kioskctl.dir() / "v1.ics";
    test::write_file(first, calendar({alpha, bravo, charlie, delta, echo}));
    const auto added =
        import_json(kioskctl, first.string(),
                    {"--site", "rennes", "--from", "2026-11-01", "--to", "2026-12-31"});
    REQUIRE(added["added"].size() == 5);
    const auto alpha_id = id_of(find_session(kioskctl, "rennes", "2026-11-05", "Facebook"));
    const auto charlie_id = id_of(find_session(kioskctl, "rennes", "2026-11-07", "Facturation"));
    const auto delta_id = id_of(find_session(kioskctl, "rennes", "2026-11-10", "Sauvegardes"));

    // What happened on site since: a delay, a room change, a ticket sold for "charlie".
    kioskctl.ok({"session", "update", alpha_id, "--status", "delayed", "--delay-min", "10"});
    kioskctl.ok({"session", "update", delta_id, "--room", "Fab lab"});
    {
        SQLite::Database database(kioskctl.database(), SQLite::OPEN_READWRITE);
        database.exec(fmt::format("INSERT INTO tickets (id, session_id, first_name, issued_at) "
                                  "VALUES (77, {}, 'Léa', 1700000000)",
                                  std::stoll(charlie_id, nullptr, 16)));
    }

    // The calendar now: alpha renamed and moved by half an hour, bravo and charlie deleted,
    // delta unchanged, echo (December) absent but outside the range imported this time.
    const auto second = kioskctl.dir() / "v2.ics";
    const auto edited = event("alpha", "Facebook et Instagram pour les commerçants",
                              "20261105T103000", "20261105T123000", "Salle Bréhat");
    test::write_file(second, calendar({edited, delta}));
    const std::vector<std::string> range{"--site",     "rennes", "--from",
                                         "2026-11-01", "--to",   "2026-11-30"};

    SECTION("--dry-run prints the same report and changes nothing")
    {
        const auto before = kioskctl.snapshot();
        auto options = range;
        options.push_back("--dry-run");
        const auto report = import_json(kioskctl, second.string(), options);
        CHECK(report["dry_run"] == true);
        CHECK(report["updated"].size() == 1);
        CHECK(report["removed"].size() == 1);
        CHECK(report["cancelled"].size() == 1);
        CHECK(kioskctl.snapshot() == before);
    }

    const auto report = import_json(kioskctl, second.string(), range);
    REQUIRE(report["updated"].size() == 1);
    CHECK(report["updated"][0]["title"] == "Facebook et Instagram pour les commerçants");
    REQUIRE(report["removed"].size() == 1);
    CHECK(report["removed"][0]["title"] == "Impression 3D");
    REQUIRE(report["cancelled"].size() == 1);
    CHECK(report["cancelled"][0]["title"] == "Facturation électronique");
    CHECK_THAT(report["cancelled"][0]["reason"].get<std::string>(), Catch::Contains("billets"));
    CHECK(report["unchanged"] == 1);
    CHECK(report["added"].empty());

    const auto renamed = find_session(kioskctl, "rennes", "2026-11-05", "Instagram");
    REQUIRE(renamed != nullptr);
    CHECK(id_of(renamed) == alpha_id); // updated in place, not duplicated
    CHECK(renamed["start"] == "2026-11-05T10:30:00+01:00");
    CHECK(renamed["status"] == "delayed"); // the delay staff typed survives
    CHECK(renamed["delay_min"] == 10);
    CHECK(kioskctl.day("rennes", "2026-11-05")["sessions"].size() == 1);
    CHECK(find_session(kioskctl, "rennes", "2026-11-06", "Impression") == nullptr);
    const auto kept = find_session(kioskctl, "rennes", "2026-11-07", "Facturation");
    REQUIRE(kept != nullptr);
    CHECK(kept["status"] == "cancelled"); // its ticket still points at it
    const auto moved = find_session(kioskctl, "rennes", "2026-11-10", "Sauvegardes");
    CHECK(moved["room"] == "Fab lab"); // the staff's room change survives
    CHECK(moved["previous_room"] == "Salle Ouessant");
    CHECK(moved["status"] == "room_changed");
    CHECK(find_session(kioskctl, "rennes", "2026-12-15", "Fiche Google") != nullptr);

    SECTION("a calendar that changes the room itself wins")
    {
        const auto third = kioskctl.dir() / "v3.ics";
        test::write_file(third, calendar({edited, event("delta", "Sauvegardes", "20261110T140000",
                                                        "20261110T160000", "Salle Bréhat")}));
        import_json(kioskctl, third.string(), range);
        const auto now = find_session(kioskctl, "rennes", "2026-11-10", "Sauvegardes");
        CHECK(now["room"] == "Salle Bréhat");
        CHECK(now["status"] == "scheduled");
    }
}

TEST_CASE("imports into two sites do not touch each other", "[import][reimport]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto file = kioskctl.dir() / "shared.ics";
    test::write_file(file, calendar({alpha}));
    import_json(kioskctl, file.string(), {"--site", "rennes", "--from", "2026-11-01"});
    import_json(kioskctl, file.string(), {"--site", "nancy", "--from", "2026-11-01"});
    const auto empty = kioskctl.dir() / "empty.ics";
    test::write_file(empty, calendar({}));
    const auto report =
        import_json(kioskctl, empty.string(), {"--site", "nancy", "--from", "2026-11-01"});
    CHECK(report["removed"].size() == 1);
    CHECK(find_session(kioskctl, "rennes", "2026-11-05", "Facebook") != nullptr);
    CHECK(find_session(kioskctl, "nancy", "2026-11-05", "Facebook") == nullptr);
}

// The import's writes are one transaction: one that fails half-way (here a trigger, as a full
// disk would) takes back those before it, and the same import goes through once it can.
TEST_CASE("a write that fails half-way through an import leaves the database as it was",
          "[import][reimport]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto first = kioskctl.dir() / "v1.ics";
    test::write_file(first, calendar({alpha, bravo, charlie}));
    const std::vector<std::string> range{"--site", "rennes", "--from", "2026-11-01", "--to",
                                         "2026-12-31"};
    REQUIRE(import_json(kioskctl, first.string(), range)["added"].size() == 3);
    // Edited: "alpha" renamed (an update), "charlie" gone (a removal), "delta" and "echo" new;
    // the calendar's order makes the update come before the insert that fails.
    const auto second = kioskctl.dir() / "v2.ics";
    test::write_file(second,
                     calendar({event("alpha", "Instagram pour les commerçants", "20261105T100000",
                                     "20261105T120000", "Salle Bréhat"),
                               bravo, delta, echo}));
    test::Sql(kioskctl.database())
        .script("CREATE TRIGGER refuse_delta BEFORE INSERT ON sessions"
                " WHEN NEW.uid LIKE '%delta' BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const auto before = test::dump_database(kioskctl.database());

    const auto failed = test::import(kioskctl, second.string(), range);
    INFO(failed.err);
    CHECK(failed.exit_code != 0);
    CHECK_THAT(failed.err, Catch::Contains("disk full"));
    CHECK(test::dump_database(kioskctl.database()) == before);
    CHECK(find_session(kioskctl, "rennes", "2026-11-05", "Facebook") != nullptr);
    CHECK(find_session(kioskctl, "rennes", "2026-11-07", "Facturation") != nullptr);

    test::Sql(kioskctl.database()).script("DROP TRIGGER refuse_delta");
    const auto report = import_json(kioskctl, second.string(), range);
    CHECK(report["updated"].size() == 1);
    CHECK(report["added"].size() == 2);
    CHECK(report["removed"].size() == 1);
    CHECK(find_session(kioskctl, "rennes", "2026-11-05", "Instagram") != nullptr);
}
