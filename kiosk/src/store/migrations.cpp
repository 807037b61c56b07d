#include "migrations.hpp"

#include "sync_triggers.hpp"

#include <string>
#include <vector>

namespace kiosk {
namespace {

// What each scan told the visitor, as facts (kiosk/checkin/outcome.hpp) in JSON, which the board
// reads back and renders, instead of version 6's sentence. Local to the site, like the sentence.
constexpr std::string_view version_10 = R"sql(
ALTER TABLE scans ADD COLUMN outcome TEXT NOT NULL DEFAULT '';
ALTER TABLE scans DROP COLUMN message;
)sql";

// The live link (see kiosk/sync/link.hpp). At the office: the one-time invitations sites join
// with (only a hash of each code is kept), the nonces of the signed requests seen lately (a
// replay is refused), and when a site's device was retired (a lost or stolen box). At a site:
// the office's address and the certificate pinned when the site joined. None of it travels.
constexpr std::string_view version_11 = R"sql(
CREATE TABLE sync_invitations (
    code_hash   BLOB PRIMARY KEY,
    site        TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER,
    used_by     BLOB CHECK (used_by IS NULL OR length(used_by) = 32)
);
CREATE TABLE sync_nonces (
    key_id      TEXT NOT NULL,
    nonce       TEXT NOT NULL,
    seen_at     INTEGER NOT NULL,
    PRIMARY KEY (key_id, nonce)
);
CREATE INDEX sync_nonces_by_time ON sync_nonces (seen_at);
ALTER TABLE sync_peers ADD COLUMN retired_at INTEGER;
ALTER TABLE sync_peers ADD COLUMN contact_at INTEGER; -- the peer's last request over the link
CREATE TABLE sync_link (
    singleton   INTEGER PRIMARY KEY CHECK (singleton = 1),
    office_url  TEXT NOT NULL,
    certificate TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    joined_at   INTEGER NOT NULL
);
)sql";

// Who owns what (see the README's table). A session's plan belongs to whoever planned it: the
// office, which may plan any site's sessions, or the site, which plans its own; rows already
// here keep the owner the change log gave them. The day-of state that staff set on site (delay,
// room change, full, cancelled) is that site's, whoever planned the session: one row per site
// and session, keyed "site:session" so the same state written twice is one row. `sessions_now`
// is what every reader sees: the plan with this database's day-of state over it (at the
// office, each site's own; a cancelled plan stays cancelled). Notices become synced too: the
// office posts for one, several or every site (`batch` names the rows posted together).
constexpr migration::LoggedTable version_12_sessions[] = {{"sessions", "id", "ROW.planner"}};
constexpr migration::LoggedTable version_12_tables[] = {{"session_states", "id", "ROW.site"},
                                                        {"notices", "id", "ROW.author"}};
const std::string version_12 = R"sql(
DROP TRIGGER sessions_sync_insert;
DROP TRIGGER sessions_sync_update;
DROP TRIGGER sessions_sync_delete;
ALTER TABLE sessions ADD COLUMN planner TEXT NOT NULL DEFAULT 'office'
    CHECK (planner IN ('office', 'rennes', 'nancy', 'montpellier', 'saint-etienne')
           AND (planner = 'office' OR planner = coalesce(site, '')));
UPDATE sessions SET planner = coalesce(site, 'office');
CREATE TABLE session_states (
    id            TEXT PRIMARY KEY,
    session_id    INTEGER NOT NULL,
    site          TEXT NOT NULL CHECK (site IN ('rennes', 'nancy', 'montpellier', 'saint-etienne')),
    status        TEXT NOT NULL CHECK (status IN ('scheduled', 'delayed', 'room_changed', 'full',
                                                  'cancelled')),
    delay_min     INTEGER NOT NULL DEFAULT 0 CHECK (delay_min >= 0),
    room          TEXT NOT NULL DEFAULT '', -- '' : the planned room
    previous_room TEXT NOT NULL DEFAULT '',
    updated_at    INTEGER NOT NULL,
    CHECK (id = site || ':' || session_id)
);
CREATE INDEX session_states_by_session ON session_states (session_id);
CREATE VIEW sessions_now AS
SELECT p.id, p.uid, p.site, p.kind, p.title, p.tags, p.trainer,
       CASE WHEN st.room <> '' THEN st.room ELSE p.room END AS room,
       CASE WHEN st.id IS NULL THEN p.previous_room ELSE st.previous_room END AS previous_room,
       p.capacity, p.start_utc, p.end_utc, p.join_url, p.organiser,
       CASE WHEN st.id IS NULL OR p.status = 'cancelled' THEN p.status ELSE st.status END
           AS status,
       CASE WHEN st.id IS NULL OR p.status = 'cancelled' THEN p.delay_min ELSE st.delay_min END
           AS delay_min,
       max(p.updated_at, coalesce(st.updated_at, 0)) AS updated_at, p.planner
