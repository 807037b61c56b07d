// The 23-hour and 25-hour days: sessions at 09:00 and across the change (01:30–03:30) show,
// sort and last as a person in Paris expects.

#include "kioskctl.hpp"

#include <catch2/catch.hpp>

using test::Kioskctl;

namespace {
struct Expectation {
    const char* day;
    const char* night_start;
    const char* night_end;
    int night_minutes;
};
} // namespace

TEST_CASE("sessions on the DST days show, sort and last right", "[kioskctl][dst]")
{
    const Expectation expectation = GENERATE(
        Expectation{"2026-03-29", "2026-03-29T01:30:00+01:00", "2026-03-29T03:30:00+02:00", 60},
        Expectation{"2026-10-25", "2026-10-25T01:30:00+02:00", "2026-10-25T03:30:00+01:00", 180});
    const std::string day = expectation.day;
    INFO(day);

    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    kioskctl.ok({"session", "add", "--site", "rennes", "--kind", "atelier", "--title", "Matin",
                 "--start", day + " 09:00", "--end", day + " 10:00", "--room", "Salle Bréhat"});
    kioskctl.ok({"session", "add", "--kind", "live", "--title", "Nuit", "--start", day + " 01:30",
                 "--end", day + " 03:30", "--url", "https://visio.example.fr/nuit"});

    const auto sessions = kioskctl.day("rennes", day)["sessions"];
    REQUIRE(sessions.size() == 2);
    CHECK(sessions[0]["title"] == "Nuit");
    CHECK(sessions[0]["start"] == expectation.night_start);
    CHECK(sessions[0]["end"] == expectation.night_end);
    CHECK(sessions[0]["duration_min"] == expectation.night_minutes);
    CHECK(sessions[1]["title"] == "Matin");
    CHECK(sessions[1]["start"] == day + "T09:00:00+0" + (day == "2026-03-29" ? "2" : "1") + ":00");
    CHECK(sessions[1]["duration_min"] == 60);

    const auto table = kioskctl.ok({"session", "list", "--site", "rennes", "--date", day});
    CHECK_THAT(table, Catch::Contains("01:30–03:30") && Catch::Contains("09:00–10:00"));
    CHECK(table.find("Nuit") < table.find("Matin"));
}

TEST_CASE("the spring gap is refused and the autumn repeat follows the documented rule",
          "[kioskctl][dst]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto before = kioskctl.snapshot();
    const auto gap = kioskctl({"session", "add", "--site", "rennes", "--kind", "atelier",
                               "--title", "Trou", "--start", "2026-03-29 02:30", "--end", "04:00"});
    CHECK(gap.exit_code == 2);
    CHECK_THAT(gap.err, Catch::Contains("--start") && Catch::Contains("2026-03-29 02:30") &&
                            Catch::Contains("n'existe pas"));
    CHECK(kioskctl.snapshot() == before);

    // 02:30 on 25 October happens twice: the first (summer time) unless "+01:00" is written.
    kioskctl.ok({"session", "add", "--kind", "live", "--title", "Premier passage", "--start",
                 "2026-10-25 02:30", "--end", "2026-10-25 02:45", "--url", "https://v.example.fr/a"});
    kioskctl.ok({"session", "add", "--kind", "live", "--title", "Second passage", "--start",
                 "2026-10-25 02:30+01:00", "--end", "2026-10-25 02:45+01:00", "--url",
                 "https://v.example.fr/b"});
    const auto sessions = kioskctl.day("nancy", "2026-10-25")["sessions"];
    REQUIRE(sessions.size() == 2);
    CHECK(sessions[0]["title"] == "Premier passage");
    CHECK(sessions[0]["start"] == "2026-10-25T02:30:00+02:00");
    CHECK(sessions[1]["title"] == "Second passage");
    CHECK(sessions[1]["start"] == "2026-10-25T02:30:00+01:00");
    CHECK(sessions[1]["duration_min"] == 15);
}
