#pragma once

// The sentences a visitor reads at the entrance, one per verdict, in French. Non-breaking
// spaces precede « ! » and « : », as on every screen of the kiosk.

#include "kiosk/checkin.hpp"
#include "kiosk/session.hpp"

#include <string>

namespace kiosk::messages {

[[nodiscard]] std::string welcome(const std::optional<Session>& session);
[[nodiscard]] std::string already_checked_in(Instant first);
[[nodiscard]] std::string wrong_site(std::string_view site_id);
[[nodiscard]] std::string wrong_day(Day ticket_day, Day today);
[[nodiscard]] std::string too_early(const Session& session, Instant doors_open);
[[nodiscard]] std::string closed(const Session& session, Instant now, Instant entry_closes);
// Verdicts whose sentence depends on nothing but the verdict.
[[nodiscard]] std::string plain(Verdict verdict);

// "billet 0123…, session 4567… « Titre » (Rennes, jeudi 26 novembre 14 h–16 h)" for staff.
[[nodiscard]] std::string ticket_summary(const TicketClaims& ticket,
                                         const std::optional<Session>& session);

} // namespace kiosk::messages
