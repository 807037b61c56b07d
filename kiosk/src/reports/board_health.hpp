#pragma once

// The board's part of a site's health: the line staff read at the site and at the office, and
// the picture kept in table board_pictures.

#include "kiosk/base/time.hpp"
#include "kiosk/reports/board_heartbeat.hpp"
#include "kiosk/store/database_health.hpp"
#include "kiosk/store/store.hpp"

#include <optional>
#include <string>

namespace kiosk::board_health {

// At the site, from the heartbeat and picture under the runtime folder.
[[nodiscard]] HealthFinding site_finding(const BoardHealth& board, BoardHealth::RealTime now);

// At the office, from what the site recorded: none while its board was fine or unknown.
[[nodiscard]] std::optional<HealthFinding> office_finding(std::optional<BoardCondition> condition,
                                                          std::optional<Instant> picture_at);

// Keeps the board's picture for `site` unless the one kept is the same; inside a write.
void record_picture(Store& store, const std::string& site, const BoardHealth& board);

} // namespace kiosk::board_health
