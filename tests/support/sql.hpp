#pragma once

// A connection of the test's own to a kiosk database file: what a test reads to check what the
// programs wrote, or writes to arrange a case, as an outsider would. The programs never hand
// their connection out; SQLite's headers stay in sql.cpp.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace SQLite {
class Database;
}

namespace test {

class Sql {
public:
    using Value = std::variant<std::nullptr_t, std::int64_t, std::string>;
    using Row = std::vector<std::string>; // every column as text, NULL as "NULL"

    enum class Mode { ReadWrite, ReadOnly, Create };

    explicit Sql(const std::filesystem::path& database, Mode mode = Mode::ReadWrite);
    ~Sql();
    Sql(const Sql&) = delete;
    Sql& operator=(const Sql&) = delete;

    // Runs statements one after the other, without parameters (a schema, a migration).
    void script(const std::string& sql);
    // Runs one statement with its parameters bound to ?1, ?2…; the rows it changed.
    int exec(const std::string& sql, const std::vector<Value>& parameters = {});
    // The first column of the first row: 0 or "" when there is no row or it is NULL.
    [[nodiscard]] std::int64_t integer(const std::string& sql,
                                       const std::vector<Value>& parameters = {});
    [[nodiscard]] std::string text(const std::string& sql,
                                   const std::vector<Value>& parameters = {});
    [[nodiscard]] std::vector<Row> rows(const std::string& sql,
                                        const std::vector<Value>& parameters = {});
    // The tables, by name, but SQLite's own.
    [[nodiscard]] std::vector<std::string> tables();

private:
    std::unique_ptr<SQLite::Database> database_;
};

// Every row of every table, in a fixed order: to say that two databases hold the same data.
[[nodiscard]] std::string dump_database(const std::filesystem::path& file);
[[nodiscard]] int pragma_value(const std::filesystem::path& file, const std::string& pragma);

} // namespace test
