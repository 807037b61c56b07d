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

// Tickets, scans and check-ins. Ticket and session ids in scans and check-ins are not foreign
// keys: a kiosk verifies signed tickets offline, for sessions and tickets it may never have seen.
constexpr std::string_view version_2 = R"sql(
CREATE TABLE trusted_keys (
    key_id      TEXT PRIMARY KEY,
    public_key  BLOB NOT NULL UNIQUE,
    trusted_at  INTEGER NOT NULL,
    retired_at  INTEGER
);
CREATE TABLE tickets (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL,
    first_name  TEXT NOT NULL DEFAULT '',
    last_name   TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    issued_at   INTEGER NOT NULL,
    revoked_at  INTEGER
);
CREATE INDEX tickets_by_session ON tickets (session_id);
CREATE TABLE scans (
    id          INTEGER PRIMARY KEY,
    at_utc      INTEGER NOT NULL,
    site        TEXT NOT NULL,
    device      TEXT NOT NULL,
    verdict     TEXT NOT NULL,
    ticket_id   INTEGER,
    session_id  INTEGER,
    raw         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX scans_by_session ON scans (session_id);
CREATE INDEX scans_by_time ON scans (at_utc);
CREATE TABLE checkins (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER NOT NULL,
    session_id  INTEGER NOT NULL,
    scan_id     INTEGER REFERENCES scans (id),
    at_utc      INTEGER NOT NULL,
    site        TEXT NOT NULL,
    device      TEXT NOT NULL,
    undone_at   INTEGER,
    undone_by   TEXT
);
-- A ticket admits once per session: two scanners racing on it cannot both insert.
CREATE UNIQUE INDEX checkins_once ON checkins (ticket_id, session_id) WHERE undone_at IS NULL;
CREATE INDEX checkins_by_session ON checkins (session_id);
)sql";

constexpr std::array<std::string_view, 2> all{version_1, version_2};

} // namespace

std::span<const std::string_view> migrations() { return all; }

} // namespace kiosk
