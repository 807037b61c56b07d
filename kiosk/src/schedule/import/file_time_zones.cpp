#include "file_time_zones.hpp"

#include "ical_event.hpp"
#include "kiosk/base/sanitise.hpp"

#include <fmt/format.h>

namespace kiosk {
namespace {

// libical expands a zone's changes from its first observance up to the year asked for, all at
// once: a rule changing the clock every second, or a thousand observances, would stall the
// import. Real zones change twice a year.
constexpr long max_zone_changes = 100000;
constexpr int last_expanded_year = 2210; // read_time accepts years up to 2200

std::string tzid_of(icalcomponent* vtimezone)
{
    icalproperty* tzid = icalcomponent_get_first_property(vtimezone, ICAL_TZID_PROPERTY);
    const char* text = tzid ? icalproperty_get_tzid(tzid) : nullptr;
    return text ? text : "";
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '"'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '"'))
        text.remove_suffix(1);
    return text;
}

template <std::size_t size> long count(const short (&values)[size])
{
    long found = 0;
    while (static_cast<std::size_t>(found) < size && values[found] != ICAL_RECURRENCE_ARRAY_MAX)
        ++found;
    return found;
}

// At most how many changes a yearly rule makes in a year.
long changes_per_year(const icalrecurrencetype& rule)
{
    const long months = count(rule.by_month) > 0 ? count(rule.by_month) : 12;
    if (count(rule.by_year_day) > 0)
        return count(rule.by_year_day);
    if (count(rule.by_month_day) > 0)
        return months * count(rule.by_month_day);
    if (count(rule.by_day) > 0)
        return months * 5 * count(rule.by_day);
    return 1;
}

tl::unexpected<FileZoneProblem> unusable(int line, std::string_view tzid, std::string_view why)
{
    return tl::unexpected(FileZoneProblem{
        FileZoneProblem::Reason::Unusable, line,
        fmt::format("fuseau horaire « {} » inutilisable : {}", excerpt(tzid), why)});
}

// What libical would silently get wrong or spend too long on.
tl::expected<void, FileZoneProblem> check(icalcomponent* vtimezone, std::string_view tzid)
{
    long changes = 0;
    int observances = 0;
    for (icalcomponent* part = icalcomponent_get_first_component(vtimezone, ICAL_ANY_COMPONENT);
         part; part = icalcomponent_get_next_component(vtimezone, ICAL_ANY_COMPONENT)) {
        const auto kind = icalcomponent_isa(part);
        if (kind != ICAL_XSTANDARD_COMPONENT && kind != ICAL_XDAYLIGHT_COMPONENT)
            continue;
        ++observances;
        const int line = line_of(part);
        const auto name = kind == ICAL_XSTANDARD_COMPONENT ? "STANDARD" : "DAYLIGHT";
        if (icalcomponent_get_first_property(part, ICAL_XLICERROR_PROPERTY))
            return unusable(line, tzid, fmt::format("une valeur illisible dans {}", name));
        icalproperty* start = icalcomponent_get_first_property(part, ICAL_DTSTART_PROPERTY);
        icalproperty* from = icalcomponent_get_first_property(part, ICAL_TZOFFSETFROM_PROPERTY);
        icalproperty* to = icalcomponent_get_first_property(part, ICAL_TZOFFSETTO_PROPERTY);
        if (!start || !from || !to)
            return unusable(line, tzid,
                            fmt::format("{} sans DTSTART, TZOFFSETFROM ou TZOFFSETTO", name));
        for (const int offset :
             {icalproperty_get_tzoffsetfrom(from), icalproperty_get_tzoffsetto(to)})
            if (offset <= -24 * 3600 || offset >= 24 * 3600)
                return unusable(line, tzid, "un décalage de 24 heures ou plus");
        const int first_year = icalproperty_get_dtstart(start).year;
        if (first_year < 1 || first_year > last_expanded_year)
            return unusable(line, tzid, fmt::format("{} commence en l'an {}", name, first_year));
        for (icalproperty* rule = icalcomponent_get_first_property(part, ICAL_RRULE_PROPERTY); rule;
             rule = icalcomponent_get_next_property(part, ICAL_RRULE_PROPERTY)) {
            const icalrecurrencetype value = icalproperty_get_rrule(rule);
            if (value.freq != ICAL_YEARLY_RECURRENCE || count(value.by_hour) > 0 ||
                count(value.by_minute) > 0 || count(value.by_second) > 0 ||
                count(value.by_week_no) > 0)
                return unusable(line_of(rule), tzid,
                                "seules les règles annuelles (FREQ=YEARLY, BYMONTH, BYDAY, "
                                "BYMONTHDAY) sont acceptées");
            changes += changes_per_year(value) * (last_expanded_year - first_year + 1);
        }
        for (icalproperty* date = icalcomponent_get_first_property(part, ICAL_RDATE_PROPERTY); date;
             date = icalcomponent_get_next_property(part, ICAL_RDATE_PROPERTY))
            ++changes;
        ++changes; // DTSTART
        if (changes > max_zone_changes)
            return unusable(line, tzid,
                            fmt::format("plus de {} changements d'heure", max_zone_changes));
    }
    if (observances == 0)
        return unusable(line_of(vtimezone), tzid, "ni STANDARD ni DAYLIGHT");
    return {};
}

} // namespace

FileZone::FileZone(icalcomponent* vtimezone)
    : zone_(icaltimezone_new())
{
    icaltimezone_set_component(zone_, icalcomponent_new_clone(vtimezone));
}

FileZone::~FileZone() { icaltimezone_free(zone_, 1); }

std::chrono::seconds FileZone::offset_at(Instant instant) const
{
    const auto day = date::floor<date::days>(instant);
    const date::year_month_day ymd{day};
    const date::hh_mm_ss clock{instant - day};
    icaltimetype utc = icaltime_null_time();
    utc.year = static_cast<int>(ymd.year());
    utc.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    utc.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    utc.hour = static_cast<int>(clock.hours().count());
    utc.minute = static_cast<int>(clock.minutes().count());
    utc.second = static_cast<int>(clock.seconds().count());
    return std::chrono::seconds{icaltimezone_get_utc_offset_of_utc_time(zone_, &utc, nullptr)};
}

tl::expected<CalendarZone, FileZoneProblem> FileTimeZones::find(icalcomponent* component,
                                                                std::string_view tzid)
{
    tzid = trimmed(tzid);
    // Not icalcomponent_get_timezone: a zone is checked before libical expands it, and a file of
    // several calendars is searched from the event's own outwards.
    for (icalcomponent* calendar = component; calendar;
         calendar = icalcomponent_get_parent(calendar)) {
        for (icalcomponent* vtimezone =
                 icalcomponent_get_first_component(calendar, ICAL_VTIMEZONE_COMPONENT);
             vtimezone;
             vtimezone = icalcomponent_get_next_component(calendar, ICAL_VTIMEZONE_COMPONENT)) {
            if (trimmed(tzid_of(vtimezone)) != tzid)
                continue;
            if (auto known = zones_.find(vtimezone); known != zones_.end())
                return CalendarZone(known->second.get());
            if (auto checked = check(vtimezone, tzid); !checked)
                return tl::unexpected(checked.error());
            const auto& made = zones_[vtimezone] = std::make_unique<FileZone>(vtimezone);
            return CalendarZone(made.get());
        }
    }
    return tl::unexpected(FileZoneProblem{FileZoneProblem::Reason::Undefined, 0, ""});
}

} // namespace kiosk
