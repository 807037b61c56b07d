#pragma once

// Walk-ins: people staff admit at the door without a ticket. Nothing is signed; the site
// records them, they count in attendance, and they only take seats no ticket holds (see
// seats.hpp).

#include "kiosk/base/ids.hpp"
#include "kiosk/schedule/seats.hpp"
#include "kiosk/schedule/session.hpp"
#include "kiosk/store/store.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace kiosk {

using WalkinId = Id<struct WalkinTag>;

struct WalkinRequest {
    SessionId session;
    std::string first_name;
    std::string site;   // where staff admit the person; a session's own site must match it
    std::string device; // recorded with the walk-in
    Instant at;
    std::string by; // who admitted them, for the audit trail (else the device)
};

enum class WalkinRefusal { InvalidName, UnknownSession, WrongSite, Cancelled, Over, Full };

struct WalkinProblem {
    WalkinRefusal reason;
    std::string message; // in French, for staff
};

struct RecordedWalkin {
    WalkinId id;
    Session session;
    std::optional<int> seats_left; // after this walk-in; none without a capacity
};

// Checks and records in one IMMEDIATE transaction, so two desks cannot both take the last seat;
// the audit row is written in the same transaction.
[[nodiscard]] tl::expected<RecordedWalkin, WalkinProblem>
record_walkin(Store& store, const WalkinRequest& request, const SeatRules& rules);

struct UndoneWalkin {
    WalkinId id;
    SessionId session;
    std::string first_name;
    Instant at;
};

// Staff undo a walk-in recorded by mistake: it no longer counts, nor holds a seat. Audited.
[[nodiscard]] tl::expected<UndoneWalkin, std::string> undo_walkin(Store& store, WalkinId id,
                                                                  Instant now, std::string_view by);

struct ListedWalkin {
    WalkinId id;
    std::string first_name;
    Instant at;
};

// The walk-ins of a session still counted (not undone), in arrival order.
[[nodiscard]] std::vector<ListedWalkin> list_walkins(Store& store, SessionId session);

} // namespace kiosk
