#pragma once

// Reads the scans of this site that the board has not greeted yet. Scan ids are random, so
// "new" means: recorded at or after the newest instant seen, less a margin (a scan retried
// after a busy database keeps its earlier instant), and not seen before. Scans of other
// sites sharing the database are never read.

#include "kiosk/store.hpp"
#include "kiosk_display/greeting.hpp"

#include <cstdint>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace kiosk_display {

class ScanFeed {
public:
    explicit ScanFeed(std::string site_id);

    // What is already in the database is history, not a visitor at the door.
    void skip_existing(kiosk::Store& store);

    // The new scans, oldest first, with their tickets' first names and sessions.
    [[nodiscard]] std::vector<ScanEvent> read_new(kiosk::Store& store);

    // How far back, before the newest instant seen, a late scan is still found.
    static constexpr std::int64_t margin_seconds = 300;

private:
    std::vector<std::pair<std::int64_t, std::int64_t>> unseen_rows(kiosk::Store& store);
    void remember(std::int64_t id, std::int64_t at);

    std::string site_id_;
    std::int64_t newest_at_ = 0;
    std::set<std::pair<std::int64_t, std::int64_t>> seen_; // (at, id) within the margin
};

} // namespace kiosk_display
