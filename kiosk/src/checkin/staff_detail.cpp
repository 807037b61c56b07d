#include "staff_detail.hpp"

#include "kiosk/base/site.hpp"

#include <fmt/format.h>

namespace kiosk {

std::string ticket_summary(const TicketClaims& ticket, const std::optional<Session>& session)
{
    std::string text =
        fmt::format("billet {}, session {}", ticket.ticket.to_string(), ticket.session.to_string());
    if (!session) {
        const std::string where = ticket.site ? site_name(*ticket.site) : std::string("en ligne");
        return text + fmt::format(" (inconnue ici ; signée pour {}, le {})", where,
                                  french_day(ticket.day));
    }
    const std::string where = session->site ? site_name(*session->site) : "en ligne";
    text += fmt::format(
        " « {} » ({}, {} {}–{}", session->title, where, french_day(local_day(session->start)),
        french_time(session->effective_start()), french_time(session->effective_end()));
    if (session->delay_minutes > 0)
        text += fmt::format(", retard {} min", session->delay_minutes);
    return text + ")";
}

} // namespace kiosk
