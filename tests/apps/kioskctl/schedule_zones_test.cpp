// Calendars that define their own time zone (a VTIMEZONE under a name the tz database does
// not know, as some exporters write) import with the file's rules; a TZID nobody defines is
// refused.

#include "import_support.hpp"

#include <catch2/catch.hpp>

using test::find_session;
using test::fixture;
using test::import_json;
using test::Kioskctl;

TEST_CASE("a calendar's own VTIMEZONEs: custom_America/New_York, MyTimezone, /Europe/CUSTOM",
          "[import][dst]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto report =
        import_json(kioskctl, fixture("custom_zones.ics"),
                    {"--site", "rennes", "--from", "2026-02-01", "--to", "2026-11-30"});
    CHECK(report["added"].size() == 10);
    CHECK(report["skipped"].empty());
    const auto session = [&](const std::string& date, const std::string& title) {
        const auto found = find_session(kioskctl, "rennes", date, title);
        REQUIRE(found != nullptr);
        return found;
    };
    // 10:00 in New York every Tuesday. New York moves to summer time on 8 March, Paris on
    // 29 March: for three weeks the workshop is an hour earlier in Paris.
    const std::string weekly = "Permanence avec New York";
    CHECK(session("2026-02-24", weekly)["start"] == "2026-02-24T16:00:00+01:00");
    CHECK(session("2026-03-03", weekly)["start"] == "2026-03-03T16:00:00+01:00");
    CHECK(session("2026-03-10", weekly)["start"] == "2026-03-10T15:00:00+01:00");
    CHECK(session("2026-03-17", weekly)["start"] == "2026-03-17T15:00:00+01:00");
    CHECK(session("2026-03-24", weekly)["start"] == "2026-03-24T15:00:00+01:00");
    // UNTIL=20260331T140000Z is 10:00 New York summer time: the last occurrence is kept.
    CHECK(session("2026-03-31", weekly)["start"] == "2026-03-31T16:00:00+02:00");
    CHECK(session("2026-03-31", weekly)["end"] == "2026-03-31T17:00:00+02:00");
    CHECK(find_session(kioskctl, "rennes", "2026-04-07", weekly) == nullptr);

    // RFC 5545 §3.3.5 in the file's zone: 02:30 on 8 March does not exist in New York and is
    // read with the offset before the gap (03:30 EDT, 07:30 UTC); 01:30 on 1 November happens
    // twice and is the first one (EDT, 05:30 UTC), until 03:00 EST (08:00 UTC).
    const auto gap = session("2026-03-08", "n'existe pas");
    CHECK(gap["start"] == "2026-03-08T08:30:00+01:00");
    CHECK(gap["end"] == "2026-03-08T09:30:00+01:00");
    const auto repeated = session("2026-11-01", "répétée");
    CHECK(repeated["start"] == "2026-11-01T06:30:00+01:00");
    CHECK(repeated["end"] == "2026-11-01T09:00:00+01:00");

    // Fixed offsets the file gives, not a zone guessed from the name: +05:30 and +03:00.
    CHECK(session("2026-03-05", "Bangalore")["start"] == "2026-03-05T10:00:00+01:00");
    CHECK(session("2026-03-06", "Moscou")["start"] == "2026-03-06T10:00:00+01:00");
}

TEST_CASE("a TZID that neither the tz database nor the file defines is refused, and so is a "
          "VTIMEZONE that cannot be read",
          "[import][bad-input]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    import_json(kioskctl, fixture("weekly_workshop.ics"),
                {"--site", "rennes", "--to", "2026-12-31"});
    const std::pair<std::string, std::string> cases[] = {
        {"bad/unknown_tzid.ics",
         "unknown_tzid.ics:8 : DTSTART : fuseau horaire inconnu « Mars/Olympus_Mons » : ni la "
         "base des fuseaux horaires ni le fichier (VTIMEZONE) ne le définissent"},
        {"bad/incomplete_vtimezone.ics",
         "incomplete_vtimezone.ics:6 : VTIMEZONE : fuseau horaire « custom_America/New_York » "
         "inutilisable : DAYLIGHT sans DTSTART, TZOFFSETFROM ou TZOFFSETTO"},
        {"bad/vtimezone_every_second.ics",
         "vtimezone_every_second.ics:10 : VTIMEZONE : fuseau horaire « MyTimezone » "
         "inutilisable : seules les règles annuelles"}};
    for (const auto& [file, message] : cases) {
        const auto before = kioskctl.snapshot();
        const auto result =
            test::import(kioskctl, fixture(file), {"--site", "rennes", "--to", "2026-12-31"});
        INFO(file << "\nstdout: " << result.out << "\nstderr: " << result.err);
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.err, Catch::Contains("import refusé, rien n'a changé : " + message));
        CHECK(kioskctl.snapshot() == before);
    }
}
