#pragma once

// A registrations file for one or many sessions, checked against the database before anything
// is issued: each row's session found, the same person not twice in a session, each session's
// seats respected. Every problem is found in one pass, each at its line and column.

#include "kiosk/base/ids.hpp"
#include "kiosk/schedule/session.hpp"
#include "kiosk/store/store.hpp"
#include "kiosk/tickets/registration.hpp"
#include "kiosk/tickets/ticket_store.hpp"

#include <optional>
#include <vector>

namespace kiosk {

struct SessionRows {
    Session session;
    std::vector<std::size_t> rows; // indices into RegistrationSheet::rows, in the file's order
};

struct BatchPlan {
    std::vector<SessionRows> sessions; // in the order the file first names them
    std::vector<CsvProblem> problems;  // the sheet's and the plan's, in the order of the file
};

// Groups the sheet's rows by session: the row's session column (an id of 16 hexadecimal digits
// or a calendar UID), else `default_session` when the cell is empty or the file has no such
// column. Refuses a row whose session is unknown, cancelled or not given, the same person twice
// for one session however the session is written, and (Seats::WithinCapacity) the first row that
// would pass a session's seats. Reads only; call it inside the Store::write that issues, so that
// nothing changes between the check and the tickets.
[[nodiscard]] BatchPlan plan_batch(Store& store, const RegistrationSheet& sheet,
                                   const std::optional<Session>& default_session,
                                   WhenRevoked when_revoked, Seats seats);

} // namespace kiosk
