#pragma once

// Time in the kiosk: instants are UTC seconds everywhere (database, payloads, comparisons);
// Europe/Paris is only for what people read and type.

#include <chrono>
#include <cstdint>
#include <date/date.h>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace kiosk {

using Instant = std::chrono::sys_seconds;
using Minutes = std::chrono::minutes;
using Day = date::year_month_day;

[[nodiscard]] constexpr std::int64_t unix_seconds(Instant instant)
{
    return instant.time_since_epoch().count();
}
[[nodiscard]] constexpr Instant from_unix_seconds(std::int64_t seconds)
{
    return Instant{std::chrono::seconds{seconds}};
}

struct DayRange {
    Instant begin; // local midnight, as an instant
    Instant end;   // next local midnight: 23 or 25 hours later on the DST days
};

// A local date and time as typed by staff: "YYYY-MM-DD HH:MM" (or with a 'T').
// A time inside the spring-forward gap does not exist and is refused. A time in the
// autumn's repeated hour is resolved to its first occurrence (summer time, as calendar
// applications do); append "+01:00" to mean the second one, or "+02:00" to be explicit.
[[nodiscard]] tl::expected<Instant, std::string> parse_local_time(std::string_view text);
[[nodiscard]] tl::expected<Day, std::string> parse_day(std::string_view text);

[[nodiscard]] DayRange local_day_range(Day day);
[[nodiscard]] Day local_day(Instant instant);
[[nodiscard]] Minutes local_time_of_day(Instant instant);
[[nodiscard]] Instant local_midnight_after(Instant instant);

[[nodiscard]] std::string format_day(Day day);                    // 2026-11-26
[[nodiscard]] std::string format_local_hm(Instant instant);       // 14:30
[[nodiscard]] std::string format_local_datetime(Instant instant); // 2026-11-26 14:30
[[nodiscard]] std::string format_iso8601(Instant instant);        // 2026-11-26T14:30:00+01:00
// Reads what format_iso8601() writes (any offset, or Z); none when it is not of that form.
[[nodiscard]] std::optional<Instant> parse_iso8601(std::string_view text);

// French forms for the screen and printed tickets.
[[nodiscard]] std::string french_time(Instant instant); // "14 h 30", "9 h"
[[nodiscard]] std::string french_day(Day day);          // "jeudi 26 novembre"
// "du 1er au 31 décembre 2026", "du 15 décembre 2026 au 14 février 2027", "le 5 mars 2026".
[[nodiscard]] std::string french_day_span(Day first, Day last);
// How long, roughly, for staff: "40 s", "12 min", "2 h", "3 j" (never negative).
[[nodiscard]] std::string french_duration(std::chrono::seconds duration);

// Whether the system clock can be believed about "now".
enum class ClockTrust { Synchronised, Unsynchronised };

// Unsynchronised when the clock reads a year before the software existed (a board without a
// real-time clock, booted offline) or when the kernel says so (ntp_adjtime: TIME_ERROR or
// STA_UNSYNC).
[[nodiscard]] ClockTrust system_clock_trust(Instant now);

// The clock is handed to whatever depends on "now", so any instant can be replayed.
class Clock {
public:
    [[nodiscard]] static Clock system();
    [[nodiscard]] static Clock frozen(Instant at);
    [[nodiscard]] Instant now() const;
    [[nodiscard]] bool is_frozen() const { return frozen_; }
    // Whether "now" can be believed: a frozen clock is a replay of a chosen instant, trusted
    // by definition; the system's clock is asked (system_clock_trust).
    [[nodiscard]] ClockTrust trust() const;

private:
    Clock(bool frozen, Instant at) : frozen_(frozen), at_(at) {}
    bool frozen_;
    Instant at_;
};

} // namespace kiosk
