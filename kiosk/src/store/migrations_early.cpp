// The schema's first nine versions, published long ago: kept apart from the list so that the
// file that grows stays readable. Never edit them; append new versions in migrations.cpp.

#include "migrations.hpp"

#include "sync_triggers.hpp"

#include <array>
#include <string>

namespace kiosk::migration {
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

// Sync between the office and the sites (see sync.hpp). A row-level change log rather than
// SQLite's session extension: triggers record every write of every program (board, camera,
// kioskctl, the walk-in commands) without each of them having to attach a session object and
// keep its changesets, and an export reads the rows' current state, which it can filter and
// strip per recipient. One entry per row: the latest change wins, a deletion is a tombstone.
// `seq` is AUTOINCREMENT so a number is never reused, even when the newest entry is replaced.
// `owner` is who may send the row: 'office' or a site id, decided by the row itself.
//
// The office holds every site's check-ins: a national ticket admitted offline at two sites is
// two facts, both kept, so "once" is per site now (a single kiosk still refuses the second).
constexpr std::string_view version_4 = R"sql(
CREATE TABLE sync_changes (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    table_name  TEXT NOT NULL,
    row_key     NOT NULL, -- no type: ids stay integers, key ids stay text
    owner       TEXT NOT NULL,
    deleted     INTEGER NOT NULL CHECK (deleted IN (0, 1)),
    UNIQUE (table_name, row_key)
);
CREATE INDEX sync_changes_by_owner ON sync_changes (owner, seq);
-- What this database is: the office or one site, and the key that signs what it sends.
-- `log_id` names this database's change log, so a peer notices a database made anew.
CREATE TABLE sync_identity (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    name        TEXT NOT NULL,
    key_file    TEXT NOT NULL,
    public_key  BLOB NOT NULL CHECK (length(public_key) = 32),
    log_id      INTEGER NOT NULL,
    set_at      INTEGER NOT NULL
);
-- One row per peer: its device key (sites, registered at the office), how far its change log
-- has been applied here, how far it says it has applied ours, and what was last sent to it.
CREATE TABLE sync_peers (
    peer            TEXT PRIMARY KEY,
    public_key      BLOB CHECK (public_key IS NULL OR length(public_key) = 32),
    registered_at   INTEGER,
    log_id          INTEGER,
    received_seq    INTEGER NOT NULL DEFAULT 0,
    received_at     INTEGER,
    received_from   INTEGER,
    received_made   INTEGER,
    acked_seq       INTEGER NOT NULL DEFAULT 0,
    sent_from       INTEGER,
    sent_seq        INTEGER,
    sent_at         INTEGER
);
-- Bundles that arrived before an earlier one, kept verified until the gap is filled.
CREATE TABLE sync_pending (
    peer        TEXT NOT NULL,
    from_seq    INTEGER NOT NULL,
    to_seq      INTEGER NOT NULL,
    bundle      BLOB NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (peer, from_seq, to_seq)
);
DROP INDEX checkins_once;
CREATE UNIQUE INDEX checkins_once ON checkins (ticket_id, session_id, site) WHERE undone_at IS NULL;
CREATE TRIGGER sessions_sync_insert AFTER INSERT ON sessions BEGIN
    DELETE FROM sync_changes WHERE table_name = 'sessions' AND row_key = NEW.id;
    INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    VALUES ('sessions', NEW.id, coalesce(NEW.site, 'office'), 0);
END;
CREATE TRIGGER sessions_sync_update AFTER UPDATE ON sessions BEGIN
    DELETE FROM sync_changes WHERE table_name = 'sessions' AND row_key = NEW.id;
    INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    VALUES ('sessions', NEW.id, coalesce(NEW.site, 'office'), 0);
END;
CREATE TRIGGER sessions_sync_delete AFTER DELETE ON sessions BEGIN
    DELETE FROM sync_changes WHERE table_name = 'sessions' AND row_key = OLD.id;
    INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    VALUES ('sessions', OLD.id, coalesce(OLD.site, 'office'), 1);
END;
CREATE TRIGGER tickets_sync_insert AFTER INSERT ON tickets BEGIN
    DELETE FROM sync_changes WHERE table_name = 'tickets' AND row_key = NEW.id;
    INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    VALUES ('tickets', NEW.id, 'office', 0);
END;
CREATE TRIGGER tickets_sync_update AFTER UPDATE ON tickets BEGIN
    DELETE FROM sync_changes WHERE table_name = 'tickets' AND row_key = NEW.id;
    INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    VALUES ('tickets', NEW.id, 'office', 0);
END;
CREATE TRIGGER tickets_sync_delete AFTER DELETE ON tickets BEGIN
    DELETE FROM sync_changes WHERE table_name = 'tickets' AND row_key = OLD.id;
    INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    VALUES ('tickets', OLD.id, 'office', 1);
END;
CREATE TRIGGER trusted_keys_sync_insert AFTER INSERT ON trusted_keys BEGIN
    DELETE FROM sync_changes WHERE table_name = 'trusted_keys' AND row_key = NEW.key_id;
    INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    VALUES ('trusted_keys', NEW.key_id, 'office', 0);
END;
CREATE TRIGGER trusted_keys_sync_update AFTER UPDATE ON trusted_keys BEGIN
    DELETE FROM sync_changes WHERE table_name = 'trusted_keys' AND row_key = NEW.key_id;
    INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    VALUES ('trusted_keys', NEW.key_id, 'office', 0);
END;
CREATE TRIGGER trusted_keys_sync_delete AFTER DELETE ON trusted_keys BEGIN
    DELETE FROM sync_changes WHERE table_name = 'trusted_keys' AND row_key = OLD.key_id;
    INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    VALUES ('trusted_keys', OLD.key_id, 'office', 1);
END;
CREATE TRIGGER scans_sync_insert AFTER INSERT ON scans BEGIN
    DELETE FROM sync_changes WHERE table_name = 'scans' AND row_key = NEW.id;
    INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    VALUES ('scans', NEW.id, NEW.site, 0);
END;
CREATE TRIGGER scans_sync_update AFTER UPDATE ON scans BEGIN
    DELETE FROM sync_changes WHERE table_name = 'scans' AND row_key = NEW.id;
    INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    VALUES ('scans', NEW.id, NEW.site, 0);
END;
CREATE TRIGGER scans_sync_delete AFTER DELETE ON scans BEGIN
    DELETE FROM sync_changes WHERE table_name = 'scans' AND row_key = OLD.id;
    INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    VALUES ('scans', OLD.id, OLD.site, 1);
END;
CREATE TRIGGER checkins_sync_insert AFTER INSERT ON checkins BEGIN
    DELETE FROM sync_changes WHERE table_name = 'checkins' AND row_key = NEW.id;
    INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    VALUES ('checkins', NEW.id, NEW.site, 0);
END;
CREATE TRIGGER checkins_sync_update AFTER UPDATE ON checkins BEGIN
    DELETE FROM sync_changes WHERE table_name = 'checkins' AND row_key = NEW.id;
    INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    VALUES ('checkins', NEW.id, NEW.site, 0);
END;
CREATE TRIGGER checkins_sync_delete AFTER DELETE ON checkins BEGIN
    DELETE FROM sync_changes WHERE table_name = 'checkins' AND row_key = OLD.id;
    INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    VALUES ('checkins', OLD.id, OLD.site, 1);
END;
CREATE TRIGGER walkins_sync_insert AFTER INSERT ON walkins BEGIN
    DELETE FROM sync_changes WHERE table_name = 'walkins' AND row_key = NEW.id;
    INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    VALUES ('walkins', NEW.id, NEW.site, 0);
END;
CREATE TRIGGER walkins_sync_update AFTER UPDATE ON walkins BEGIN
    DELETE FROM sync_changes WHERE table_name = 'walkins' AND row_key = NEW.id;
    INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    VALUES ('walkins', NEW.id, NEW.site, 0);
END;
CREATE TRIGGER walkins_sync_delete AFTER DELETE ON walkins BEGIN
    DELETE FROM sync_changes WHERE table_name = 'walkins' AND row_key = OLD.id;
    INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    VALUES ('walkins', OLD.id, OLD.site, 1);
END;
INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    SELECT 'sessions', id, coalesce(sessions.site, 'office'), 0 FROM sessions;
INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    SELECT 'tickets', id, 'office', 0 FROM tickets;
INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    SELECT 'trusted_keys', key_id, 'office', 0 FROM trusted_keys;
INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    SELECT 'scans', id, scans.site, 0 FROM scans;
INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    SELECT 'checkins', id, checkins.site, 0 FROM checkins;
INSERT INTO sync_changes (table_name, row_key, owner, deleted)
    SELECT 'walkins', id, walkins.site, 0 FROM walkins;
)sql";

