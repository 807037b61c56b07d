// Which range `kioskctl schedule import` used, and how many occurrences of the file it left
// out: recurring events are counted occurrence by occurrence, before and after the range, up
// to a cap; a rule without end is said to be one.

#include "import_support.hpp"

#include <catch2/catch.hpp>

using test::fixture;
using test::import_json;
using test::Kioskctl;

namespace {

std::string daily_rule_calendar(const std::string& first_day, const std::string& rule)
{
    return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//FR\r\nBEGIN:VEVENT\r\n"
           "UID:quotidien\r\nSUMMARY:Permanence\r\nLOCATION:Salle Bréhat\r\n"
           "DTSTART;TZID=Europe/Paris:" +
           first_day + "T140000\r\nDTEND;TZID=Europe/Paris:" + first_day +
           "T150000\r\nRRULE:" + rule + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

} // namespace

TEST_CASE("without --from and --to the report names the default range and counts each "
          "occurrence left out",
          "[import]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    // Weekly on Tuesdays from 6 January 2026, without end; 13 January excluded; 20 January
    // moved to 5 March. Default range at 1 March: 1 March to 30 April. Before it: 6 and
    // 27 January, 3, 10, 17 and 24 February (6); in it: nine Tuesdays and the moved one.
    const auto result = test::import(kioskctl, fixture("endless_weekly.ics"), {"--site", "rennes"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::Contains("Période importée : du 1er mars au 30 avril 2026 "
                                           "(par défaut : aujourd'hui et les 60 jours suivants"));
    CHECK_THAT(result.out, Catch::Contains("10 ajoutées"));
    CHECK_THAT(result.out, Catch::Contains("  6 occurrences hors de la période, non importées\n"));
    CHECK_THAT(result.out, Catch::Contains("« Café numérique » [ligne 4] se répète sans fin : "
                                           "ses occurrences après la période ne sont pas "
                                           "comptées"));

    Kioskctl again;
    again.ok({"init"});
    const auto report = import_json(again, fixture("endless_weekly.ics"), {"--site", "rennes"});
    CHECK(report["range_default"] == nlohmann::json({{"from", true}, {"to", true}}));
    CHECK(report["outside_range"] == 6);
    CHECK(report["outside_range_at_least"] == false);
    REQUIRE(report["repeating_without_end"].size() == 1);
    CHECK(report["repeating_without_end"][0]["line"] == 4);
    CHECK(report["repeating_without_end"][0]["start"] == "2026-01-06T14:00:00+01:00");
}

TEST_CASE("a rule with COUNT or UNTIL is counted to its end, before and after the range",
          "[import]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    // 10 000 days from 5 November 2026; the default range keeps 61 of them.
    const auto report = import_json(kioskctl, fixture("ten_thousand_days.ics"),
                                    {"--at", "2026-11-05 08:00", "--site", "rennes"});
    CHECK(report["added"].size() == 61);
    CHECK(report["outside_range"] == 10000 - 61);
    CHECK(report["outside_range_at_least"] == false);
    CHECK(report["repeating_without_end"].empty());

    // Weekly from 3 March to 28 April: 17 March excluded, 24 March moved to the 26th,
    // 7 April cancelled. From 20 March: 3 and 10 March are left out, the moved one is not.
    Kioskctl other;
    other.ok({"init"});
    const auto result =
        test::import(other, fixture("weekly_workshop.ics"),
                     {"--site", "rennes", "--from", "2026-03-20", "--to", "2026-04-30"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::Contains("Période importée : du 20 mars au 30 avril 2026\n"));
    CHECK_THAT(result.out, Catch::Contains("  2 occurrences hors de la période, non importées\n"));
    CHECK(result.out.find("par défaut") == std::string::npos);
}

TEST_CASE("counting stops at 10 000 occurrences and says at least, with or without an end",
          "[import]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    // Daily from 3 January 2000, 30 000 times; March 2026 imported. The rule is walked until
    // 10 000 occurrences outside the range; 28 February and 1 April, next to the range, are
    // counted apart: at least 10 002.
    const auto counted = kioskctl.dir() / "longue.ics";
    test::write_file(counted, daily_rule_calendar("20000103", "FREQ=DAILY;COUNT=30000"));
    const std::vector<std::string> march{"--site",     "rennes", "--from",
                                         "2026-03-01", "--to",   "2026-03-31"};
    const auto capped = test::import(kioskctl, counted.string(), march);
    INFO(capped.err);
    REQUIRE(capped.exit_code == 0);
    CHECK_THAT(capped.out, Catch::Contains("31 ajoutées"));
    CHECK_THAT(
        capped.out,
        Catch::Contains("  au moins 10 002 occurrences hors de la période, non importées\n"));
    CHECK(capped.out.find("sans fin") == std::string::npos);

    // The same without end, from 3 January 2000: the 9 554 days before March are all
    // counted, with 1 April; what follows is said to be endless, not counted.
    const auto from_2000 = kioskctl.dir() / "depuis-2000.ics";
    test::write_file(from_2000, daily_rule_calendar("20000103", "FREQ=DAILY"));
    const auto endless = import_json(kioskctl, from_2000.string(), march);
    CHECK(endless["range_default"] == nlohmann::json({{"from", false}, {"to", false}}));
    CHECK(endless["outside_range"] == 9554 + 1);
    CHECK(endless["outside_range_at_least"] == false);
    CHECK(endless["repeating_without_end"].size() == 1);

    // From 1990 the days before March are more than the cap.
    const auto from_1990 = kioskctl.dir() / "depuis-1990.ics";
    test::write_file(from_1990, daily_rule_calendar("19900101", "FREQ=DAILY"));
    const auto both = import_json(kioskctl, from_1990.string(), march);
    CHECK(both["outside_range"] == 10000 + 2);
    CHECK(both["outside_range_at_least"] == true);
    CHECK(both["repeating_without_end"].size() == 1);
}

TEST_CASE("a range that cannot be read or is empty is refused and changes nothing",
          "[import][bad-input]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    import_json(kioskctl, fixture("weekly_workshop.ics"),
                {"--site", "rennes", "--to", "2026-12-31"});
    const std::pair<std::vector<std::string>, std::string> cases[] = {
        {{"--from", "2026-04-31"}, "--from : la date 2026-04-31 n'existe pas"},
        {{"--to", "demain"}, "--to : date « demain » invalide"},
        {{"--from", "2026-05-01", "--to", "2026-04-30"},
         "--to : le dernier jour est avant le premier (--from)"}};
    for (const auto& [range, message] : cases) {
        auto options = range;
        options.insert(options.begin(), {"--site", "rennes"});
        const auto before = kioskctl.snapshot();
        const auto result = test::import(kioskctl, fixture("endless_weekly.ics"), options);
        INFO(result.out << result.err);
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.err, Catch::Contains(message));
        CHECK(kioskctl.snapshot() == before);
    }
}
