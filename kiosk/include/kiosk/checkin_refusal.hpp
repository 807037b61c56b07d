#pragma once

// The check-in for the readers serving a visitor (camera, handheld scanner): a scan that cannot
// be written because the disk is full becomes a clear refusal instead of an exception.

#include "kiosk/checkin.hpp"

#include <string>
#include <tl/expected.hpp>

namespace kiosk {

// The scan could not be recorded (SQLITE_FULL): its transaction was rolled back whole, so
// nothing of it was written and the holder is not let in by the machine; the same ticket
// admits once the disk has room again.
struct CheckinNotRecorded {
    std::string message; // for the visitor: "Entrée non enregistrée — adressez-vous à l'accueil"
    std::string staff;   // for staff: what happened and what to do, in French
};

// check_in(), with a full disk as a value. Any other failure still throws.
[[nodiscard]] tl::expected<CheckinResult, CheckinNotRecorded>
try_check_in(Store& store, const ScanRequest& request, const CheckinRules& rules);

} // namespace kiosk