// Tickets issued to registered people: who holds each, so issuing again for the same person
// (a rerun of a registrations import) finds their ticket instead of making a second one. See
// registration_identity(). A revoked ticket no longer counts: its holder may get a new one.
constexpr std::string_view version_5 = R"sql(
ALTER TABLE tickets ADD COLUMN holder TEXT;
CREATE UNIQUE INDEX tickets_one_per_holder ON tickets (session_id, holder)
    WHERE holder IS NOT NULL AND revoked_at IS NULL;
CREATE INDEX tickets_by_holder ON tickets (session_id, holder);
)sql";

// Notices staff post on the board ("Salle 2 fermée aujourd'hui"), owned by the site; and the
// sentence the check-in rules gave the visitor, kept with each scan so the board greets with
// exactly what the rules said.
constexpr std::string_view version_6 = R"sql(
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

// The staff console: accounts (argon2id hashes, never passwords), signed-in browsers (only a
// hash of each cookie is kept, so a copied database opens no session), failed sign-ins for the
// growing delay, and the audit trail of every change made through it. All local to one
// database: none of it travels with sync.
constexpr std::string_view version_7 = R"sql(
CREATE TABLE staff_accounts (
    name          TEXT PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),
    role          TEXT NOT NULL CHECK (role IN ('staff', 'manager')),
    password_hash TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    changed_at    INTEGER NOT NULL
);
CREATE TABLE staff_sign_ins (
    token_hash    BLOB PRIMARY KEY,
    account       TEXT NOT NULL REFERENCES staff_accounts (name) ON DELETE CASCADE,
    csrf_token    TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL
);
CREATE TABLE staff_sign_in_failures (
    name          TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL,
    last_failure  INTEGER NOT NULL
);
CREATE TABLE audit_log (
    id            INTEGER PRIMARY KEY,
    at_utc        INTEGER NOT NULL,
    actor         TEXT NOT NULL,
    action        TEXT NOT NULL,
    target        TEXT NOT NULL DEFAULT '',
    before_state  TEXT NOT NULL DEFAULT '',
    after_state   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_time ON audit_log (at_utc);
)sql";

