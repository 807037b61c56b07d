#include "calendar.hpp"

#include <ctime>
#include <libical/ical.h>
#include <memory>

namespace kiosk_mail {
namespace {

struct ComponentDeleter {
    void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using Component = std::unique_ptr<icalcomponent, ComponentDeleter>;

// Europe/Paris as calendars write it: the rules in force since 1996 (CET, CEST from the last
// Sunday of March to the last Sunday of October), not libical's whole history since 1891.
constexpr const char* paris_zone = "BEGIN:VTIMEZONE\r\n"
                                   "TZID:Europe/Paris\r\n"
                                   "X-LIC-LOCATION:Europe/Paris\r\n"
                                   "BEGIN:DAYLIGHT\r\n"
                                   "TZNAME:CEST\r\n"
                                   "TZOFFSETFROM:+0100\r\n"
                                   "TZOFFSETTO:+0200\r\n"
                                   "DTSTART:19700329T020000\r\n"
                                   "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
                                   "END:DAYLIGHT\r\n"
                                   "BEGIN:STANDARD\r\n"
                                   "TZNAME:CET\r\n"
                                   "TZOFFSETFROM:+0200\r\n"
                                   "TZOFFSETTO:+0100\r\n"
                                   "DTSTART:19701025T030000\r\n"
                                   "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
                                   "END:STANDARD\r\n"
                                   "END:VTIMEZONE\r\n";

// A local Paris time, with its TZID: readers then use the VTIMEZONE sent with it.
icalproperty* local_time(icalproperty* (*make)(struct icaltimetype), kiosk::Instant instant)
{
    const auto local = kiosk::local_day(instant);
    const auto minutes = kiosk::local_time_of_day(instant).count();
    icaltimetype when = icaltime_null_time();
    when.year = static_cast<int>(local.year());
    when.month = static_cast<int>(static_cast<unsigned>(local.month()));
    when.day = static_cast<int>(static_cast<unsigned>(local.day()));
    when.hour = static_cast<int>(minutes / 60);
    when.minute = static_cast<int>(minutes % 60);
    when.second = 0;
    icalproperty* property = make(when);
    icalproperty_add_parameter(property, icalparameter_new_tzid("Europe/Paris"));
    return property;
}

} // namespace

std::string calendar_invitation(const CalendarEvent& event)
{
    Component calendar(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
    icalcomponent_add_property(calendar.get(),
                               icalproperty_new_prodid("-//Atelier numerique//Kiosque//FR"));
    icalcomponent_add_property(calendar.get(), icalproperty_new_version("2.0"));
    icalcomponent_add_property(calendar.get(), icalproperty_new_method(
                                                   event.cancelled ? ICAL_METHOD_CANCEL
                                                                   : ICAL_METHOD_PUBLISH));
    icalcomponent_add_component(calendar.get(), icalparser_parse_string(paris_zone));

    icalcomponent* vevent = icalcomponent_new(ICAL_VEVENT_COMPONENT);
    icalcomponent_add_property(vevent, icalproperty_new_uid(event.uid.c_str()));
    icalcomponent_add_property(vevent, icalproperty_new_sequence(event.sequence));
    icalcomponent_add_property(
        vevent, icalproperty_new_dtstamp(icaltime_from_timet_with_zone(
                    static_cast<time_t>(kiosk::unix_seconds(event.stamp)), 0,
                    icaltimezone_get_utc_timezone())));
    icalcomponent_add_property(vevent, local_time(icalproperty_new_dtstart, event.start));
    icalcomponent_add_property(vevent, local_time(icalproperty_new_dtend, event.end));
    icalcomponent_add_property(vevent, icalproperty_new_summary(event.summary.c_str()));
    if (!event.location.empty())
        icalcomponent_add_property(vevent, icalproperty_new_location(event.location.c_str()));
    if (!event.description.empty())
        icalcomponent_add_property(vevent,
                                   icalproperty_new_description(event.description.c_str()));
    if (!event.url.empty())
        icalcomponent_add_property(vevent, icalproperty_new_url(event.url.c_str()));
    // RFC 5546: PUBLISH and CANCEL name the organiser, CANCEL the attendees it withdraws.
    icalproperty* organiser =
        icalproperty_new_organizer(("mailto:" + event.organiser_address).c_str());
    if (!event.organiser_name.empty())
        icalproperty_add_parameter(organiser, icalparameter_new_cn(event.organiser_name.c_str()));
    icalcomponent_add_property(vevent, organiser);
    if (event.cancelled && !event.attendee.empty())
        icalcomponent_add_property(vevent,
                                   icalproperty_new_attendee(("mailto:" + event.attendee).c_str()));
    icalcomponent_add_property(vevent, icalproperty_new_status(event.cancelled
                                                                   ? ICAL_STATUS_CANCELLED
                                                                   : ICAL_STATUS_CONFIRMED));
    icalcomponent_add_component(calendar.get(), vevent);
    return icalcomponent_as_ical_string(calendar.get());
}

} // namespace kiosk_mail
