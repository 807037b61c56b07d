#pragma once

// Reading one VEVENT parsed by libical: where its properties were in the file, its times in
// their zones, and the session fields it maps to. libical stays inside kiosk/src.

#include "content_lines.hpp"
#include "import_records.hpp"
#include "schedule/import/recurrence.hpp"

#include <libical/ical.h>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace kiosk {

[[nodiscard]] int line_of(icalproperty* property);
[[nodiscard]] int line_of(icalcomponent* component);
[[nodiscard]] std::string property_name(icalproperty* property);
// The value as text, iCalendar escapes (\, \; \n \\) undone.
[[nodiscard]] std::string text_of(icalproperty* property);

struct ZonedTime {
    LocalTime local;
    const date::time_zone* zone = nullptr; // none: UTC
    StartForm form = StartForm::DateTime;
};

// DATE-TIME in UTC, with a TZID, or floating (then `floating_zone`: X-WR-TIMEZONE or Paris).
[[nodiscard]] tl::expected<ZonedTime, ImportError> read_time(icalproperty* property,
                                                             icaltimetype value,
                                                             const date::time_zone* floating_zone,
                                                             const ReadContext& context);

// RFC 5545 §3.3.5: a wall-clock time in the spring gap is read with the offset before the
// gap (02:30 becomes 03:30 summer time); in the repeated autumn hour it is the first one.
[[nodiscard]] Instant to_instant(const ZonedTime& time);
[[nodiscard]] LocalTime to_local(Instant instant, const date::time_zone* zone);

// A VEVENT and, for a moved occurrence, the series it overrides: what the occurrence does not
// say itself, it inherits.
struct EventSource {
    icalcomponent* event = nullptr;
    icalcomponent* series = nullptr;

    [[nodiscard]] icalproperty* first(icalproperty_kind kind) const;
    [[nodiscard]] icalproperty* first_x(std::string_view name) const;
    [[nodiscard]] std::vector<icalproperty*> all(icalproperty_kind kind) const;
};

struct MappedEvent {
    Session session; // everything but uid, times and status
    bool cancelled = false;
    // Where each field came from, to name the line when the value is refused.
    std::vector<std::pair<std::string, icalproperty*>> origins;
};

[[nodiscard]] tl::expected<MappedEvent, ImportError> map_event(const EventSource& source,
                                                               const ReadContext& context);

inline constexpr std::string_view all_day_reason =
    "journée entière, sans heure : le tableau n'affiche que des sessions avec un début et une "
    "fin";

struct Timing {
    ZonedTime start;
    std::chrono::seconds length{0};
};

// DTSTART and DTEND or DURATION; a moved occurrence may inherit both from its series. A
// reason instead when the event cannot be a session (all day, no end, no length).
[[nodiscard]] tl::expected<std::variant<Timing, std::string>, ImportError>
read_timing(icalcomponent* event, const date::time_zone* floating,
            std::optional<ZonedTime> default_start,
            std::optional<std::chrono::seconds> default_length, const ReadContext& context);

struct Occurrence {
    Instant start;
    std::chrono::seconds length;
    EventSource source;
};

// The occurrences of a recurring series near the imported range, keyed by their original
// start (the RECURRENCE-ID a moved occurrence names): DTSTART, RRULEs and RDATEs, less EXDATEs.
[[nodiscard]] tl::expected<void, ImportError>
expand_series(icalcomponent* master, const Timing& timing,
              std::map<Instant, Occurrence>& occurrences, const ReadContext& context);

} // namespace kiosk
