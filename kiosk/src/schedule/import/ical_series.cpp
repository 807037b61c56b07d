#include "ical_event.hpp"

#include <fmt/format.h>
#include <set>

namespace kiosk {
namespace {

// Where expand_series looks: the range, a day wider on each side, in the wall clock of the
// series (the range is in Paris days, the series may be anywhere).
struct Window {
    LocalTime begin;
    LocalTime end;
    [[nodiscard]] bool contains(LocalTime local) const { return local >= begin && local < end; }
};

Window window_of(const CalendarZone& zone, const ImportOptions& options)
{
    return {zone.to_local(options.range_begin) - date::days{1},
            zone.to_local(options.range_end) + date::days{1}};
}

// `text` must outlive the request.
RecurrenceRequest request_for(const std::string& text, const Timing& timing, const Window& window)
{
    RecurrenceRequest request;
    request.rule = text;
    request.start = timing.start.local;
    request.zone = timing.start.zone;
    request.window_begin = window.begin;
    request.window_end = window.end;
    return request;
}

std::string rule_text(icalproperty* rule)
{
    const char* text = icalproperty_get_value_as_string(rule);
    return text ? text : "";
}

struct Exclusions {
    std::set<Instant> instants;
    std::set<date::local_days> days;

    [[nodiscard]] bool contains(LocalTime local, Instant start) const
    {
        return instants.contains(start) || days.contains(date::floor<date::days>(local));
    }
};

tl::expected<Exclusions, ImportError>
read_exclusions(icalcomponent* master, const ZoneLookup& zones, const ReadContext& context)
{
    Exclusions excluded;
    for (icalproperty* exdate = icalcomponent_get_first_property(master, ICAL_EXDATE_PROPERTY);
         exdate; exdate = icalcomponent_get_next_property(master, ICAL_EXDATE_PROPERTY)) {
        auto time = read_time(exdate, icalproperty_get_exdate(exdate), zones, context);
        if (!time)
            return tl::unexpected(time.error());
        if (time->form == StartForm::Date)
            excluded.days.insert(date::floor<date::days>(time->local));
        else
            excluded.instants.insert(to_instant(*time));
    }
    return excluded;
}

} // namespace

tl::expected<std::variant<Timing, std::string>, ImportError>
read_timing(icalcomponent* event, const ZoneLookup& zones, std::optional<ZonedTime> default_start,
            std::optional<std::chrono::seconds> default_length, const ReadContext& context)
{
    Timing timing;
    icalproperty* dtstart = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY);
    if (dtstart) {
        auto start = read_time(dtstart, icalproperty_get_dtstart(dtstart), zones, context);
        if (!start)
            return tl::unexpected(start.error());
        timing.start = *start;
    } else if (default_start) {
        timing.start = *default_start;
    } else {
        return context.error(line_of(event), "DTSTART", "l'événement n'a pas de début");
    }
    if (timing.start.form == StartForm::Date)
        return std::string(all_day_reason);

    icalproperty* end_property = icalcomponent_get_first_property(event, ICAL_DTEND_PROPERTY);
    icalproperty* duration = icalcomponent_get_first_property(event, ICAL_DURATION_PROPERTY);
    if (end_property) {
        auto end = read_time(end_property, icalproperty_get_dtend(end_property), zones, context);
        if (!end)
            return tl::unexpected(end.error());
        if (end->form == StartForm::Date)
            return context.error(line_of(end_property), "DTEND",
                                 "une date sans heure alors que DTSTART a une heure");
        timing.length = to_instant(*end) - to_instant(timing.start);
    } else if (duration) {
        const icaldurationtype value = icalproperty_get_duration(duration);
        if (icaldurationtype_is_bad_duration(value))
            return context.error(line_of(duration), "DURATION", "durée illisible");
        timing.length = std::chrono::seconds{icaldurationtype_as_int(value)};
    } else if (default_length) {
        timing.length = *default_length;
    } else {
        return std::string("ni fin (DTEND) ni durée (DURATION)");
    }
    if (timing.length < std::chrono::seconds{0}) {
        icalproperty* culprit = end_property ? end_property : duration;
        return context.error(line_of(culprit), property_name(culprit),
                             fmt::format("l'événement se termine avant de commencer ({})",
                                         format_local_datetime(to_instant(timing.start))));
    }
    if (timing.length == std::chrono::seconds{0})
        return std::string("durée nulle");
    return timing;
}

