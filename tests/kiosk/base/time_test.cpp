#include "kiosk/base/sizes.hpp"
#include "kiosk/base/time.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;
using namespace std::chrono_literals;

namespace {
Instant utc(const char* text) { return *parse_local_time(std::string(text) + "Z"); }
Instant paris(const char* text) { return *parse_local_time(text); }
} // namespace

TEST_CASE("local times are read in Europe/Paris", "[time]")
{
    CHECK(paris("2026-11-26 14:30") == utc("2026-11-26 13:30"));
    CHECK(paris("2026-07-14 14:30") == utc("2026-07-14 12:30"));
    CHECK(paris("2026-07-14T14:30") == utc("2026-07-14 12:30"));
    CHECK(paris("2026-07-14 14:30:00") == utc("2026-07-14 12:30"));
}

TEST_CASE("a time inside the spring-forward gap is refused", "[time][dst]")
{
    for (const char* text : {"2026-03-29 02:00", "2026-03-29 02:30", "2026-03-29 02:59"}) {
        const auto result = parse_local_time(text);
        REQUIRE_FALSE(result);
        CHECK_THAT(result.error(), Catch::Contains("n'existe pas"));
    }
    CHECK(paris("2026-03-29 01:59") == utc("2026-03-29 00:59"));
    CHECK(paris("2026-03-29 03:00") == utc("2026-03-29 01:00"));
}

TEST_CASE("the repeated autumn hour resolves to its first occurrence unless an offset is given",
          "[time][dst]")
{
    CHECK(paris("2026-10-25 02:30") == utc("2026-10-25 00:30"));
    CHECK(paris("2026-10-25 02:30+02:00") == utc("2026-10-25 00:30"));
    CHECK(paris("2026-10-25 02:30+01:00") == utc("2026-10-25 01:30"));
    CHECK(paris("2026-10-25 03:00") == utc("2026-10-25 02:00"));
}

TEST_CASE("malformed dates and times are refused with the text they got", "[time]")
{
    for (const char* text : {"", "2026-11-26", "26/11/2026 10:00", "2026-13-01 10:00",
                             "2026-02-30 10:00", "2026-11-26 24:00", "2026-11-26 10:60",
                             "2026-11-26 10:00 extra", "2026-11-26 1O:00"}) {
        INFO(text);
        const auto result = parse_local_time(text);
        REQUIRE_FALSE(result);
    }
    CHECK_FALSE(parse_day("2026-02-29"));
    CHECK(parse_day("2028-02-29"));
    CHECK_THAT(parse_day("hier").error(), Catch::Contains("hier"));
}

TEST_CASE("days are 23 and 25 hours long on the DST days", "[time][dst]")
{
    const auto spring = local_day_range(*parse_day("2026-03-29"));
    const auto autumn = local_day_range(*parse_day("2026-10-25"));
    const auto ordinary = local_day_range(*parse_day("2026-11-26"));
    CHECK(spring.end - spring.begin == 23h);
    CHECK(autumn.end - autumn.begin == 25h);
    CHECK(ordinary.end - ordinary.begin == 24h);
    CHECK(autumn.begin == utc("2026-10-24 22:00"));
    CHECK(autumn.end == utc("2026-10-25 23:00"));
}

TEST_CASE("instants are shown in French and ISO forms", "[time]")
{
    CHECK(french_day(*parse_day("2026-11-26")) == "jeudi 26 novembre");
    CHECK(french_day(*parse_day("2026-02-01")) == "dimanche 1er février");
    CHECK(french_day(*parse_day("2026-08-15")) == "samedi 15 août");
    CHECK(french_day_span(*parse_day("2026-12-01"), *parse_day("2026-12-31")) ==
          "du 1er au 31 décembre 2026");
    CHECK(french_day_span(*parse_day("2026-03-01"), *parse_day("2026-04-30")) ==
          "du 1er mars au 30 avril 2026");
    CHECK(french_day_span(*parse_day("2026-12-15"), *parse_day("2027-02-13")) ==
          "du 15 décembre 2026 au 13 février 2027");
    CHECK(french_day_span(*parse_day("2026-03-05"), *parse_day("2026-03-05")) == "le 5 mars 2026");
    CHECK(french_time(paris("2026-11-26 14:32")) == "14 h 32");
    CHECK(french_time(paris("2026-11-26 09:00")) == "9 h");
    CHECK(french_time(paris("2026-11-26 09:05")) == "9 h 05");
    CHECK(format_iso8601(paris("2026-10-25 01:30")) == "2026-10-25T01:30:00+02:00");
    CHECK(format_iso8601(paris("2026-10-25 03:30")) == "2026-10-25T03:30:00+01:00");
    CHECK(format_iso8601(paris("2026-10-25 02:30+01:00")) == "2026-10-25T02:30:00+01:00");
    CHECK(format_local_datetime(utc("2026-03-29 01:30")) == "2026-03-29 03:30");
}

TEST_CASE("a frozen clock always answers the same instant", "[time]")
{
    const auto at = paris("2026-10-25 02:30");
    const auto clock = Clock::frozen(at);
    CHECK(clock.now() == at);
    CHECK(clock.is_frozen());
    CHECK(Clock::system().now() > paris("2025-01-01 00:00"));
}

TEST_CASE("ages and sizes read as staff say them, never 2275 h or 78613.5 Mo", "[time]")
{
    using namespace std::chrono_literals;
    CHECK(kiosk::french_duration(40s) == "40 s");
    CHECK(kiosk::french_duration(12min) == "12 min");
    CHECK(kiosk::french_duration(26h) == "26 h");
    CHECK(kiosk::french_duration(2275h) == "94 j");
    CHECK(kiosk::french_duration(-5s) == "0 s");
    CHECK(kiosk::french_size(850ull * 1024 * 1024) == "850 Mo");
    CHECK(kiosk::french_size(static_cast<std::uintmax_t>(78613.5 * 1024 * 1024)) == "76 Go");
}
