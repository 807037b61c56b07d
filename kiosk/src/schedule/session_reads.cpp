#include "kiosk/schedule/session_store.hpp"

#include "session_rows.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace kiosk {
namespace {

Instant instant_of(const SQLite::Column& column) { return from_unix_seconds(column.getInt64()); }

std::vector<Session> read_all(SQLite::Statement& statement)
{
    std::vector<Session> sessions;
    while (statement.executeStep())
        sessions.push_back(read_session(statement));
    return sessions;
}

template <typename Value>
std::optional<Session> select_one(Store& store, std::string_view from, std::string_view where,
                                  const Value& value)
{
    SQLite::Statement select(database_of(store), fmt::format("SELECT {} FROM {} WHERE {} = ?1",
                                                             session_columns, from, where));
    select.bind(1, value);
    if (!select.executeStep())
        return std::nullopt;
    return read_session(select);
}

} // namespace

Session read_session(SQLite::Statement& row)
{
    Session session;
    session.id = SessionId{row.getColumn(0).getInt64()};
    session.uid = row.getColumn(1).getString();
    if (!row.getColumn(2).isNull())
        session.site = row.getColumn(2).getString();
    session.kind = parse_kind(row.getColumn(3).getString()).value_or(Kind::Atelier);
    session.title = row.getColumn(4).getString();
    session.tags = split_tags(row.getColumn(5).getString());
    session.trainer = row.getColumn(6).getString();
    session.room = row.getColumn(7).getString();
    session.previous_room = row.getColumn(8).getString();
    if (!row.getColumn(9).isNull())
        session.capacity = row.getColumn(9).getInt();
    session.start = instant_of(row.getColumn(10));
    session.end = instant_of(row.getColumn(11));
    session.join_url = row.getColumn(12).getString();
    session.organiser = row.getColumn(13).getString();
    session.status = parse_status(row.getColumn(14).getString()).value_or(Status::Scheduled);
    session.delay_minutes = row.getColumn(15).getInt();
    session.updated_at = instant_of(row.getColumn(16));
    session.planner = row.getColumn(17).getString();
    return session;
}

std::optional<Session> find_plan(Store& store, SessionId id)
{
    return select_one(store, "sessions", "id", id.value());
}

std::optional<std::string> SessionStore::here()
{
    SQLite::Statement select(database_of(store_), "SELECT name FROM sync_identity");
    if (!select.executeStep())
        return std::nullopt;
    return select.getColumn(0).getString();
}

std::optional<Session> SessionStore::find(SessionId id)
{
    return select_one(store_, "sessions_now", "id", id.value());
}

std::optional<Session> SessionStore::find_by_uid(std::string_view uid)
{
    return select_one(store_, "sessions_now", "uid", std::string(uid));
}

std::vector<Session> SessionStore::day(std::string_view site, Day day)
{
    const DayRange range = local_day_range(day);
    SQLite::Statement select(database_of(store_),
                             std::string("SELECT ") + session_columns +
                                 " FROM sessions_now WHERE (site = ?1 OR site IS NULL)"
                                 " AND start_utc >= ?2 AND start_utc < ?3"
                                 " ORDER BY start_utc, end_utc, title, id");
    select.bind(1, std::string(site));
    select.bind(2, unix_seconds(range.begin));
    select.bind(3, unix_seconds(range.end));
    return read_all(select);
}

std::vector<Session> SessionStore::between(const std::optional<std::string>& site, Instant from,
                                           Instant to)
{
    SQLite::Statement select(database_of(store_),
                             std::string("SELECT ") + session_columns +
                                 " FROM sessions_now WHERE (?1 IS NULL OR site = ?1)"
                                 " AND start_utc >= ?2 AND start_utc < ?3"
                                 " ORDER BY start_utc, site, end_utc, title, id");
    if (site)
        select.bind(1, *site);
    select.bind(2, unix_seconds(from));
    select.bind(3, unix_seconds(to));
    return read_all(select);
}

std::optional<Session> SessionStore::first_from(std::string_view site, Instant from)
{
    SQLite::Statement select(database_of(store_),
                             std::string("SELECT ") + session_columns +
                                 " FROM sessions_now WHERE (site = ?1 OR site IS NULL)"
                                 " AND start_utc >= ?2 AND status <> 'cancelled'"
                                 " ORDER BY start_utc, end_utc, title, id LIMIT 1");
    select.bind(1, std::string(site));
    select.bind(2, unix_seconds(from));
    if (!select.executeStep())
        return std::nullopt;
    return read_session(select);
}

bool SessionStore::has_history(SessionId id)
{
    SQLite::Statement query(database_of(store_),
                            "SELECT EXISTS (SELECT 1 FROM tickets WHERE session_id = ?1)"
                            " OR EXISTS (SELECT 1 FROM scans WHERE session_id = ?1)"
                            " OR EXISTS (SELECT 1 FROM checkins WHERE session_id = ?1)");
    query.bind(1, id.value());
    query.executeStep();
    return query.getColumn(0).getInt() != 0;
}

bool SessionStore::knows_site(std::string_view site)
{
    SQLite::Statement query(database_of(store_),
                            "SELECT EXISTS (SELECT 1 FROM sessions WHERE site = ?1)");
    query.bind(1, std::string(site));
    return query.executeStep() && query.getColumn(0).getInt() != 0;
}

std::vector<Session> SessionStore::room_conflicts(const Session& session)
{
    if (!session.site || session.room.empty() || session.status == Status::Cancelled)
        return {};
    SQLite::Statement select(database_of(store_),
                             std::string("SELECT ") + session_columns +
                                 " FROM sessions_now WHERE site = ?1 AND room = ?2 AND id <> ?3"
                                 " AND status <> 'cancelled'"
                                 " AND start_utc + 60 * delay_min < ?5"
                                 " AND end_utc + 60 * delay_min > ?4"
                                 " ORDER BY start_utc");
    select.bind(1, *session.site);
    select.bind(2, session.room);
    select.bind(3, session.id.value());
    select.bind(4, unix_seconds(session.effective_start()));
    select.bind(5, unix_seconds(session.effective_end()));
    return read_all(select);
}

} // namespace kiosk
