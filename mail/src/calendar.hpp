#pragma once

// The .ics invitation joined to a mail: one event in Europe/Paris time with its VTIMEZONE, so
// that every calendar puts it at the right instant whatever its own zone. The same UID in every
// mail about a ticket, with a growing SEQUENCE, so a moved session moves in the calendar and a
// cancelled one (METHOD:CANCEL) leaves it.

#include "kiosk/base/time.hpp"

#include <string>

namespace kiosk_mail {

struct CalendarEvent {
    std::string uid;
    int sequence = 0;
    kiosk::Instant stamp;
    kiosk::Instant start;
    kiosk::Instant end;
    std::string summary;
    std::string location;
    std::string description;
    std::string url; // the join link of an online session
    std::string organiser_name;
    std::string organiser_address; // the site's reply-to: where a calendar's answer goes
    std::string attendee;          // the recipient
    bool cancelled = false;
};

[[nodiscard]] std::string calendar_invitation(const CalendarEvent& event);

} // namespace kiosk_mail