// The change log's triggers again, each one statement (see sync_triggers.hpp). Version 4's
// DELETE-then-INSERT pair made every write cost time in proportion to the log's length (a year
// of check-ins took hours to record).
constexpr LoggedTable version_4_tables[] = {
    {"sessions", "id", "coalesce(ROW.site, 'office')"},
    {"tickets", "id", "'office'"},
    {"trusted_keys", "key_id", "'office'"},
    {"scans", "id", "ROW.site"},
    {"checkins", "id", "ROW.site"},
    {"walkins", "id", "ROW.site"}};


// Each site's health as last measured (see site_health.hpp), one row per site, owned by that
// site: sync brings it to the office, whose console lists the four sites with it.
constexpr LoggedTable version_9_tables[] = {{"site_health", "site", "ROW.site"}};
constexpr std::string_view version_9_table = R"sql(
CREATE TABLE site_health (
    site            TEXT PRIMARY KEY,
    measured_at     INTEGER NOT NULL,
    severity        TEXT NOT NULL CHECK (severity IN ('ok', 'warning', 'problem')),
    summary         TEXT NOT NULL DEFAULT '',
    camera          TEXT NOT NULL CHECK (camera IN ('running', 'no_frames', 'stalled', 'stopped',
                                                    'no_status')),
    fps_tenths      INTEGER NOT NULL DEFAULT 0, -- bundles carry integers, not floats
    last_frame_utc  INTEGER,
    last_scan_utc   INTEGER,
    free_bytes      INTEGER
);
)sql";

} // namespace

std::span<const std::string_view> early_versions()
{
    static const std::string version_8 = sync_triggers(version_4_tables, Replacing::Yes);
    static const std::string version_9 =
        std::string(version_9_table) + sync_triggers(version_9_tables, Replacing::No);
    static const std::array<std::string_view, 9> early{
        version_1, version_2, version_3, version_4, version_5,
        version_6, version_7, version_8, version_9};
    return early;
}

} // namespace kiosk::migration
