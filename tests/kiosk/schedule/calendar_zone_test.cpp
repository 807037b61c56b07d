// A zone a calendar defines itself (VTIMEZONE) must place times exactly as the tz database
// places them for the zone it copies: every half hour of a year, the spring gap and the
// repeated autumn hour included.

#include "schedule/import/file_time_zones.hpp"

#include <catch2/catch.hpp>
#include <memory>

namespace {

constexpr const char* new_york_copy = "BEGIN:VCALENDAR\r\n"
                                      "BEGIN:VTIMEZONE\r\n"
                                      "TZID:custom_America/New_York\r\n"
                                      "BEGIN:DAYLIGHT\r\n"
                                      "TZOFFSETFROM:-0500\r\n"
                                      "TZOFFSETTO:-0400\r\n"
                                      "DTSTART:20070311T020000\r\n"
                                      "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"
                                      "END:DAYLIGHT\r\n"
                                      "BEGIN:STANDARD\r\n"
                                      "TZOFFSETFROM:-0400\r\n"
                                      "TZOFFSETTO:-0500\r\n"
                                      "DTSTART:20071104T020000\r\n"
                                      "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"
                                      "END:STANDARD\r\n"
                                      "END:VTIMEZONE\r\n"
                                      "BEGIN:VTIMEZONE\r\n"
                                      "TZID:Every second\r\n"
                                      "BEGIN:STANDARD\r\n"
                                      "TZOFFSETFROM:+0100\r\n"
                                      "TZOFFSETTO:+0200\r\n"
                                      "DTSTART:19700101T000000\r\n"
                                      "RRULE:FREQ=SECONDLY\r\n"
                                      "END:STANDARD\r\n"
                                      "END:VTIMEZONE\r\n"
                                      "END:VCALENDAR\r\n";

using Calendar = std::unique_ptr<icalcomponent, decltype(&icalcomponent_free)>;

} // namespace

TEST_CASE("a VTIMEZONE copying New York agrees with the tz database all through 2026",
          "[import][dst]")
{
    Calendar calendar(icalparser_parse_string(new_york_copy), &icalcomponent_free);
    REQUIRE(calendar);
    kiosk::FileTimeZones zones;
    const auto file = zones.find(calendar.get(), "custom_America/New_York");
    REQUIRE(file);
    const kiosk::CalendarZone database(date::locate_zone("America/New_York"));

    const kiosk::LocalTime first = date::local_days{date::year{2026} / 1 / 1};
    int compared = 0;
    for (auto local = first; local < first + date::days{366}; local += std::chrono::minutes{30}) {
        INFO(date::format("%F %R", local));
        REQUIRE(file->to_instant(local) == database.to_instant(local));
        const kiosk::Instant instant{local.time_since_epoch()};
        REQUIRE(file->to_local(instant) == database.to_local(instant));
        ++compared;
    }
    CHECK(compared == 366 * 48);
    // The two days it is all about, spelled out.
    using namespace std::chrono_literals;
    const auto utc = [](date::sys_days day, std::chrono::minutes at) { return day + at; };
    CHECK(file->to_instant(date::local_days{date::year{2026} / 3 / 8} + 2h + 30min) ==
          utc(date::sys_days{date::year{2026} / 3 / 8}, 7h + 30min)); // gap: 03:30 EDT
    CHECK(file->to_instant(date::local_days{date::year{2026} / 11 / 1} + 1h + 30min) ==
          utc(date::sys_days{date::year{2026} / 11 / 1}, 5h + 30min)); // first 01:30, EDT
}

TEST_CASE("a zone the file does not define, and one libical could not expand in time", "[import]")
{
    Calendar calendar(icalparser_parse_string(new_york_copy), &icalcomponent_free);
    REQUIRE(calendar);
    kiosk::FileTimeZones zones;
    const auto missing = zones.find(calendar.get(), "Mars/Olympus_Mons");
    REQUIRE(!missing);
    CHECK(missing.error().reason == kiosk::FileZoneProblem::Reason::Undefined);
    const auto runaway = zones.find(calendar.get(), "Every second");
    REQUIRE(!runaway);
    CHECK(runaway.error().reason == kiosk::FileZoneProblem::Reason::Unusable);
    CHECK_THAT(runaway.error().message, Catch::Contains("règles annuelles"));
}
