#pragma once

// The scans of one site as the board greets them: each once, in the order they were recorded,
// found by following the change log (every write is numbered), never by guessing from times.
// Scans of other sites sharing the database are never read.

#include "kiosk/base/ids.hpp"
#include "kiosk/base/time.hpp"
#include "kiosk/checkin/checkin.hpp"
#include "kiosk/store/store.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk {

struct RecordedScan {
    ScanId scan;
    Instant at;
    CheckinOutcome outcome;  // what the rules told the visitor, as facts
    std::string first_name;  // from the ticket, when this site has it
    bool staff_note = false; // the ticket carries a note for staff: never shown, staff come
};

class ScanFeed {
public:
    // Starts after everything already recorded: a scan made before the board looked is
    // history, not a visitor.
    ScanFeed(Store& store, std::string site);

    // The scans of the site recorded since the last call, oldest first; only those made in the
    // last ten minutes before `now` (an old scan rewritten by a purge is no visitor either).
    [[nodiscard]] std::vector<RecordedScan> read_new(Store& store, Instant now);

private:
    std::string site_;
    std::int64_t cursor_ = 0; // the change log's number up to which scans were read
};

} // namespace kiosk
