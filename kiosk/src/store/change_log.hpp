#pragma once

// The change log: triggers number every write of every program (see sync_triggers.hpp), so a
// reader that wants what is new follows the numbers instead of guessing from times. Sync sends
// what changed since a peer's number; the board greets the scans logged since it last looked.

#include "kiosk/store/store.hpp"

#include <cstdint>

namespace kiosk {

// The number of the latest write; 0 for a database never written to.
[[nodiscard]] std::int64_t change_log_end(Store& store);

} // namespace kiosk
