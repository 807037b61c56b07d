#pragma once

#include "kiosk/schedule/session.hpp"

#include <string>

namespace kiosk {

// What a change did to a session, in words, as staff read it in a command's answer and in the
// audit trail: "retardée de 10 min : 14 h → 14 h 10 ; salle : A → B"; "rien de changé".
[[nodiscard]] std::string describe_changes(const Session& before, const Session& after);

} // namespace kiosk