FROM sessions p
LEFT JOIN session_states st
       ON st.session_id = p.id AND st.site = coalesce(p.site, (SELECT name FROM sync_identity));
ALTER TABLE notices ADD COLUMN author TEXT NOT NULL DEFAULT 'office'
    CHECK (author IN ('office', 'rennes', 'nancy', 'montpellier', 'saint-etienne')
           AND (author = 'office' OR author = site));
ALTER TABLE notices ADD COLUMN batch INTEGER;
UPDATE notices SET author = site WHERE site IN ('rennes', 'nancy', 'montpellier', 'saint-etienne');
CREATE INDEX notices_by_batch ON notices (batch);
)sql" + migration::sync_triggers(version_12_sessions, migration::Replacing::No) +
                                migration::sync_triggers(version_12_tables, migration::Replacing::No);

// The office's certificates announced to the sites before the office changes its own: a site
// accepts the certificate it pinned when it joined and every one announced since (brought by a
// signed bundle), except those the office has retired. Owned by the office, sent to every site.
constexpr migration::LoggedTable version_13_tables[] = {
    {"office_certificates", "fingerprint", "'office'"}};
const std::string version_13 = R"sql(
CREATE TABLE office_certificates (
    fingerprint  TEXT PRIMARY KEY CHECK (length(fingerprint) = 64),
    certificate  TEXT NOT NULL CHECK (length(certificate) <= 65536),
    announced_at INTEGER NOT NULL,
    retired_at   INTEGER
);
)sql" + migration::sync_triggers(version_13_tables, migration::Replacing::No);

// Admit anyway: a check-in staff made against the doors' rules keeps why (see ManualCheckin).
constexpr std::string_view version_14 = R"sql(
ALTER TABLE checkins ADD COLUMN override_reason TEXT CHECK (length(override_reason) <= 500);
)sql";

// Finding a visitor by last name at a site, which never holds last names: the office sends
// the initial and a 10-bit tag of the folded last name instead (see name_search.hpp). At the
// office, the tickets of sessions still to come are logged again, so that the next bundle
// brings the sites the initials and tags of tickets they already hold.
constexpr std::string_view version_15 = R"sql(
ALTER TABLE tickets ADD COLUMN last_initial TEXT NOT NULL DEFAULT ''
    CHECK (length(last_initial) <= 4);
ALTER TABLE tickets ADD COLUMN last_name_key TEXT NOT NULL DEFAULT ''
    CHECK (last_name_key = '' OR (length(last_name_key) = 4 AND last_name_key NOT GLOB '*[^0-9a-f]*'));
UPDATE tickets SET last_initial = '' WHERE last_name <> '' AND session_id IN
    (SELECT id FROM sessions WHERE end_utc > CAST(strftime('%s', 'now') AS INTEGER));
)sql";

// Proof of display: each site's health says how its board was (drawing, screen off outside
// opening hours, stale, hung, stopped, never started), and the board's latest picture — what
// the entrance screen showed, scaled to 480 pixels wide — travels beside it, one row per site,
// owned by that site. The picture row changes only when the picture does, so a screen off all
// night sends nothing. The checks bound what any bundle may bring: a PNG of at most 256 kB.
constexpr migration::LoggedTable version_16_tables[] = {{"board_pictures", "site", "ROW.site"}};
const std::string version_16 = R"sql(
ALTER TABLE site_health ADD COLUMN board TEXT NOT NULL DEFAULT 'no_status'
    CHECK (board IN ('drawing', 'screen_off', 'stale', 'stalled', 'stopped', 'no_status'));
