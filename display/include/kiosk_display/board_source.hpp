#pragma once

// Reads what the board shows from the site database.

#include "kiosk/config.hpp"
#include "kiosk/store.hpp"
#include "kiosk_display/board_data.hpp"

#include <map>
#include <span>

namespace kiosk_display {

struct SiteSettings {
    std::string site_id;
    std::string site_name;
    kiosk::Minutes doors_open_lead{30};
};

[[nodiscard]] SiteSettings site_settings(const std::string& site_id,
                                         const std::optional<kiosk::SiteConfig>& config);

// The day of `now` at the site: its sessions, the seats they have taken, the next session.
[[nodiscard]] BoardData load_board_data(kiosk::Store& store, const SiteSettings& site,
                                        kiosk::Instant now);

// Seats taken per session: valid tickets (not revoked). Walk-ins are to be counted here too.
[[nodiscard]] std::map<kiosk::SessionId, int>
seats_taken(kiosk::Store& store, std::span<const kiosk::SessionId> sessions);

} // namespace kiosk_display
