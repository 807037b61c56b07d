#include "migrations.hpp"

#include <array>

namespace kiosk {
namespace {

constexpr std::string_view version_1 = R"sql(
CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY,
    uid           TEXT UNIQUE,
    site          TEXT CHECK (site IN ('rennes', 'nancy', 'montpellier', 'saint-etienne')),
    kind          TEXT NOT NULL CHECK (kind IN ('atelier', 'live', 'coaching', 'privee')),
    title         TEXT NOT NULL,
    tags          TEXT NOT NULL DEFAULT '',
    trainer       TEXT NOT NULL DEFAULT '',
    room          TEXT NOT NULL DEFAULT '',
    previous_room TEXT NOT NULL DEFAULT '',
    capacity      INTEGER CHECK (capacity >= 0),
    start_utc     INTEGER NOT NULL,
    end_utc       INTEGER NOT NULL CHECK (end_utc > start_utc),
    join_url      TEXT NOT NULL DEFAULT '',
    organiser     TEXT NOT NULL DEFAULT '',
    status        TEXT NOT NULL DEFAULT 'scheduled'
                  CHECK (status IN ('scheduled', 'delayed', 'room_changed', 'full', 'cancelled')),
    delay_min     INTEGER NOT NULL DEFAULT 0 CHECK (delay_min >= 0),
    updated_at    INTEGER NOT NULL
);
CREATE INDEX sessions_by_start ON sessions (start_utc);
CREATE INDEX sessions_by_site_start ON sessions (site, start_utc);
)sql";

constexpr std::array<std::string_view, 1> all{version_1};

} // namespace

std::span<const std::string_view> migrations() { return all; }

} // namespace kiosk
