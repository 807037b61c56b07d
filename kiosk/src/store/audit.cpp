#include "kiosk/store/audit.hpp"

#include "database.hpp"

#include <SQLiteCpp/Statement.h>

namespace kiosk {

void record_audit(Store& store, const AuditEntry& entry)
{
    store.write([&] {
        SQLite::Statement insert(database_of(store),
                                 "INSERT INTO audit_log (at_utc, actor, action, target, "
                                 "before_state, after_state) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        insert.bind(1, unix_seconds(entry.at));
        insert.bind(2, entry.actor);
        insert.bind(3, entry.action);
        insert.bind(4, entry.target);
        insert.bind(5, entry.before);
        insert.bind(6, entry.after);
        insert.exec();
    });
}

std::vector<AuditEntry> audit_entries(Store& store, int limit, int offset)
{
    SQLite::Statement select(database_of(store),
                             "SELECT id, at_utc, actor, action, target, before_state, "
                             "after_state FROM audit_log ORDER BY at_utc DESC, id DESC "
                             "LIMIT ?1 OFFSET ?2");
    select.bind(1, limit);
    select.bind(2, offset);
    std::vector<AuditEntry> entries;
    while (select.executeStep())
        entries.push_back({select.getColumn(0).getInt64(),
                           from_unix_seconds(select.getColumn(1).getInt64()),
                           select.getColumn(2).getString(), select.getColumn(3).getString(),
                           select.getColumn(4).getString(), select.getColumn(5).getString(),
                           select.getColumn(6).getString()});
    return entries;
}

} // namespace kiosk
