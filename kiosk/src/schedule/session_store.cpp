#include "kiosk/schedule/session_store.hpp"

#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>

namespace kiosk {
namespace {

constexpr const char* columns =
    "id, uid, site, kind, title, tags, trainer, room, previous_room, capacity, start_utc, "
    "end_utc, join_url, organiser, status, delay_min, updated_at";

Instant instant_of(const SQLite::Column& column) { return from_unix_seconds(column.getInt64()); }

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
    return session;
}

// Binds every column but the id, in the order of `columns`, starting at parameter 2.
void bind_fields(SQLite::Statement& statement, const Session& session, Instant now)
{
    if (session.uid.empty())
        statement.bind(2);
    else
        statement.bind(2, session.uid);
    if (session.site)
        statement.bind(3, *session.site);
    else
        statement.bind(3);
    statement.bind(4, std::string(to_string(session.kind)));
    statement.bind(5, session.title);
    statement.bind(6, join_tags(session.tags));
    statement.bind(7, session.trainer);
    statement.bind(8, session.room);
    statement.bind(9, session.previous_room);
    if (session.capacity)
        statement.bind(10, *session.capacity);
    else
        statement.bind(10);
    statement.bind(11, unix_seconds(session.start));
    statement.bind(12, unix_seconds(session.end));
    statement.bind(13, session.join_url);
    statement.bind(14, session.organiser);
    statement.bind(15, std::string(to_string(session.status)));
    statement.bind(16, session.delay_minutes);
    statement.bind(17, unix_seconds(now));
}

std::vector<Session> read_all(SQLite::Statement& statement)
{
    std::vector<Session> sessions;
    while (statement.executeStep())
        sessions.push_back(read_session(statement));
    return sessions;
}

} // namespace

SessionId SessionStore::add(Session session, Instant now)
{
    if (!session.id.is_valid())
        session.id = SessionId::random();
    store_.write([&] {
        SQLite::Statement insert(database_of(store_),
                                 std::string("INSERT INTO sessions (") + columns +
                                     ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                                     "?12, ?13, ?14, ?15, ?16, ?17)");
        insert.bind(1, session.id.value());
        bind_fields(insert, session, now);
        insert.exec();
    });
    return session.id;
}

bool SessionStore::update(const Session& session, Instant now)
{
    return store_.write([&] {
        SQLite::Statement update(
            database_of(store_),
            "UPDATE sessions SET uid = ?2, site = ?3, kind = ?4, title = ?5, tags = ?6, "
            "trainer = ?7, room = ?8, previous_room = ?9, capacity = ?10, start_utc = ?11, "
            "end_utc = ?12, join_url = ?13, organiser = ?14, status = ?15, delay_min = ?16, "
            "updated_at = ?17 WHERE id = ?1");
        update.bind(1, session.id.value());
        bind_fields(update, session, now);
        return update.exec() == 1;
    });
}

namespace {
bool same_content(const Session& a, const Session& b)
{
    return a.uid == b.uid && a.site == b.site && a.kind == b.kind && a.title == b.title &&
           a.tags == b.tags && a.trainer == b.trainer && a.room == b.room &&
           a.previous_room == b.previous_room && a.capacity == b.capacity && a.start == b.start &&
           a.end == b.end && a.join_url == b.join_url && a.organiser == b.organiser &&
           a.status == b.status && a.delay_minutes == b.delay_minutes;
}
} // namespace

SessionStore::Upsert SessionStore::upsert_by_uid(Session session, Instant now)
{
    return store_.write([&] {
        const auto existing = find_by_uid(session.uid);
        if (!existing) {
            add(session, now);
            return Upsert::Added;
        }
        session.id = existing->id;
        if (same_content(*existing, session))
            return Upsert::Unchanged;
        update(session, now);
        return Upsert::Updated;
    });
}

bool SessionStore::remove(SessionId id)
{
    return store_.write([&] {
        SQLite::Statement remove(database_of(store_), "DELETE FROM sessions WHERE id = ?1");
        remove.bind(1, id.value());
        return remove.exec() == 1;
    });
}

std::optional<Session> SessionStore::find(SessionId id)
{
    SQLite::Statement select(database_of(store_),
                             std::string("SELECT ") + columns + " FROM sessions WHERE id = ?1");
    select.bind(1, id.value());
    if (!select.executeStep())
        return std::nullopt;
    return read_session(select);
}

std::optional<Session> SessionStore::find_by_uid(std::string_view uid)
{
    SQLite::Statement select(database_of(store_),
                             std::string("SELECT ") + columns + " FROM sessions WHERE uid = ?1");
    select.bind(1, std::string(uid));
    if (!select.executeStep())
        return std::nullopt;
    return read_session(select);
}

std::vector<Session> SessionStore::day(std::string_view site, Day day)
{
    const DayRange range = local_day_range(day);
    SQLite::Statement select(database_of(store_),
                             std::string("SELECT ") + columns +
                                 " FROM sessions WHERE (site = ?1 OR site IS NULL)"
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
                             std::string("SELECT ") + columns +
                                 " FROM sessions WHERE (?1 IS NULL OR site = ?1)"
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
                             std::string("SELECT ") + columns +
                                 " FROM sessions WHERE (site = ?1 OR site IS NULL)"
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
                             std::string("SELECT ") + columns +
                                 " FROM sessions WHERE site = ?1 AND room = ?2 AND id <> ?3"
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
