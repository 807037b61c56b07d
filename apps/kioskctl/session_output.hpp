#pragma once

#include "kiosk/schedule/session.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace kioskctl {

// Valid tickets per session, by session id.
using TicketCounts = std::map<std::int64_t, int>;

// `session list` output: an aligned table for a terminal (the room with tickets / seats), or a
// stable JSON document (each session with its "tickets").
[[nodiscard]] std::string day_as_table(const std::string& site, kiosk::Day day,
                                       const std::vector<kiosk::Session>& sessions,
                                       const TicketCounts& tickets);
[[nodiscard]] std::string day_as_json(const std::string& site, kiosk::Day day,
                                      const std::vector<kiosk::Session>& sessions,
                                      const TicketCounts& tickets);

} // namespace kioskctl
