#pragma once

#include "kiosk/reports/people_trained.hpp"

#include <string>

namespace kioskctl {

// `attendance --trained --format table`: per month, per kind and per site, then the total and
// what the total means, aligned for a terminal.
[[nodiscard]] std::string people_trained_table(const kiosk::PeopleTrained& report);

} // namespace kioskctl
