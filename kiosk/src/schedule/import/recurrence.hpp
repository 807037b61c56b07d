#pragma once

// Expansion of an iCalendar recurrence rule (RFC 5545 §3.3.10), computed by libical.

#include "calendar_zone.hpp"

#include <cstddef>
#include <date/date.h>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace kiosk {

enum class StartForm { DateTime, Date };

struct RecurrenceLimits {
    std::size_t max_steps = 100000;   // occurrences walked through, before and inside the window
    std::size_t max_instances = 1000; // occurrences kept inside the window
};

enum class RecurrenceProblem {
    Invalid,
    Unsupported, // a part libical 3.0 expands wrongly (BYWEEKNO, several BYSETPOS…): refused
    UntilBeforeStart,
    TooManySteps,
    TooManyInstances,
};

struct RecurrenceError {
    RecurrenceProblem problem;
    std::string message; // French, for the import report
};

struct RecurrenceRequest {
    std::string_view rule; // "FREQ=WEEKLY;BYDAY=TU;UNTIL=…", without "RRULE:"
    LocalTime start;       // DTSTART, in the wall clock of its time zone
    StartForm form = StartForm::DateTime;
    // Converts a UTC UNTIL to that wall clock.
    CalendarZone zone;
    LocalTime window_begin; // occurrences starting before this are walked through, not kept
    LocalTime window_end;   // expansion stops at the first occurrence from here on
    RecurrenceLimits limits;
};

// Refused as Unsupported, because libical 3.0.16 gets them wrong: BYWEEKNO; BYSETPOS with
// several positions; BY* parts in HOURLY, MINUTELY or SECONDLY rules; negative BYMONTHDAY in
// DAILY rules; BYHOUR/BYMINUTE/BYSECOND with a DATE start; a value repeated in a BY* list.
// Occurrence starts in the wall clock of DTSTART, so a 9:00 weekly workshop stays at 9:00 on
// both sides of a DST change, as the RFC wants. DTSTART itself is the first occurrence.
[[nodiscard]] tl::expected<std::vector<LocalTime>, RecurrenceError>
expand_recurrence(const RecurrenceRequest& request);

struct OutsideWindow {
    std::vector<LocalTime> starts; // before window_begin, then from window_end on
    bool endless = false;          // neither COUNT nor UNTIL: nothing after the window is walked
    bool capped = false;           // stopped at the cap: there are more
};

// What expand_recurrence leaves out of the window, walked from DTSTART: at most `cap`
// occurrences, and none after the window for a rule without end. For counting only: a rule
// expand_recurrence refuses gives nothing here.
[[nodiscard]] OutsideWindow occurrences_outside(const RecurrenceRequest& request, std::size_t cap);

} // namespace kiosk
