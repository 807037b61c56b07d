// Upgrading a site: a database left by the previous version (one schema behind, with data) is
// backed up, then migrated, by `kioskctl init --backup-to`; a migration that fails leaves it
// exactly as it was. The previous schema is built with the program's own migration list, as
// the previous version built it.

#include "kiosk/store/backup.hpp"
#include "kiosk/store/store.hpp"
#include "kioskctl.hpp"
#include "previous_schema.hpp"
#include "sql.hpp"
#include "store/migrations.hpp"

#include <SQLiteCpp/Database.h>
#include <sstream>

namespace {

std::string session_title(const std::string& file)
{
    SQLite::Database database(file, SQLite::OPEN_READONLY);
    return database.execAndGet("SELECT title FROM sessions WHERE id = 4242").getString();
}

// Makes the last migration fail: an object already holds the name it creates, or the column
// it adds already exists.
void block_last_migration(const std::string& file)
{
    std::istringstream words{std::string(kiosk::migrations().back())};
    std::vector<std::string> tokens;
    for (std::string word; words >> word;)
        tokens.push_back(word);
    SQLite::Database database(file, SQLite::OPEN_READWRITE);
    // A migration that replaces a trigger fails on its DROP when the trigger is already gone.
    for (std::size_t index = 0; index + 2 < tokens.size(); ++index)
        if (tokens[index] == "DROP" && tokens[index + 1] == "TRIGGER") {
            std::string name = tokens[index + 2];
            if (!name.empty() && name.back() == ';')
                name.pop_back();
            database.exec("DROP TRIGGER " + name);
            return;
        }
    for (std::size_t index = 0; index + 2 < tokens.size(); ++index) {
        if (tokens[index] != "CREATE")
            continue;
        auto kind = index + 1;
        if (tokens[kind] == "UNIQUE")
            ++kind;
        if (kind + 1 < tokens.size() &&
            (tokens[kind] == "TABLE" || tokens[kind] == "INDEX" || tokens[kind] == "VIEW" ||
             tokens[kind] == "TRIGGER")) {
            database.exec("CREATE VIEW " + tokens[kind + 1] + " AS SELECT 1");
            return;
        }
    }
    for (std::size_t index = 0; index + 5 < tokens.size(); ++index) {
        if (tokens[index] == "ALTER" && tokens[index + 1] == "TABLE" && tokens[index + 3] == "ADD" &&
            tokens[index + 4] == "COLUMN") {
            database.exec("ALTER TABLE " + tokens[index + 2] + " ADD COLUMN " + tokens[index + 5]);
            return;
        }
    }
    FAIL("the last migration neither creates an object nor adds a column");
}

} // namespace

TEST_CASE("Upgrading from the previous schema keeps the data and leaves a backup of it",
          "[upgrade]")
{
    test::Kioskctl kioskctl;
    test::build_previous_version(kioskctl.database());
    const int previous = kiosk::Store::latest_schema_version() - 1;
    const auto before = test::dump_database(kioskctl.database());
    const auto backups = kioskctl.dir() / "sauvegardes";

    const auto out = kioskctl.ok({"init", "--backup-to", backups.string()});
    CHECK(test::pragma_value(kioskctl.database(), "user_version") ==
          kiosk::Store::latest_schema_version());
    CHECK(session_title(kioskctl.database()) == "Lancer sa boutique en ligne");

    const auto saved = kiosk::list_backups(backups, kiosk::BackupKind::BeforeUpgrade);
    REQUIRE(saved.size() == 1);
    CHECK_THAT(out, Catch::Contains(saved.front().string()));
    CHECK(kiosk::verify_database_file(saved.front()).value() == previous);
    CHECK(test::dump_database(saved.front()) == before);

    // Already up to date: nothing to back up again.
    kioskctl.ok({"init", "--backup-to", backups.string()});
    CHECK(kiosk::list_backups(backups, kiosk::BackupKind::BeforeUpgrade).size() == 1);
}

TEST_CASE("A migration that fails is rolled back whole: schema and data as before", "[upgrade]")
{
    test::Kioskctl kioskctl;
    test::build_previous_version(kioskctl.database());
    block_last_migration(kioskctl.database());
    const int previous = kiosk::Store::latest_schema_version() - 1;
    const auto before = test::dump_database(kioskctl.database());

    const auto result = kioskctl({"init", "--backup-to", (kioskctl.dir() / "sauvegardes").string()});
    CHECK(result.exit_code == 2);
    CHECK(test::pragma_value(kioskctl.database(), "user_version") == previous);
    CHECK(test::dump_database(kioskctl.database()) == before);
    CHECK(kiosk::verify_database_file(kioskctl.database()).value() == previous);
    CHECK(kiosk::list_backups(kioskctl.dir() / "sauvegardes", kiosk::BackupKind::BeforeUpgrade)
              .size() == 1);
}

TEST_CASE("Schema 15 at the office sends again the tickets of sessions still to come, so sites "
          "get their last names' initials and tags",
          "[upgrade]")
{
    test::Kioskctl kioskctl;
    test::build_version(kioskctl.database(), 14);
    {
        test::Sql database(kioskctl.database());
        // Session 4242 is over; 4343 is still to come (whatever today is).
        database.script(
            "INSERT INTO sessions (id, site, kind, title, start_utc, end_utc, updated_at) VALUES "
            "(4343, 'rennes', 'atelier', 'Plus tard', 4102477200, 4102484400, 1795600000);"
            "INSERT INTO tickets (id, session_id, first_name, last_name, issued_at) VALUES "
            "(1, 4242, 'Élodie', 'Lefèvre', 1795600000), (2, 4343, 'Amina', 'Diallo', "
            "1795600000), (3, 4343, '', '', 1795600000);"
            "DELETE FROM sync_changes;");
    }
    kioskctl.ok({"init"});
    test::Sql database(kioskctl.database(), test::Sql::Mode::ReadOnly);
    CHECK(database.text("SELECT group_concat(row_key) FROM sync_changes "
                        "WHERE table_name = 'tickets'") == "2");
    CHECK(database.text("SELECT last_initial || last_name_key FROM tickets WHERE id = 2").empty());
}
