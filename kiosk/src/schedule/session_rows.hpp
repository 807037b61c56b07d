#pragma once

// The sessions table as the session store's reads and writes share it.

#include "kiosk/schedule/session.hpp"
#include "kiosk/store/store.hpp"

#include <SQLiteCpp/Statement.h>
#include <optional>

namespace kiosk {

// Every column of a session, in the order read_session() reads them and the writes bind them.
inline constexpr const char* session_columns =
    "id, uid, site, kind, title, tags, trainer, room, previous_room, capacity, start_utc, "
    "end_utc, join_url, organiser, status, delay_min, updated_at, planner";

// The session on the statement's current row, selected with session_columns.
[[nodiscard]] Session read_session(SQLite::Statement& row);

// The plan as its planner wrote it, without this database's day-of state over it.
[[nodiscard]] std::optional<Session> find_plan(Store& store, SessionId id);

} // namespace kiosk
