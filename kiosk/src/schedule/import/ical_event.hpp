#pragma once

// Reading one VEVENT parsed by libical: where its properties were in the file, its times in
// their zones, and the session fields it maps to. libical stays inside kiosk/src.

#include "calendar_zone.hpp"
#include "content_lines.hpp"
#include "file_time_zones.hpp"
#include "import_records.hpp"
#include "schedule/import/recurrence.hpp"

#include <libical/ical.h>
#include <map>
#include <optional>
#include <set>
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
    CalendarZone zone; // UTC unless a TZID or the calendar says otherwise
    StartForm form = StartForm::DateTime;
};

// Where read_time places a wall-clock time: the zone of times without TZID (X-WR-TIMEZONE or
// Paris; for a moved occurrence, its series' zone), and the file's own VTIMEZONEs.
struct ZoneLookup {
    CalendarZone floating;
    FileTimeZones& file;
};

// DATE-TIME in UTC, floating, or with a TZID: a name of the tz database (IANA, Windows, or an
// IANA name behind a vendor prefix) and otherwise a VTIMEZONE of the file.
[[nodiscard]] tl::expected<ZonedTime, ImportError> read_time(icalproperty* property,
                                                             icaltimetype value,
                                                             const ZoneLookup& zones,
                                                             const ReadContext& context);

[[nodiscard]] inline Instant to_instant(const ZonedTime& time)
{
    return time.zone.to_instant(time.local);
}

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
read_timing(icalcomponent* event, const ZoneLookup& zones, std::optional<ZonedTime> default_start,
            std::optional<std::chrono::seconds> default_length, const ReadContext& context);

struct Occurrence {
    Instant start;
    std::chrono::seconds length;
    EventSource source;
};

// The occurrences of a recurring series near the imported range, keyed by their original
// start (the RECURRENCE-ID a moved occurrence names): DTSTART, RRULEs and RDATEs, less EXDATEs.
[[nodiscard]] tl::expected<void, ImportError>
expand_series(icalcomponent* master, const Timing& timing, FileTimeZones& file_zones,
              std::map<Instant, Occurrence>& occurrences, const ReadContext& context);

struct OutsideCount {
    int occurrences = 0;
    bool capped = false;  // stopped at `cap`: there are more
    bool endless = false; // a rule without COUNT or UNTIL: nothing after the range was counted
};

// What expand_series left out: the occurrences of the series outside its window, from DTSTART
// on, less EXDATEs and the original starts `moved` occurrences replace (those are counted
// where they are moved to). At most `cap` are counted.
[[nodiscard]] OutsideCount count_outside_window(icalcomponent* master, const Timing& timing,
                                                FileTimeZones& file_zones,
                                                const std::set<Instant>& moved, int cap,
                                                const ReadContext& context);

} // namespace kiosk
