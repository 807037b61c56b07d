#pragma once

// A site database as the previous version of the program left it (every migration but the
// last) with one session in it, built from the program's own migration list.

#include "kiosk/store.hpp"
#include "migrations.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>
#include <string>

namespace test {

// A database as the previous version left it: every migration but the last, and a session.
inline void build_previous_version(const std::string& file)
{
    const auto steps = kiosk::migrations();
    REQUIRE(steps.size() >= 2);
    SQLite::Database database(file, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    database.exec("PRAGMA journal_mode = WAL");
    for (std::size_t version = 0; version + 1 < steps.size(); ++version)
        database.exec(std::string(steps[version]));
    database.exec("PRAGMA user_version = " + std::to_string(steps.size() - 1));
    database.exec("PRAGMA application_id = " + std::to_string(kiosk::Store::application_id));
    database.exec("INSERT INTO sessions (id, site, kind, title, start_utc, end_utc, updated_at) "
                  "VALUES (4242, 'rennes', 'atelier', 'Lancer sa boutique en ligne', "
                  "1795705200, 1795712400, 1795600000)");
}

} // namespace test
