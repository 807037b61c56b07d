#pragma once

// The trail of every change, whichever program made it: who, what, when, and the state before
// and after (short JSON documents), written in the same transaction as the change itself.

#include "kiosk/base/time.hpp"
#include "kiosk/store/store.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace kiosk {

struct AuditEntry {
    std::int64_t id = 0;
    Instant at;
    std::string actor;  // the staff account
    std::string action; // "session.delay", "checkin.manual"…
    std::string target; // what it was done to: a session or ticket id, a file name
    std::string before; // JSON, empty for a creation
    std::string after;  // JSON, empty for a removal
};

// Who makes a change and when, for the core operations that write their own audit row.
struct Audit {
    std::string by;
    Instant at;
};

// Call inside the Store::write that makes the change, so that both happen or neither does.
void record_audit(Store& store, const AuditEntry& entry);

// Reading the trail: kiosk/reports/audit_trail.hpp.

} // namespace kiosk
