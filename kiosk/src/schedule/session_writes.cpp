#include "kiosk/schedule/session_store.hpp"

#include "kiosk/base/site.hpp"
#include "kiosk/config/startup.hpp"
#include "session_rows.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <sodium.h>

namespace kiosk {
namespace {

// Binds every column but the id, in the order of session_columns, starting at parameter 2.
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
    statement.bind(18, session.planner);
}

std::string planner_name(std::string_view planner)
{
    return planner == office_name ? "le bureau" : fmt::format("le site « {} »", planner);
}

void write_plan(Store& store, const Session& session, Instant now)
{
    SQLite::Statement update(
        database_of(store),
        "UPDATE sessions SET uid = ?2, site = ?3, kind = ?4, title = ?5, tags = ?6, "
        "trainer = ?7, room = ?8, previous_room = ?9, capacity = ?10, start_utc = ?11, "
        "end_utc = ?12, join_url = ?13, organiser = ?14, status = ?15, delay_min = ?16, "
        "updated_at = ?17, planner = ?18 WHERE id = ?1");
    update.bind(1, session.id.value());
    bind_fields(update, session, now);
    update.exec();
}

// The day-of state this site gives a session: what staff see, over the plan.
void write_state(Store& store, std::string_view site, const Session& session,
                 const Session& plan, Instant now)
{
    SQLite::Statement upsert(
        database_of(store),
        "INSERT INTO session_states (id, session_id, site, status, delay_min, room, "
        "previous_room, updated_at) VALUES (?1 || ':' || ?2, ?2, ?1, ?3, ?4, ?5, ?6, ?7) "
        "ON CONFLICT (id) DO UPDATE SET status = excluded.status, delay_min = "
        "excluded.delay_min, room = excluded.room, previous_room = excluded.previous_room, "
        "updated_at = excluded.updated_at");
    upsert.bind(1, std::string(site));
    upsert.bind(2, session.id.value());
    upsert.bind(3, std::string(to_string(session.status)));
    upsert.bind(4, session.delay_minutes);
    upsert.bind(5, session.room == plan.room ? std::string() : session.room);
    upsert.bind(6, session.previous_room);
    upsert.bind(7, unix_seconds(now));
    upsert.exec();
}

bool same_day_of(const Session& a, const Session& b)
{
    return a.status == b.status && a.delay_minutes == b.delay_minutes && a.room == b.room &&
           a.previous_room == b.previous_room;
}

} // namespace

std::optional<std::string> SessionStore::planning_refusal(const Session& session)
{
    const auto me = here();
    if (!me || *me == office_name)
        return std::nullopt;
    if (session.site != *me)
        return fmt::format("ce site ({}) ne planifie que ses propres sessions ; {} se planifie "
                           "au bureau",
                           *me,
                           session.site ? fmt::format("une session de « {} »", *session.site)
                                        : std::string("une session nationale"));
    if (session.id.is_valid())
        if (const auto plan = find_plan(store_, session.id); plan && plan->planner != *me)
            return fmt::format("session planifiée par {} : ici ne se changent que l'état du "
                               "jour (retard, salle, complet, annulée)",
                               planner_name(plan->planner));
    return std::nullopt;
}

SessionId SessionStore::add(Session session, Instant now)
{
    if (!session.id.is_valid())
        session.id = session.uid.empty() ? SessionId::random() : id_for_uid(session.uid);
    store_.write([&] {
        const auto me = here();
        if (me && *me != office_name)
            if (const auto refused = planning_refusal(session))
                throw UserError(*refused);
        session.planner = me ? *me : session.site.value_or(std::string(office_name));
        SQLite::Statement insert(database_of(store_),
                                 std::string("INSERT INTO sessions (") + session_columns +
                                     ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
                                     "?12, ?13, ?14, ?15, ?16, ?17, ?18)");
        insert.bind(1, session.id.value());
        bind_fields(insert, session, now);
        insert.exec();
    });
    return session.id;
}

bool SessionStore::update(const Session& session, Instant now)
{
    return store_.write([&] {
        const auto before = find(session.id);
        const auto plan = find_plan(store_, session.id);
        if (!before || !plan)
            return false;
        const auto me = here();
        const bool at_site = me && *me != office_name;
        // What changed, field by field, goes where it belongs: the plan, or at a site the
        // day-of state; what did not change stays as the plan has it.
        Session next_plan = *plan;
        bool plan_changed = false;
        const auto take = [&](auto member) {
            if (session.*member != (*before).*member) {
                next_plan.*member = session.*member;
                plan_changed = true;
            }
        };
        take(&Session::uid);
        take(&Session::site);
        take(&Session::kind);
        take(&Session::title);
        take(&Session::tags);
        take(&Session::trainer);
        take(&Session::capacity);
        take(&Session::start);
        take(&Session::end);
        take(&Session::join_url);
        take(&Session::organiser);
        if (!at_site) {
            take(&Session::room);
            take(&Session::previous_room);
            take(&Session::status);
            take(&Session::delay_minutes);
        }
        if (plan_changed) {
            if (at_site)
                if (const auto refused = planning_refusal(next_plan))
                    throw UserError(*refused);
            next_plan.planner = me ? *me : next_plan.site.value_or(std::string(office_name));
            write_plan(store_, next_plan, now);
        }
        if (at_site && !same_day_of(session, *before))
            write_state(store_, *me, session, *plan, now);
        return true;
    });
}

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
        const auto plan = find_plan(store_, id);
        if (!plan)
            return false;
        // Tickets, scans or check-ins: removing would orphan the tickets and take the visits
        // out of attendance. Cancelling keeps them.
        if (has_history(id))
            throw UserError(fmt::format(
                "« {} » a des billets ou des entrées : elle ne peut pas être supprimée sans "
                "perdre la présence ; annulez-la plutôt (session update {} --status cancelled)",
                plan->title, id.to_string()));
        if (const auto me = here(); me && *me != office_name && plan->planner != *me)
            throw UserError(fmt::format("session planifiée par {} : seul son planificateur la "
                                        "supprime ; ici, annulez-la pour la journée",
                                        planner_name(plan->planner)));
        else if (me && *me == office_name && plan->planner != office_name) {
            // The office may plan any site's session: it takes this one over first, so that
            // its removal reaches the site.
            Session taken = *plan;
            taken.planner = std::string(office_name);
            write_plan(store_, taken, plan->updated_at);
        }
        SQLite::Statement remove(database_of(store_), "DELETE FROM sessions WHERE id = ?1");
        remove.bind(1, id.value());
        return remove.exec() == 1;
    });
}

SessionId SessionStore::id_for_uid(std::string_view uid)
{
    std::uint8_t digest[8];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(uid.data()),
                       uid.size(), nullptr, 0);
    std::uint64_t value = 0;
    for (const std::uint8_t byte : digest)
        value = value << 8 | byte;
    value &= 0x7FFF'FFFF'FFFF'FFFFu;
    return SessionId{static_cast<std::int64_t>(value == 0 ? 1 : value)};
}

} // namespace kiosk
