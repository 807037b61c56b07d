#include "kiosk/store/store.hpp"
#include "store/database.hpp" // the Store's own connection, for its pragmas and transactions
#include "temp_dir.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>
#include <fstream>

using namespace kiosk;

TEST_CASE("a new database is created in WAL mode at the latest schema", "[store]")
{
    test::TempDir dir;
    Store store(dir / "site.db", Access::ReadWrite, Creation::CreateIfMissing);
    CHECK(store.schema_version() == Store::latest_schema_version());
    CHECK(database_of(store).execAndGet("PRAGMA journal_mode").getString() == "wal");
    CHECK(database_of(store).execAndGet("PRAGMA foreign_keys").getInt() == 1);
    CHECK(database_of(store).execAndGet("PRAGMA application_id").getInt() ==
          Store::application_id);
}

TEST_CASE("opening again is idempotent and readers see the same schema", "[store]")
{
    test::TempDir dir;
    { Store first(dir / "site.db", Access::ReadWrite, Creation::CreateIfMissing); }
    Store again(dir / "site.db", Access::ReadWrite, Creation::CreateIfMissing);
    Store reader(dir / "site.db", Access::ReadOnly);
    CHECK(again.schema_version() == Store::latest_schema_version());
    CHECK(reader.schema_version() == Store::latest_schema_version());
}

TEST_CASE("a missing database is not created unless asked", "[store]")
{
    test::TempDir dir;
    CHECK_THROWS_WITH(Store(dir / "absent.db", Access::ReadWrite),
                      Catch::Contains("kioskctl init"));
    CHECK_FALSE(std::filesystem::exists(dir / "absent.db"));
}

TEST_CASE("foreign, newer and non-SQLite files are refused clearly", "[store]")
{
    test::TempDir dir;
    {
        SQLite::Database other((dir / "other.db").string(),
                               SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        other.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
    }
    CHECK_THROWS_WITH(Store(dir / "other.db", Access::ReadWrite),
                      Catch::Contains("n'appartient pas au kiosque"));

    { Store store(dir / "newer.db", Access::ReadWrite, Creation::CreateIfMissing); }
    {
        SQLite::Database raw((dir / "newer.db").string(), SQLite::OPEN_READWRITE);
        raw.exec("PRAGMA user_version = 99");
    }
    CHECK_THROWS_WITH(Store(dir / "newer.db", Access::ReadWrite),
                      Catch::Contains("version plus récente"));

    std::ofstream(dir / "notes.txt") << "this is not a database, just some notes\n"
                                     << std::string(4096, 'x');
    CHECK_THROWS_WITH(Store(dir / "notes.txt", Access::ReadWrite),
                      Catch::Contains("n'est pas une base de données SQLite"));
}

TEST_CASE("an older schema is migrated by writers and refused by readers", "[store]")
{
    test::TempDir dir;
    {
        // Version 0 with our identity: what a database looks like before any migration ran.
        SQLite::Database raw((dir / "old.db").string(),
                             SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        raw.exec("PRAGMA application_id = " + std::to_string(Store::application_id));
    }
    CHECK_THROWS_WITH(Store(dir / "old.db", Access::ReadOnly), Catch::Contains("kioskctl init"));
    Store writer(dir / "old.db", Access::ReadWrite);
    CHECK(writer.schema_version() == Store::latest_schema_version());
}

TEST_CASE("a write that throws leaves nothing behind, nested writes included", "[store]")
{
    test::TempDir dir;
    Store store(dir / "site.db", Access::ReadWrite, Creation::CreateIfMissing);
    auto count = [&] { return database_of(store).execAndGet("SELECT count(*) FROM sessions").getInt(); };
    auto insert = [&](int id) {
        database_of(store).exec("INSERT INTO sessions (id, kind, title, start_utc, end_utc, "
                                "updated_at) VALUES (" +
                                std::to_string(id) + ", 'live', 't', 0, 60, 0)");
    };
    CHECK_THROWS(store.write([&] {
        insert(1);
        store.write([&] { insert(2); });
        throw std::runtime_error("abandon");
    }));
    CHECK(count() == 0);
    store.write([&] {
        insert(3);
        CHECK_THROWS(store.write([&] {
            insert(4);
            throw std::runtime_error("inner only");
        }));
    });
    CHECK(count() == 1);
    CHECK_FALSE(store.in_transaction());
}

TEST_CASE("data_version changes when another connection commits", "[store]")
{
    test::TempDir dir;
    Store board(dir / "site.db", Access::ReadWrite, Creation::CreateIfMissing);
    Store staff(dir / "site.db", Access::ReadWrite);
    const auto before = board.data_version();
    CHECK(board.data_version() == before);
    database_of(staff).exec("INSERT INTO sessions (kind, title, start_utc, end_utc, updated_at) "
                            "VALUES ('live', 't', 0, 60, 0)");
    CHECK(board.data_version() != before);
}
