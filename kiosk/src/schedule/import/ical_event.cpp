#include "ical_event.hpp"
#include "kiosk/base/sanitise.hpp"

#include "base/time_zones.hpp"

#include <charconv>
#include <fmt/format.h>

namespace kiosk {
namespace {

std::string trimmed(std::string text)
{
    const auto first = text.find_first_not_of(" \t\r\n");
    if (first == std::string::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r\n");
    return text.substr(first, last - first + 1);
}

std::string unescape(std::string_view text)
{
    std::string result;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\\' && i + 1 < text.size()) {
            const char next = text[++i];
            result += next == 'n' || next == 'N' ? '\n' : next;
        } else {
            result += text[i];
        }
    }
    return result;
}

std::string parameter_text(icalproperty* property, icalparameter_kind kind)
{
    icalparameter* parameter = icalproperty_get_first_parameter(property, kind);
    if (!parameter)
        return {};
    const char* value = kind == ICAL_CN_PARAMETER     ? icalparameter_get_cn(parameter)
                        : kind == ICAL_TZID_PARAMETER ? icalparameter_get_tzid(parameter)
                                                      : icalparameter_get_xvalue(parameter);
    return value ? value : "";
}

std::string person(icalproperty* property, const char* address)
{
    std::string name = trimmed(parameter_text(property, ICAL_CN_PARAMETER));
    if (!name.empty() || !address)
        return name;
    std::string_view mail = address;
    if (mail.starts_with("mailto:") || mail.starts_with("MAILTO:"))
        mail.remove_prefix(7);
    return std::string(mail);
}

} // namespace

int line_of(icalproperty* property)
{
    for (icalparameter* parameter = icalproperty_get_first_parameter(property, ICAL_X_PARAMETER);
         parameter; parameter = icalproperty_get_next_parameter(property, ICAL_X_PARAMETER)) {
        const char* name = icalparameter_get_xname(parameter);
        const char* value = icalparameter_get_xvalue(parameter);
        if (name && value && line_tag == name)
            return std::atoi(value);
    }
    return 0;
}

int line_of(icalcomponent* component)
{
    for (icalproperty* property = icalcomponent_get_first_property(component, ICAL_X_PROPERTY);
         property; property = icalcomponent_get_next_property(component, ICAL_X_PROPERTY)) {
        const char* name = icalproperty_get_x_name(property);
        if (name && line_tag == name)
            return std::atoi(icalproperty_get_x(property));
    }
    return 0;
}

std::string property_name(icalproperty* property)
{
    const char* name = icalproperty_get_property_name(property);
    return name ? name : "";
}

std::string text_of(icalproperty* property)
{
    if (icalproperty_isa(property) == ICAL_X_PROPERTY) {
        const char* value = icalproperty_get_x(property);
        return value ? unescape(value) : std::string();
    }
    icalvalue* value = icalproperty_get_value(property);
    if (value && icalvalue_isa(value) == ICAL_TEXT_VALUE) {
        const char* text = icalvalue_get_text(value);
        return text ? text : "";
    }
    const char* text = icalproperty_get_value_as_string(property);
    return text ? text : "";
}

tl::expected<ZonedTime, ImportError> read_time(icalproperty* property, icaltimetype value,
                                               const ZoneLookup& zones, const ReadContext& context)
{
    const auto name = property_name(property);
    if (icaltime_is_null_time(value) || !icaltime_is_valid_time(value) || value.year < 1900 ||
        value.year > 2200 || value.month < 1 || value.month > 12 || value.day < 1 ||
        value.day > 31 || value.hour > 23 || value.minute > 59 || value.second > 60)
        return context.error(line_of(property), name, "date ou heure illisible");
    const date::year_month_day day{date::year{value.year},
                                   date::month{static_cast<unsigned>(value.month)},
                                   date::day{static_cast<unsigned>(value.day)}};
    if (!day.ok())
        return context.error(line_of(property), name, "cette date n'existe pas");
    ZonedTime time;
    time.local = date::local_days{day};
    if (value.is_date) {
        time.form = StartForm::Date;
        time.zone = zones.floating;
        return time;
    }
    time.local += std::chrono::hours{value.hour} + std::chrono::minutes{value.minute} +
                  std::chrono::seconds{std::min(value.second, 59)};
    if (icaltime_is_utc(value))
        return time;
    const std::string tzid = parameter_text(property, ICAL_TZID_PARAMETER);
    if (tzid.empty()) {
        time.zone = zones.floating;
        return time;
    }
    if (const date::time_zone* known = find_time_zone(tzid)) {
        time.zone = CalendarZone(known);
        return time;
    }
    auto defined = zones.file.find(icalproperty_get_parent(property), tzid);
    if (defined) {
        time.zone = *defined;
        return time;
    }
    if (defined.error().reason == FileZoneProblem::Reason::Unusable)
        return context.error(defined.error().line, "VTIMEZONE", defined.error().message);
    return context.error(line_of(property), name,
                         fmt::format("fuseau horaire inconnu « {} » : ni la base des fuseaux "
                                     "horaires ni le fichier (VTIMEZONE) ne le définissent",
                                     excerpt(tzid)));
}

