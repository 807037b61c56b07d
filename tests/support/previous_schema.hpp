#pragma once

// A site database as the previous version of the program left it (every migration but the
// last) with one session in it, built from the program's own migration list.

#include "kiosk/store/store.hpp"
#include "sql.hpp"
#include "store/migrations.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace test {

// A database as the previous version left it: every migration but the last, and a session.
inline void build_previous_version(const std::string& file)
{
    const auto steps = kiosk::migrations();
    REQUIRE(steps.size() >= 2);
    Sql database(file, Sql::Mode::Create);
    database.script("PRAGMA journal_mode = WAL");
    for (std::size_t version = 0; version + 1 < steps.size(); ++version)
        database.script(std::string(steps[version]));
    database.script("PRAGMA user_version = " + std::to_string(steps.size() - 1));
    database.script("PRAGMA application_id = " + std::to_string(kiosk::Store::application_id));
    database.script("INSERT INTO sessions (id, site, kind, title, start_utc, end_utc, updated_at) "
                  "VALUES (4242, 'rennes', 'atelier', 'Lancer sa boutique en ligne', "
                  "1795705200, 1795712400, 1795600000)");
}

} // namespace test
