#pragma once

// Personal data has a shelf life (RGPD): once a period is over, names, e-mails, staff notes and
// the raw text of scans go, while every row stays, so the counts of old reports still add up.

#include "kiosk/base/time.hpp"
#include "kiosk/store/audit.hpp"
#include "kiosk/store/store.hpp"

namespace kiosk {

struct PurgeCounts {
    int tickets = 0;  // tickets whose holder's name, e-mail, note and identity were erased
    int walk_ins = 0; // walk-ins whose first name was erased
    int scans = 0;    // scans whose raw text was erased
};

// Erases personal data of sessions that ended before `before` (local midnight), of walk-ins
// and scans recorded before it, and of tickets this database holds for sessions it does not
// know when they were issued before it. One transaction; the erased text is overwritten on
// disk (secure_delete) and the write-ahead log truncated, so it does not linger in free pages.
// The audit row (who, when, the counts) is written in the same transaction.
PurgeCounts purge_personal_data(Store& store, Day before, const Audit& audit);

} // namespace kiosk
