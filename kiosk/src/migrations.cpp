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
// Ticket ids are 64 random bits stored as signed integers; scan and check-in ids are random too,
// since both travel from the sites to the office.
constexpr std::string_view version_2 = R"sql(
CREATE TABLE trusted_keys (
    key_id      TEXT PRIMARY KEY,
    public_key  BLOB NOT NULL UNIQUE CHECK (length(public_key) = 32),
    trusted_at  INTEGER NOT NULL,
    retired_at  INTEGER
);
CREATE TABLE tickets (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL,
    key_id      TEXT NOT NULL DEFAULT '',
    first_name  TEXT NOT NULL DEFAULT '',
    last_name   TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    issued_at   INTEGER NOT NULL,
    revoked_at  INTEGER
);
CREATE INDEX tickets_by_session ON tickets (session_id);
-- Every scan, admitted or refused. `raw` is what was read, sanitised (control characters and
-- invalid UTF-8 replaced) and cut to 256 bytes; `raw_bytes` is its length before that.
-- `flag` 'a_verifier': admitted while the system clock was not synchronised.
CREATE TABLE scans (
    id          INTEGER PRIMARY KEY,
    at_utc      INTEGER NOT NULL,
    site        TEXT NOT NULL,
    device      TEXT NOT NULL,
    verdict     TEXT NOT NULL CHECK (verdict IN ('accepted', 'already_checked_in', 'wrong_site',
                    'wrong_day', 'too_early', 'closed', 'session_cancelled', 'revoked',
                    'unknown_key', 'bad_signature', 'not_a_ticket', 'clock_untrusted')),
    flag        TEXT CHECK (flag IN ('a_verifier')),
    ticket_id   INTEGER,
    session_id  INTEGER,
    detail      TEXT NOT NULL DEFAULT '',
    raw         TEXT NOT NULL DEFAULT '',
    raw_bytes   INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX scans_by_session ON scans (session_id);
CREATE INDEX scans_by_time ON scans (at_utc);
-- `kind` 'scan': admitted by a ticket; 'manual': staff admitted the holder by hand.
CREATE TABLE checkins (
    id          INTEGER PRIMARY KEY,
    ticket_id   INTEGER NOT NULL,
    session_id  INTEGER NOT NULL,
    scan_id     INTEGER REFERENCES scans (id),
    kind        TEXT NOT NULL DEFAULT 'scan' CHECK (kind IN ('scan', 'manual')),
    flag        TEXT CHECK (flag IN ('a_verifier')),
    at_utc      INTEGER NOT NULL,
    site        TEXT NOT NULL,
    device      TEXT NOT NULL,
    undone_at   INTEGER,
    undone_by   TEXT,
    CHECK ((undone_at IS NULL) = (undone_by IS NULL))
);
-- A ticket admits once per session: two scanners racing on it cannot both insert.
CREATE UNIQUE INDEX checkins_once ON checkins (ticket_id, session_id) WHERE undone_at IS NULL;
CREATE INDEX checkins_by_session ON checkins (session_id);
CREATE INDEX checkins_by_ticket ON checkins (ticket_id);
)sql";

// Walk-ins: people admitted at the door without a ticket. Owned by the site and sent to the
// office like check-ins, hence the random id. Only the first name is kept, for the greeting.
constexpr std::string_view version_3 = R"sql(
CREATE TABLE walkins (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL,
    site        TEXT NOT NULL,
    device      TEXT NOT NULL,
    first_name  TEXT NOT NULL DEFAULT '',
    at_utc      INTEGER NOT NULL,
    undone_at   INTEGER,
    undone_by   TEXT,
    CHECK ((undone_at IS NULL) = (undone_by IS NULL))
);
CREATE INDEX walkins_by_session ON walkins (session_id);
)sql";

// Notices staff post on the board ("Salle 2 fermée aujourd'hui"), owned by the site; and the
// sentence the check-in rules gave the visitor, kept with each scan so the board greets with
// exactly what the rules said.
constexpr std::string_view version_4 = R"sql(
CREATE TABLE notices (
    id          INTEGER PRIMARY KEY,
    site        TEXT NOT NULL,
    text        TEXT NOT NULL CHECK (length(text) > 0),
    level       TEXT NOT NULL DEFAULT 'info' CHECK (level IN ('info', 'alerte')),
    created_at  INTEGER NOT NULL,
    until_utc   INTEGER,
    cleared_at  INTEGER
);
CREATE INDEX notices_by_site ON notices (site, cleared_at);
ALTER TABLE scans ADD COLUMN message TEXT NOT NULL DEFAULT '';
)sql";

constexpr std::array<std::string_view, 4> all{version_1, version_2, version_3, version_4};

} // namespace

std::span<const std::string_view> migrations() { return all; }

} // namespace kiosk
