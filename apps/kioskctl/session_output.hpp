#pragma once

#include "kiosk/schedule/session.hpp"

#include <string>
#include <vector>

namespace kioskctl {

// `session list` output: an aligned table for a terminal, or a stable JSON document.
[[nodiscard]] std::string day_as_table(const std::string& site, kiosk::Day day,
                                       const std::vector<kiosk::Session>& sessions);
[[nodiscard]] std::string day_as_json(const std::string& site, kiosk::Day day,
                                      const std::vector<kiosk::Session>& sessions);

} // namespace kioskctl
