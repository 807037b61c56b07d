#pragma once

// Tickets as the office database knows them: issued for a session, perhaps revoked. A site
// database holds the rows sent to it (for first names and revocations); a kiosk still admits
// a valid signed ticket it has no row for.

#include "kiosk/keys.hpp"
#include "kiosk/store.hpp"
#include "kiosk/ticket.hpp"

#include <optional>
#include <string>
#include <tl/expected.hpp>

namespace kiosk {

struct IssuedTicket {
    TicketId id;
    SessionId session;
    std::string key_id;
    Instant issued_at;
    std::optional<Instant> revoked_at;
};

struct SignedTicket {
    TicketClaims claims;
    std::string payload;
};

class TicketStore {
public:
    explicit TicketStore(Store& store)
        : store_(store)
    {
    }

    // Signs a ticket for a session of this database (its current site and day) and records
    // it. Fails, writing nothing, when the session is unknown or cancelled.
    [[nodiscard]] tl::expected<SignedTicket, std::string> issue(SessionId session,
                                                                const SigningKey& key, Instant now);

    // False when there is no such ticket or it was already revoked.
    bool revoke(TicketId id, Instant now);

    [[nodiscard]] std::optional<IssuedTicket> find(TicketId id);

private:
    Store& store_;
};

} // namespace kiosk
