#include "sql.hpp"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

namespace test {
namespace {

void bind(SQLite::Statement& statement, const std::vector<Sql::Value>& parameters)
{
    int index = 1;
    for (const auto& parameter : parameters) {
        if (const auto* number = std::get_if<std::int64_t>(&parameter))
            statement.bind(index, *number);
        else if (const auto* text = std::get_if<std::string>(&parameter))
            statement.bind(index, *text);
        else
            statement.bind(index);
        ++index;
    }
}

} // namespace

Sql::Sql(const std::filesystem::path& database, Mode mode)
    : database_(std::make_unique<SQLite::Database>(database.string(),
                                                   mode == Mode::ReadOnly ? SQLite::OPEN_READONLY
                                                   : mode == Mode::Create ? SQLite::OPEN_READWRITE |
                                                                                SQLite::OPEN_CREATE
                                                                          : SQLite::OPEN_READWRITE,
                                                   5000))
{}

Sql::~Sql() = default;

void Sql::script(const std::string& sql) { database_->exec(sql); }

int Sql::exec(const std::string& sql, const std::vector<Value>& parameters)
{
    SQLite::Statement statement(*database_, sql);
    bind(statement, parameters);
    return statement.exec();
}

std::int64_t Sql::integer(const std::string& sql, const std::vector<Value>& parameters)
{
    SQLite::Statement statement(*database_, sql);
    bind(statement, parameters);
    if (!statement.executeStep() || statement.getColumn(0).isNull())
        return 0;
    return statement.getColumn(0).getInt64();
}

std::string Sql::text(const std::string& sql, const std::vector<Value>& parameters)
{
    SQLite::Statement statement(*database_, sql);
    bind(statement, parameters);
    if (!statement.executeStep() || statement.getColumn(0).isNull())
        return "";
    return statement.getColumn(0).getString();
}

std::vector<Sql::Row> Sql::rows(const std::string& sql, const std::vector<Value>& parameters)
{
    SQLite::Statement statement(*database_, sql);
    bind(statement, parameters);
    std::vector<Row> rows;
    while (statement.executeStep()) {
        Row row;
        for (int column = 0; column < statement.getColumnCount(); ++column)
            row.push_back(statement.getColumn(column).isNull()
                              ? "NULL"
                              : statement.getColumn(column).getString());
        rows.push_back(std::move(row));
    }
    return rows;
}

std::vector<std::string> Sql::tables()
{
    std::vector<std::string> names;
    for (auto& row : rows("SELECT name FROM sqlite_schema WHERE type = 'table' "
                          "AND name NOT LIKE 'sqlite_%' ORDER BY name"))
        names.push_back(std::move(row[0]));
    return names;
}

std::string dump_database(const std::filesystem::path& file)
{
    Sql database(file, Sql::Mode::ReadOnly);
    std::string dump;
    for (const auto& table : database.tables()) {
        dump += "[" + table + "]\n";
        for (const auto& row : database.rows("SELECT * FROM \"" + table + "\" ORDER BY rowid")) {
            for (const auto& value : row)
                dump += value + "|";
            dump += "\n";
        }
    }
    return dump;
}

int pragma_value(const std::filesystem::path& file, const std::string& pragma)
{
    return static_cast<int>(Sql(file, Sql::Mode::ReadOnly).integer("PRAGMA " + pragma));
}

} // namespace test
