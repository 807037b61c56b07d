#include "kiosk/base/site.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk/store/audit.hpp"
#include "sync_apply.hpp"

#include <fmt/format.h>

namespace kiosk::sync {
namespace {

// Who owns the row with this key here, if it exists.
std::optional<std::string> local_owner(Statements& statements, const Table& table,
                                       const nlohmann::json& key)
{
    auto& select = statements(fmt::format("SELECT {} FROM {} WHERE {} = ?1",
                                          table.owner_column.empty() ? "NULL" : table.owner_column,
                                          table.name, table.key));
    bind_value(select, 1, key);
    if (!select.executeStep())
        return std::nullopt;
    std::optional<std::string> owner;
    if (!select.getColumn(0).isNull())
        owner = select.getColumn(0).getString();
    select.reset();
    return owner_of(table, owner);
}

std::string incoming_owner(const Row& row)
{
    const Table& table = *row.table;
    std::optional<std::string> owner;
    if (const int index = column_index(table, table.owner_column); index >= 0) {
        const auto& value = row.values[static_cast<std::size_t>(index)];
        if (value.is_string())
            owner = value.get<std::string>();
    }
    return owner_of(table, owner);
}

void refuse_not_owned(const Row& row, std::string_view sender, std::string_view owner)
{
    throw Refusal{SyncError{
        SyncProblem::NotOwned,
        fmt::format("« {} » envoie une ligne de {} ({}) qui appartient à « {} » ; paquet refusé, "
                    "rien n'a changé",
                    sender, row.table->name, row.key.dump(), owner.empty() ? "personne" : owner)}};
}

// Another session here with the calendar identity (uid) of an incoming one: the same calendar
// imported at both ends before this program gave imported sessions ids derived from their uid.
// The office's plan wins over a site's; otherwise the incoming row takes the uid, and the
// session here makes way: removed when nothing happened in it, else kept without its uid (its
// tickets and check-ins stay where they are). Either way, the audit trail says so.
Verdict settle_uid(Store& store, const Row& row, std::string_view sender, Instant now)
{
    const auto& uid = row.values[static_cast<std::size_t>(column_index(*row.table, "uid"))];
    if (!uid.is_string())
        return Verdict::Apply;
    SQLite::Statement other(database_of(store),
                            "SELECT id, planner, title FROM sessions WHERE uid = ?1 AND id <> ?2");
    other.bind(1, uid.get<std::string>());
    bind_value(other, 2, row.key);
    if (!other.executeStep())
        return Verdict::Apply;
    const SessionId id{other.getColumn(0).getInt64()};
    const std::string planner = other.getColumn(1).getString();
    const std::string title = other.getColumn(2).getString();
    other.reset();
    if (planner == office_name && sender != office_name)
        return Verdict::Superseded;
    const bool history = SessionStore(store).has_history(id);
    SQLite::Statement yield(database_of(store),
                            history ? "UPDATE sessions SET uid = NULL WHERE id = ?1"
                                    : "DELETE FROM sessions WHERE id = ?1");
    yield.bind(1, id.value());
    yield.exec();
    record_audit(store, {0, now, fmt::format("sync:{}", sender),
                         history ? "session.uid_released" : "session.merged", id.to_string(),
                         nlohmann::json{{"uid", uid}, {"title", title}, {"planner", planner}}.dump(),
                         nlohmann::json{{"kept_as", row.key}}.dump()});
    return Verdict::Apply;
}

// Sessions: whoever planned a session sends it; the office may plan any site's session, and
// its plan wins over a site's change made meanwhile (which is left aside, not refused: the
// site gets the office's plan with the next bundle and stops sending its own).
Verdict session_verdict(Store& store, Statements& statements, const Row& row,
                        std::string_view sender, Instant now)
{
    const auto existing = local_owner(statements, *row.table, row.key);
    if (existing && *existing == office_name && sender != office_name)
        return Verdict::Superseded;
    if (existing && *existing != sender && sender != office_name)
        refuse_not_owned(row, sender, *existing);
    if (row.deleted)
        return Verdict::Apply;
    if (const auto owner = incoming_owner(row); owner != sender)
        refuse_not_owned(row, sender, owner);
    // A site plans only its own sessions: not another site's, not a national one.
    const auto& site = row.values[static_cast<std::size_t>(column_index(*row.table, "site"))];
    if (sender != office_name && (!site.is_string() || site.get<std::string>() != sender))
        refuse_not_owned(row, sender, site.is_string() ? site.get<std::string>() : office_name);
    return settle_uid(store, row, sender, now);
}

} // namespace

Verdict ownership_verdict(Store& store, Statements& statements, const Row& row,
                          std::string_view sender, Instant now)
{
    if (row.table->name == "sessions")
        return session_verdict(store, statements, row, sender, now);
    // Every other row is its owner's alone, here and as it comes.
    const auto existing = local_owner(statements, *row.table, row.key);
    if (existing && *existing != sender)
        refuse_not_owned(row, sender, *existing);
    if (!row.deleted)
        if (const auto owner = incoming_owner(row); owner != sender)
            refuse_not_owned(row, sender, owner);
    return Verdict::Apply;
}

} // namespace kiosk::sync
