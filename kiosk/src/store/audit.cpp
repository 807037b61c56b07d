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

} // namespace kiosk
