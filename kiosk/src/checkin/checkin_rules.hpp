#pragma once

// The rules that follow the signature check, on claims already trusted: a verified ticket's,
// or a ticket row staff picked by name. Kept out of the public header so that nothing outside
// the core can skip the signature.

#include "kiosk/checkin/checkin.hpp"

namespace kiosk {

[[nodiscard]] Decision decide_claims(Store& store, const TicketClaims& ticket,
                                     const ScanRequest& request, const CheckinRules& rules);

} // namespace kiosk
