#pragma once

// The words staff and managers read for the core's states, in one place: the console,
// kioskctl, the reports and the charts say the same thing the same way. (The visitor's
// sentences are the check-in's, kiosk/checkin/outcome.hpp; the board's badges are the board's.)

#include "kiosk/checkin/outcome.hpp"
#include "kiosk/schedule/session.hpp"

#include <span>
#include <string>
#include <string_view>

namespace kiosk {

// "prévue", "retardée de 10 min", "salle changée (était Salle Bréhat)", "complète", "annulée".
[[nodiscard]] std::string status_label(const Session& session);

// "atelier", "en ligne", "accompagnement", "privée".
[[nodiscard]] std::string_view kind_label(Kind kind);

// "Saint-Étienne" for "saint-etienne"; "national" for no site (an online session's).
[[nodiscard]] std::string site_label(std::string_view site);

// A refusal in reports: "déjà enregistré", "autre site"…
[[nodiscard]] std::string_view verdict_label(Verdict verdict);

// The verdicts that turn someone away, in a fixed order: the report's refusal columns.
[[nodiscard]] std::span<const Verdict> refusal_verdicts();

} // namespace kiosk
