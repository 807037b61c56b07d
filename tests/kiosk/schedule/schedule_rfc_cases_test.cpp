// Calendars of python-recurring-ical-events whose occurrences the RFC decides: DST, excluded,
// moved and cancelled occurrences. The expectations are derived from RFC 5545 and written
// next to each check. Europe/Berlin and Europe/Brussels have the offsets of Paris, so the
// Paris times the database shows are the calendars' own wall-clock times.

#include "conformance_data.hpp"
#include "import_support.hpp"

#include <catch2/catch.hpp>

using test::find_session;
using test::Kioskctl;

namespace {

nlohmann::json import_calendar(const Kioskctl& kioskctl, const std::string& name,
                               const std::string& from, const std::string& to)
{
    const auto file = test::conformance_data("recurring-ical-events") / name;
    return test::import_json(kioskctl, file.string(),
                             {"--site", "nancy", "--from", from, "--to", to});
}

std::vector<std::string> starts(const Kioskctl& kioskctl, const std::string& date,
                                const std::string& title)
{
    std::vector<std::string> found;
    const auto day = kioskctl.day("nancy", date);
    for (const auto& session : day["sessions"])
        if (session["title"] == title)
            found.push_back(session["start"]);
    return found;
}

} // namespace

TEST_CASE("RFC 5545 occurrences of recurring-ical-events calendars", "[conformance]")
{
    test::conformance_data("recurring-ical-events");
    Kioskctl kioskctl;
    kioskctl.ok({"init"});

    SECTION("daylight_saving_time.ics: a weekly event keeps its wall-clock time across DST")
    {
        // RRULE weekly on Thursday at 08:30 Europe/Berlin from 28 February 2019, EXDATE
        // 7 March; DST begins 31 March. §3.3.10: occurrences keep the local time of DTSTART.
        import_calendar(kioskctl, "daylight_saving_time.ics", "2019-02-25", "2019-04-10");
        const std::string title = "Montessori Schulklasse";
        CHECK(starts(kioskctl, "2019-02-28", title) ==
              std::vector<std::string>{"2019-02-28T08:30:00+01:00"});
        CHECK(starts(kioskctl, "2019-03-07", title).empty()); // EXDATE
        CHECK(starts(kioskctl, "2019-03-28", title) ==
              std::vector<std::string>{"2019-03-28T08:30:00+01:00"});
        CHECK(starts(kioskctl, "2019-04-04", title) ==
              std::vector<std::string>{"2019-04-04T08:30:00+02:00"});
    }
    SECTION("each_week_but_one_deleted.ics: EXDATE in UTC removes the matching occurrence")
    {
        // Weekly, COUNT=8, from 4 March 2019 00:30 Berlin; EXDATE 20190310T233000Z is 11 March
        // 00:30 Berlin. 8 - 1 = 7 occurrences, the one after DST at 00:30 summer time.
        const auto report =
            import_calendar(kioskctl, "each_week_but_one_deleted.ics", "2019-03-01", "2019-05-31");
        CHECK(report["added"].size() == 7);
        CHECK(starts(kioskctl, "2019-03-11", "test6").empty());
        CHECK(starts(kioskctl, "2019-04-01", "test6") ==
              std::vector<std::string>{"2019-04-01T00:30:00+02:00"});
        CHECK(starts(kioskctl, "2019-04-22", "test6").size() == 1);
    }
    SECTION("recurring_events_moved.ics: RECURRENCE-ID replaces the occurrence it names")
    {
        // §3.8.4.4: the overriding VEVENT replaces the 19 March occurrence (new summary and
        // location); the 8 and 9 March occurrences of "New Event" move to 01:00 and 03:00.
        // UNTIL=20190310T010000Z is 02:00 Berlin on 10 March: that occurrence is included.
        import_calendar(kioskctl, "recurring_events_moved.ics", "2019-03-01", "2019-03-31");
        CHECK(starts(kioskctl, "2019-03-18", "test7").size() == 1);
        CHECK(starts(kioskctl, "2019-03-19", "test7").empty());
        const auto edited = find_session(kioskctl, "nancy", "2019-03-19", "test7 - edited");
        REQUIRE(edited != nullptr);
        CHECK(edited["room"] == "location");
        CHECK(edited["start"] == "2019-03-19T04:00:00+01:00");
        CHECK(starts(kioskctl, "2019-03-20", "test7").size() == 1);
        CHECK(starts(kioskctl, "2019-03-07", "New Event") ==
              std::vector<std::string>{"2019-03-07T02:00:00+01:00"});
        CHECK(starts(kioskctl, "2019-03-08", "New Event") ==
              std::vector<std::string>{"2019-03-08T01:00:00+01:00"});
        CHECK(starts(kioskctl, "2019-03-09", "New Event") ==
              std::vector<std::string>{"2019-03-09T03:00:00+01:00"});
        CHECK(starts(kioskctl, "2019-03-10", "New Event") ==
              std::vector<std::string>{"2019-03-10T02:00:00+01:00"});
    }
    SECTION("issue_18_cancel_status.ics: STATUS:CANCELLED on one occurrence")
    {
        // Daily, COUNT=3, 28–30 January 2020 at 22:00 Berlin; the 29th is cancelled. Never
        // imported before, it is skipped with that reason; the 28th and 30th are imported.
        const auto report =
            import_calendar(kioskctl, "issue_18_cancel_status.ics", "2020-01-27", "2020-01-31");
        CHECK(report["added"].size() == 2);
        REQUIRE(report["skipped"].size() == 1);
        CHECK(report["skipped"][0]["start"] == "2020-01-29T22:00:00+01:00");
        CHECK(starts(kioskctl, "2020-01-29", "one is cancelled").empty());
        CHECK(starts(kioskctl, "2020-01-30", "one is cancelled") ==
              std::vector<std::string>{"2020-01-30T22:00:00+01:00"});
    }
    SECTION("issue_86: X-WR-TIMEZONE gives floating times their zone")
    {
        // DTSTART:20210916T210000 with no zone, X-WR-TIMEZONE:Europe/Brussels.
        import_calendar(kioskctl, "issue_86_x_wr_timezone_without_time_zone_in_dt.ics",
                        "2021-09-01", "2021-09-30");
        CHECK(starts(kioskctl, "2021-09-16", "Summary") ==
              std::vector<std::string>{"2021-09-16T21:00:00+02:00"});
    }
    SECTION("issue_27_t1.ics: folded DTSTART, floating UNTIL, EXDATE in UTC")
    {
        // Daily from 26 April 2020 14:00 Berlin, UNTIL=20200429T000000 (floating, so local):
        // 26, 27, 28. EXDATE:20200427T120000Z is 14:00 Berlin on the 27th: removed. The
        // X-LIC-ERROR notes the file carries from an earlier program are ignored.
        const auto report =
            import_calendar(kioskctl, "issue_27_t1.ics", "2020-04-20", "2020-05-10");
        CHECK(report["added"].size() == 2);
        CHECK(starts(kioskctl, "2020-04-26", "Reoccur") ==
              std::vector<std::string>{"2020-04-26T14:00:00+02:00"});
        CHECK(starts(kioskctl, "2020-04-27", "Reoccur").empty());
        CHECK(starts(kioskctl, "2020-04-28", "Reoccur") ==
              std::vector<std::string>{"2020-04-28T14:00:00+02:00"});
    }
}
