#pragma once

// Personal data has a shelf life (RGPD): once a period is over, names, e-mails, staff notes and
// the raw text of scans go, while every row stays, so the counts of old reports still add up.

#include "kiosk/base/time.hpp"
#include "kiosk/store/audit.hpp"
#include "kiosk/store/store.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

struct PurgeCounts {
    int tickets = 0;  // tickets whose holder's name, e-mail, note and identity were erased
    int walk_ins = 0; // walk-ins whose first name was erased
    int scans = 0;    // scans whose raw text was erased
    int online = 0;   // online participants whose name and e-mail were erased
};

// Who a person is, kept past purge for the count of people trained: a 16-byte keyed hash
// (BLAKE2b) of their identity (registration_identity(): "email:…" or "nom:…|…"), keyed by a
// random salt this database draws the first time it keeps a key, and never shows. The same
// identity gives the same key in this database; the key gives nothing back, not even through
// a list of known addresses, without the salt.
enum class SaltUse {
    ToKeep, // the keys will be stored: draws the salt if there is none (inside Store::write)
    InMemory, // the keys are only compared: without a salt no key was ever kept, any will do
};

class PersonKeys {
public:
    PersonKeys(Store& store, SaltUse use);
    [[nodiscard]] std::string key(std::string_view identity) const;

private:
    std::vector<unsigned char> salt_;
};

// Erases personal data of sessions that ended before `before` (local midnight), of walk-ins
// and scans recorded before it, and of tickets this database holds for sessions it does not
// know when they were issued before it. One transaction; the erased text is overwritten on
// disk (secure_delete) and the write-ahead log truncated, so it does not linger in free pages.
// Before a ticket's holder is erased, the key of who held it is kept (PersonKeys), so that
// the people trained of old periods count the same after. Online participants' names and
// e-mails go with their session. The audit row (who, when, the counts) is written in the same
// transaction.
PurgeCounts purge_personal_data(Store& store, Day before, const Audit& audit);

} // namespace kiosk
