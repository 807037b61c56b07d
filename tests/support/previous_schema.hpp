#pragma once

// A site database as the previous version of the program left it (every migration but the
// last) with one session in it, built from the program's own migration list.

#include "kiosk/store/store.hpp"
#include "sql.hpp"
#include "store/migrations.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace test {

// A database at schema `version` (the first `version` migrations), with one session.
inline void build_version(const std::string& file, std::size_t version)
{
    const auto steps = kiosk::migrations();
    REQUIRE(version >= 1);
    REQUIRE(version < steps.size());
    Sql database(file, Sql::Mode::Create);
    database.script("PRAGMA journal_mode = WAL");
    for (std::size_t step = 0; step < version; ++step)
        database.script(std::string(steps[step]));
    database.script("PRAGMA user_version = " + std::to_string(version));
    database.script("PRAGMA application_id = " + std::to_string(kiosk::Store::application_id));
    database.script("INSERT INTO sessions (id, site, kind, title, start_utc, end_utc, updated_at) "
                  "VALUES (4242, 'rennes', 'atelier', 'Lancer sa boutique en ligne', "
                  "1795705200, 1795712400, 1795600000)");
}

// A database one schema version behind this program's.
inline void build_previous_version(const std::string& file)
{
    build_version(file, kiosk::migrations().size() - 1);
}

} // namespace test
