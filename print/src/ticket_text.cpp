#include "kiosk_print/ticket_layout.hpp"

#include "kiosk/base/site.hpp"

#include <date/date.h>
#include <fmt/format.h>

namespace kiosk_print {

TicketText ticket_text(const kiosk::Session& session, const std::string& payload,
                                    kiosk::TicketId id, const std::string& first_name)
{
    TicketText text;
    text.payload = payload;
    text.title = session.title;
    const auto day = kiosk::local_day(session.effective_start());
    text.date = fmt::format("{} {}", kiosk::french_day(day), static_cast<int>(day.year()));
    text.time = fmt::format("{} – {}", kiosk::french_time(session.effective_start()),
                            kiosk::french_time(session.effective_end()));
    if (session.site) {
        text.site = kiosk::site_name(*session.site);
        text.room = session.room;
    } else {
        text.site = "En ligne : le lien vous est envoyé par e-mail";
    }
    text.holder = first_name;
    text.reference = id.to_string();
    return text;
}

} // namespace kiosk_print