CREATE TABLE board_pictures (
    site      TEXT PRIMARY KEY CHECK (site IN ('rennes', 'nancy', 'montpellier', 'saint-etienne')),
    taken_at  INTEGER NOT NULL, -- when the picture was on screen, Unix seconds (real time)
    width     INTEGER NOT NULL CHECK (width BETWEEN 1 AND 2048),
    height    INTEGER NOT NULL CHECK (height BETWEEN 1 AND 2048),
    png       BLOB NOT NULL CHECK (typeof(png) = 'blob' AND length(png) BETWEEN 33 AND 262144
                                   AND substr(png, 1, 8) = X'89504E470D0A1A0A')
);
)sql" + migration::sync_triggers(version_16_tables, migration::Replacing::No);

// The office's mail outbox (see kiosk/mail/outbox.hpp): one row per message to send, queued in
// the transaction that causes it, so that no ticket is issued without its mail and no mail
// leaves for a ticket that was never issued. Office-local: it holds e-mail addresses and never
// travels. A session moved or cancelled, by whoever wrote it (the office's tools, or a site's
// day-of state arriving by sync), tells every valid ticket holder with an address: the
// triggers queue the rows, the sender composes each message from what is true when it leaves.
// A reminder is queued once per ticket, a private session's link once to its organiser (the
// partial indexes; the organiser's row has no ticket: 0), whatever reruns.
constexpr std::string_view version_17 = R"sql(
CREATE TABLE mail_outbox (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('ticket', 'reminder', 'revocation',
                                                  'session_changed', 'session_cancelled',
                                                  'organiser')),
    ticket_id       INTEGER NOT NULL,
    session_id      INTEGER NOT NULL,
    recipient       TEXT NOT NULL CHECK (length(recipient) <= 254), -- '' once purged
    payload         TEXT NOT NULL DEFAULT '' CHECK (length(payload) <= 1024),
    status          TEXT NOT NULL DEFAULT 'queued'
                    CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'dropped')),
    attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT NOT NULL DEFAULT '' CHECK (length(last_error) <= 1000),
    created_at      INTEGER NOT NULL,
    sent_at         INTEGER
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
CREATE INDEX mail_outbox_by_ticket ON mail_outbox (ticket_id);
CREATE UNIQUE INDEX mail_outbox_one_reminder ON mail_outbox (ticket_id) WHERE kind = 'reminder';
CREATE UNIQUE INDEX mail_outbox_one_organiser ON mail_outbox (session_id, recipient)
    WHERE kind = 'organiser';
CREATE TRIGGER mail_session_cancelled AFTER UPDATE OF status ON sessions
WHEN NEW.status = 'cancelled' AND OLD.status <> 'cancelled'
BEGIN
    INSERT INTO mail_outbox (kind, ticket_id, session_id, recipient, created_at)
    SELECT 'session_cancelled', t.id, t.session_id, t.email, CAST(strftime('%s', 'now') AS INTEGER)
    FROM tickets t WHERE t.session_id = NEW.id AND t.revoked_at IS NULL AND t.email <> '';
END;
CREATE TRIGGER mail_session_moved AFTER UPDATE OF start_utc, end_utc, room ON sessions
WHEN NEW.status <> 'cancelled'
     AND (NEW.start_utc <> OLD.start_utc OR NEW.end_utc <> OLD.end_utc OR NEW.room <> OLD.room)
BEGIN
    INSERT INTO mail_outbox (kind, ticket_id, session_id, recipient, created_at)
    SELECT 'session_changed', t.id, t.session_id, t.email, CAST(strftime('%s', 'now') AS INTEGER)
    FROM tickets t WHERE t.session_id = NEW.id AND t.revoked_at IS NULL AND t.email <> '';
