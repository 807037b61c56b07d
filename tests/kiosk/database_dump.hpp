#pragma once

// Every row of every table, in a fixed order: to say that two databases hold the same data.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <filesystem>
#include <string>

namespace test {

inline std::string dump_database(const std::filesystem::path& file)
{
    SQLite::Database database(file.string(), SQLite::OPEN_READONLY);
    SQLite::Statement tables(database, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "AND name NOT LIKE 'sqlite_%' ORDER BY name");
    std::string dump;
    while (tables.executeStep()) {
        const std::string table = tables.getColumn(0).getString();
        dump += "[" + table + "]\n";
        SQLite::Statement rows(database, "SELECT * FROM \"" + table + "\" ORDER BY rowid");
        while (rows.executeStep()) {
            for (int column = 0; column < rows.getColumnCount(); ++column)
                dump += (rows.getColumn(column).isNull() ? "NULL" : rows.getColumn(column).getString()) + "|";
            dump += "\n";
        }
    }
    return dump;
}

inline int pragma_value(const std::filesystem::path& file, const std::string& pragma)
{
    SQLite::Database database(file.string(), SQLite::OPEN_READONLY);
    return database.execAndGet("PRAGMA " + pragma).getInt();
}

} // namespace test
