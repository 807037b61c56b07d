#pragma once

// Reads the scans of this site that the board has not greeted yet. Scan ids are random, so
// "new" means: not seen before, among those recorded since a little before the newest instant
// seen (or before now, if the clock went back since), as a scan retried after a busy database
// keeps its earlier instant. Scans of other sites sharing the database are never read.

#include "kiosk/store.hpp"
#include "kiosk/time.hpp"
#include "kiosk_display/greeting.hpp"

#include <cstdint>
#include <deque>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace kiosk_display {

class ScanFeed {
public:
    explicit ScanFeed(std::string site_id);

    // What is already in the database (the last day of it) is history, not a visitor.
    void skip_existing(kiosk::Store& store, kiosk::Instant now);

    // The new scans, oldest first, with their tickets' first names and sessions.
    [[nodiscard]] std::vector<ScanEvent> read_new(kiosk::Store& store, kiosk::Instant now);

    // How far back a late scan is still found.
    static constexpr std::int64_t margin_seconds = 300;
    // How many scan ids are remembered: far more than a day of visitors.
    static constexpr std::size_t remembered = 20000;

private:
    std::vector<std::pair<std::int64_t, std::int64_t>> unseen_since(kiosk::Store& store,
                                                                     std::int64_t from);
    void remember(std::int64_t id, std::int64_t at);

    std::string site_id_;
    std::int64_t newest_at_ = 0;
    std::unordered_set<std::int64_t> seen_;
    std::deque<std::int64_t> seen_order_; // oldest first, to forget beyond `remembered`
};

} // namespace kiosk_display
