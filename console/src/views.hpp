#pragma once

// What several pages show or read the same way: a session's state in words, its JSON for the
// audit trail, the site's rules, and dates and times typed in forms.

#include "kiosk/checkin/checkin.hpp"
#include "kiosk/reports/labels.hpp"
#include "kiosk/schedule/seats.hpp"
#include "kiosk/schedule/session.hpp"
#include "request.hpp"

#include <string>

namespace kiosk_console {

// A session's state, its kind and a site in words are the core's (kiosk/reports/labels.hpp).
using kiosk::kind_label;
using kiosk::site_label;
using kiosk::status_label;
[[nodiscard]] std::string session_json(const kiosk::Session& session);
[[nodiscard]] std::string session_path(kiosk::SessionId id); // "/session/0123…"

[[nodiscard]] kiosk::SeatRules seat_rules(const Request& request);
[[nodiscard]] kiosk::CheckinRules checkin_rules(const Request& request);

// "2026-11-26" from field `name` (today when absent); FormError when malformed.
[[nodiscard]] kiosk::Day day_field(const Request& request, const std::string& name);
// A day and an "HH:MM" time of field `name`, as an instant (the DST gap refused).
[[nodiscard]] kiosk::Instant time_field(const Request& request, kiosk::Day day,
                                        const std::string& name, const std::string& label);
// The session id in the URL (the route's first group).
[[nodiscard]] kiosk::SessionId session_in_path(const Request& request);

// 404 "this session no longer exists", with the way back to the day.
void reply_missing_session(Request& request);

// Records `action` in the audit trail, in the caller's transaction.
void audit(Request& request, const std::string& action, const std::string& target,
           const std::string& before, const std::string& after);

} // namespace kiosk_console