tl::expected<void, ImportError> expand_series(icalcomponent* master, const Timing& timing,
                                              FileTimeZones& file_zones,
                                              std::map<Instant, Occurrence>& occurrences,
                                              const ReadContext& context)
{
    const CalendarZone zone = timing.start.zone;
    const ZoneLookup zones{zone, file_zones};
    const Window window = window_of(zone, context.options);
    std::set<LocalTime> starts;
    std::map<LocalTime, std::chrono::seconds> lengths; // RDATE periods carry their own
    if (window.contains(timing.start.local))
        starts.insert(timing.start.local); // DTSTART is always the first occurrence

    for (icalproperty* rule = icalcomponent_get_first_property(master, ICAL_RRULE_PROPERTY); rule;
         rule = icalcomponent_get_next_property(master, ICAL_RRULE_PROPERTY)) {
        const std::string text = rule_text(rule);
        auto expanded = expand_recurrence(request_for(text, timing, window));
        if (!expanded)
            return context.error(line_of(rule), "RRULE", expanded.error().message);
        starts.insert(expanded->begin(), expanded->end());
    }
    for (icalproperty* rdate = icalcomponent_get_first_property(master, ICAL_RDATE_PROPERTY); rdate;
         rdate = icalcomponent_get_next_property(master, ICAL_RDATE_PROPERTY)) {
        const icaldatetimeperiodtype value = icalproperty_get_rdate(rdate);
        const bool is_period = icaltime_is_null_time(value.time);
        auto time = read_time(rdate, is_period ? value.period.start : value.time, zones, context);
        if (!time)
            return tl::unexpected(time.error());
        if (time->form == StartForm::Date)
            continue; // a day without an hour adds nothing to a timed series
        const LocalTime local = zone.to_local(to_instant(*time));
        if (!window.contains(local))
            continue;
        starts.insert(local);
        if (is_period && !icaltime_is_null_time(value.period.end)) {
            auto end = read_time(rdate, value.period.end, zones, context);
            if (!end)
                return tl::unexpected(end.error());
            lengths[local] = to_instant(*end) - to_instant(*time);
        } else if (is_period) {
            lengths[local] = std::chrono::seconds{icaldurationtype_as_int(value.period.duration)};
        }
    }
    const auto excluded = read_exclusions(master, zones, context);
    if (!excluded)
        return tl::unexpected(excluded.error());
    for (const LocalTime local : starts) {
        const Instant start = zone.to_instant(local);
        if (excluded->contains(local, start))
            continue;
        const auto length = lengths.contains(local) ? lengths[local] : timing.length;
        occurrences.emplace(start, Occurrence{start, length, {master, nullptr}});
    }
    return {};
}

OutsideCount count_outside_window(icalcomponent* master, const Timing& timing,
                                  FileTimeZones& file_zones, const std::set<Instant>& moved,
                                  int cap, const ReadContext& context)
{
    OutsideCount count;
    if (cap <= 0) {
        count.capped = true;
        return count;
    }
    const CalendarZone zone = timing.start.zone;
    const ZoneLookup zones{zone, file_zones};
    const Window window = window_of(zone, context.options);
    std::set<LocalTime> starts;
    if (!window.contains(timing.start.local))
        starts.insert(timing.start.local);
    for (icalproperty* rule = icalcomponent_get_first_property(master, ICAL_RRULE_PROPERTY); rule;
         rule = icalcomponent_get_next_property(master, ICAL_RRULE_PROPERTY)) {
        const std::string text = rule_text(rule);
        auto outside =
            occurrences_outside(request_for(text, timing, window), static_cast<std::size_t>(cap));
        starts.insert(outside.starts.begin(), outside.starts.end());
        count.capped |= outside.capped;
        count.endless |= outside.endless;
    }
    for (icalproperty* rdate = icalcomponent_get_first_property(master, ICAL_RDATE_PROPERTY); rdate;
         rdate = icalcomponent_get_next_property(master, ICAL_RDATE_PROPERTY)) {
        const icaldatetimeperiodtype value = icalproperty_get_rdate(rdate);
        const bool is_period = icaltime_is_null_time(value.time);
        auto time = read_time(rdate, is_period ? value.period.start : value.time, zones, context);
        if (time && time->form == StartForm::DateTime &&
            !window.contains(zone.to_local(to_instant(*time))))
            starts.insert(zone.to_local(to_instant(*time)));
    }
    const auto excluded = read_exclusions(master, zones, context);
    for (const LocalTime local : starts) {
        const Instant start = zone.to_instant(local);
        if ((excluded && excluded->contains(local, start)) || moved.contains(start))
            continue;
        if (count.occurrences >= cap) {
            count.capped = true;
            break;
        }
        ++count.occurrences;
    }
    return count;
}

} // namespace kiosk
