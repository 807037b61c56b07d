#include "sync_triggers.hpp"

#include <fmt/format.h>

namespace kiosk::migration {

std::string sync_triggers(std::span<const LoggedTable> tables, Replacing replacing)
{
    struct Event {
        std::string_view name, when, row, deleted;
    };
    constexpr Event events[] = {{"insert", "INSERT", "NEW", "0"},
                                {"update", "UPDATE", "NEW", "0"},
                                {"delete", "DELETE", "OLD", "1"}};
    std::string sql;
    for (const auto& logged : tables)
        for (const auto& event : events) {
            std::string owner(logged.owner);
            if (const auto at = owner.find("ROW"); at != std::string::npos)
                owner.replace(at, 3, event.row);
            if (replacing == Replacing::Yes)
                sql += fmt::format("DROP TRIGGER {}_sync_{};\n", logged.table, event.name);
            sql += fmt::format(
                "CREATE TRIGGER {0}_sync_{1} AFTER {2} ON {0} BEGIN\n"
                "    INSERT INTO sync_changes (table_name, row_key, owner, deleted)\n"
                "    VALUES ('{0}', {3}.{4}, {5}, {6})\n"
                "    ON CONFLICT (table_name, row_key) DO UPDATE SET seq = (SELECT max(seq) + 1 "
                "FROM sync_changes),\n"
                "        owner = excluded.owner, deleted = excluded.deleted;\nEND;\n",
                logged.table, event.name, event.when, event.row, logged.key, owner, event.deleted);
        }
    return sql;
}

} // namespace kiosk::migration
