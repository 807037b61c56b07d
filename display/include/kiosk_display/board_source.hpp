#pragma once

// Reads what the board shows from the site database.

#include "kiosk/config/config.hpp"
#include "kiosk/schedule/session.hpp"
#include "kiosk/store/store.hpp"
#include "kiosk_display/board_data.hpp"

#include <map>
#include <optional>
#include <span>

namespace kiosk_display {

struct SiteSettings {
    std::string site_id;
    std::string site_name;
    kiosk::Minutes doors_open_lead{30};
    kiosk::Minutes late_entry_grace{15}; // when absent ticket holders' seats free up
    std::optional<kiosk::OpeningHours> hours = {}; // said by an empty board: when it opens next
};

// The board's settings from the site's configuration (see kiosk::resolve_site).
[[nodiscard]] SiteSettings site_settings(const kiosk::SiteConfig& config);

// The day of `now` at the site: its sessions, the seats they have taken, the next session.
[[nodiscard]] BoardData load_board_data(kiosk::Store& store, const SiteSettings& site,
                                        kiosk::Instant now);

// Seats taken per session at `now`, by the core's one rule (kiosk/schedule/seats.hpp): tickets, their
// holders once the late-entry grace is over, walk-ins.
[[nodiscard]] std::map<kiosk::SessionId, int> seats_taken(kiosk::Store& store,
                                                          std::span<const kiosk::Session> sessions,
                                                          const SiteSettings& site,
                                                          kiosk::Instant now);

} // namespace kiosk_display
