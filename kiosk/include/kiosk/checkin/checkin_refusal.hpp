#pragma once

// The check-in for the readers serving a visitor (camera, handheld scanner): a scan that cannot
// be written because the disk is full becomes a clear refusal instead of an exception.

#include "kiosk/checkin/checkin.hpp"

#include <string>
#include <tl/expected.hpp>

namespace kiosk {

// The scan could not be recorded: its transaction was rolled back whole, so nothing of it was
// written and the holder is not let in by the machine; the same ticket admits once the
// database can be written again.
struct CheckinNotRecorded {
    enum class Reason {
        DiskFull, // SQLITE_FULL: staff must free space
        Busy,     // another program held the database beyond the busy timeout: try again
    };
    Reason reason = Reason::DiskFull;
    std::string message; // for the visitor: "Entrée non enregistrée — adressez-vous à l'accueil"
    std::string staff;   // for staff: what happened and what to do, in French
};

// check_in(), with a full disk and a busy database as values. Any other failure of the database
// (damaged, read-only) still throws: the reader cannot go on.
[[nodiscard]] tl::expected<CheckinResult, CheckinNotRecorded>
try_check_in(Store& store, const ScanRequest& request, const CheckinRules& rules);

} // namespace kiosk