icalproperty* EventSource::first(icalproperty_kind kind) const
{
    if (icalproperty* own = icalcomponent_get_first_property(event, kind))
        return own;
    return series ? icalcomponent_get_first_property(series, kind) : nullptr;
}

icalproperty* EventSource::first_x(std::string_view name) const
{
    for (icalcomponent* component : {event, series}) {
        if (!component)
            continue;
        for (icalproperty* property = icalcomponent_get_first_property(component, ICAL_X_PROPERTY);
             property; property = icalcomponent_get_next_property(component, ICAL_X_PROPERTY)) {
            const char* x_name = icalproperty_get_x_name(property);
            if (x_name && name == x_name)
                return property;
        }
    }
    return nullptr;
}

std::vector<icalproperty*> EventSource::all(icalproperty_kind kind) const
{
    std::vector<icalproperty*> found;
    for (icalcomponent* component : {event, series}) {
        if (!component || !found.empty())
            continue;
        for (icalproperty* property = icalcomponent_get_first_property(component, kind); property;
             property = icalcomponent_get_next_property(component, kind))
            found.push_back(property);
    }
    return found;
}

tl::expected<MappedEvent, ImportError> map_event(const EventSource& source,
                                                 const ReadContext& context)
{
    MappedEvent mapped;
    Session& session = mapped.session;
    session.site = context.options.site;
    session.kind = context.options.default_kind;

    if (icalproperty* summary = source.first(ICAL_SUMMARY_PROPERTY)) {
        session.title = trimmed(text_of(summary));
        mapped.origins.emplace_back("title", summary);
    }
    bool kind_found = false;
    for (icalproperty* category : source.all(ICAL_CATEGORIES_PROPERTY)) {
        const std::string name = trimmed(text_of(category));
        if (name.empty())
            continue;
        if (auto kind = kind_from_category(name); kind && !kind_found) {
            session.kind = *kind;
            kind_found = true;
        } else {
            session.tags.push_back(name);
        }
    }
    std::string location;
    if (icalproperty* property = source.first(ICAL_LOCATION_PROPERTY))
        location = trimmed(text_of(property));
    const bool location_is_link =
        location.starts_with("http://") || location.starts_with("https://");
    if (!location_is_link)
        session.room = location;

    if (icalproperty* url = source.first(ICAL_URL_PROPERTY)) {
        session.join_url = trimmed(text_of(url));
        mapped.origins.emplace_back("url", url);
    } else if (icalproperty* conference = source.first_x("X-GOOGLE-CONFERENCE")) {
        session.join_url = trimmed(text_of(conference));
        mapped.origins.emplace_back("url", conference);
    } else if (icalproperty* description = source.first(ICAL_DESCRIPTION_PROPERTY)) {
        session.join_url = find_conference_link(text_of(description));
    }
    if (session.join_url.empty() && location_is_link)
        session.join_url = find_conference_link(location);

    if (icalproperty* capacity = source.first_x("X-CAPACITY")) {
        const std::string text = trimmed(text_of(capacity));
        int value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (error != std::errc{} || end != text.data() + text.size() || text.empty())
            return context.error(line_of(capacity), "X-CAPACITY",
                                 fmt::format("nombre de places « {} » invalide", excerpt(text)));
        session.capacity = value;
        mapped.origins.emplace_back("capacity", capacity);
    }
    if (icalproperty* organizer = source.first(ICAL_ORGANIZER_PROPERTY))
        session.organiser = person(organizer, nullptr);
    if (icalproperty* trainer = source.first_x("X-TRAINER")) {
        session.trainer = trimmed(text_of(trainer));
    } else {
        for (icalproperty* attendee : source.all(ICAL_ATTENDEE_PROPERTY)) {
            icalparameter* role = icalproperty_get_first_parameter(attendee, ICAL_ROLE_PARAMETER);
            if (role && icalparameter_get_role(role) == ICAL_ROLE_CHAIR) {
                session.trainer = person(attendee, icalproperty_get_attendee(attendee));
                break;
            }
        }
    }
    if (icalproperty* status = source.first(ICAL_STATUS_PROPERTY))
        mapped.cancelled = icalproperty_get_status(status) == ICAL_STATUS_CANCELLED;
    return mapped;
}

} // namespace kiosk
