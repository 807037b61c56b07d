#pragma once

// What staff read of a scan beside the visitor's sentence: which ticket, which session, why.

#include "kiosk/schedule/session.hpp"
#include "kiosk/tickets/ticket.hpp"

#include <optional>
#include <string>

namespace kiosk {

// "billet 0123…, session 4567… « Titre » (Rennes, jeudi 26 novembre 14 h–16 h)".
[[nodiscard]] std::string ticket_summary(const TicketClaims& ticket,
                                         const std::optional<Session>& session);

} // namespace kiosk