END;
CREATE TRIGGER mail_day_state_inserted AFTER INSERT ON session_states
WHEN NEW.status = 'cancelled' OR NEW.room <> ''
BEGIN
    INSERT INTO mail_outbox (kind, ticket_id, session_id, recipient, created_at)
    SELECT CASE NEW.status WHEN 'cancelled' THEN 'session_cancelled' ELSE 'session_changed' END,
           t.id, t.session_id, t.email, CAST(strftime('%s', 'now') AS INTEGER)
    FROM tickets t WHERE t.session_id = NEW.session_id AND t.revoked_at IS NULL AND t.email <> '';
END;
CREATE TRIGGER mail_day_state_updated AFTER UPDATE OF status, room ON session_states
WHEN (NEW.status = 'cancelled' AND OLD.status <> 'cancelled')
     OR (NEW.status <> 'cancelled' AND NEW.room <> OLD.room)
BEGIN
    INSERT INTO mail_outbox (kind, ticket_id, session_id, recipient, created_at)
    SELECT CASE NEW.status WHEN 'cancelled' THEN 'session_cancelled' ELSE 'session_changed' END,
           t.id, t.session_id, t.email, CAST(strftime('%s', 'now') AS INTEGER)
    FROM tickets t WHERE t.session_id = NEW.session_id AND t.revoked_at IS NULL AND t.email <> '';
END;
)sql";

// Online attendance, at the office only (nothing here travels: names and e-mails stay where
// registrations are). One row per person and online session, from the platform's attendance
// report: the registration matched (by e-mail, then by name) or none, minutes attended, present
// or not. `person_key` is a keyed hash of who the person is (registration_identity()), keyed by
// this database's own random salt (drawn by the first write that needs it), so that "people
// trained" counts each person once and still does after purge has erased names and e-mails;
// tickets get theirs in `ticket_person_keys` when purge erases their holder. `online_attendance_imports` remembers each session's last
// imported file, so the same file imported again changes nothing.
constexpr std::string_view version_18 = R"sql(
CREATE TABLE person_key_salt (
    singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
    salt      BLOB NOT NULL CHECK (length(salt) = 32)
);
CREATE TABLE ticket_person_keys (
    ticket_id  INTEGER PRIMARY KEY,
    person_key BLOB NOT NULL CHECK (length(person_key) = 16)
);
CREATE TABLE online_attendance_imports (
    session_id    INTEGER PRIMARY KEY,
    file_hash     BLOB NOT NULL CHECK (length(file_hash) = 32),
    file_name     TEXT NOT NULL CHECK (length(file_name) <= 255),
    platform      TEXT NOT NULL CHECK (platform IN ('zoom', 'teams', 'meet')),
    threshold_min INTEGER NOT NULL CHECK (threshold_min >= 0),
    participants  INTEGER NOT NULL,
    matched       INTEGER NOT NULL,
    present       INTEGER NOT NULL,
    imported_at   INTEGER NOT NULL
);
CREATE TABLE online_attendance (
    session_id  INTEGER NOT NULL,
    person_key  BLOB NOT NULL CHECK (length(person_key) = 16),
    ticket_id   INTEGER, -- the registration matched; NULL: not registered
    matched_by  TEXT NOT NULL CHECK (matched_by IN ('email', 'name', 'none')),
    name        TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 500),
    email       TEXT NOT NULL DEFAULT '' CHECK (length(email) <= 500),
    minutes     INTEGER NOT NULL CHECK (minutes >= 0),
    present     INTEGER NOT NULL CHECK (present IN (0, 1)),
    PRIMARY KEY (session_id, person_key)
);
CREATE INDEX online_attendance_present ON online_attendance (present, session_id);
)sql";

} // namespace

std::span<const std::string_view> migrations()
{
    static const std::vector<std::string_view> all = [] {
        const auto early = migration::early_versions();
        std::vector<std::string_view> list(early.begin(), early.end());
        for (const std::string_view later :
             {version_10, std::string_view(version_11), std::string_view(version_12),
              std::string_view(version_13), version_14, version_15, std::string_view(version_16),
              version_17, version_18})
            list.push_back(later);
        return list;
    }();
    return all;
}

} // namespace kiosk
