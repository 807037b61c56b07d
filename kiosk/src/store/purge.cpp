#include "kiosk/store/purge.hpp"

#include "database.hpp"

#include <SQLiteCpp/Statement.h>
#include <nlohmann/json.hpp>
#include <optional>
#include <sodium.h>
#include <stdexcept>

namespace kiosk {
namespace {

// Run outside any transaction: SQLite ignores secure_delete changes and refuses a checkpoint
// inside one.
class SecureDelete {
public:
    explicit SecureDelete(Store& store) : store_(store)
    {
        previous_ = database_of(store_).execAndGet("PRAGMA secure_delete").getInt();
        database_of(store_).exec("PRAGMA secure_delete = ON");
    }
    ~SecureDelete()
    {
        try {
            database_of(store_).exec(previous_ ? "PRAGMA secure_delete = ON"
                                               : "PRAGMA secure_delete = OFF");
        } catch (...) { // the connection is closing anyway
        }
    }
    SecureDelete(const SecureDelete&) = delete;
    SecureDelete& operator=(const SecureDelete&) = delete;

private:
    Store& store_;
    int previous_ = 0;
};

int run(Store& store, const char* sql, Instant before)
{
    SQLite::Statement statement(database_of(store), sql);
    statement.bind(1, unix_seconds(before));
    return statement.exec();
}

// Keeps the key of every holder about to be erased (see PersonKeys).
void keep_person_keys(Store& store, Instant limit)
{
    std::optional<PersonKeys> keys; // the salt is drawn only when there is a key to keep
    SQLite::Statement select(database_of(store),
                             "SELECT id, holder FROM tickets WHERE holder IS NOT NULL"
                             " AND id NOT IN (SELECT ticket_id FROM ticket_person_keys) AND ("
                             " session_id IN (SELECT id FROM sessions WHERE end_utc < ?1)"
                             " OR (session_id NOT IN (SELECT id FROM sessions)"
                             " AND issued_at < ?1))");
    select.bind(1, unix_seconds(limit));
    SQLite::Statement insert(database_of(store),
                             "INSERT OR IGNORE INTO ticket_person_keys (ticket_id, person_key)"
                             " VALUES (?1, ?2)");
    while (select.executeStep()) {
        if (!keys)
            keys.emplace(store, SaltUse::ToKeep);
        const auto key = keys->key(select.getColumn(1).getString());
        insert.bind(1, select.getColumn(0).getInt64());
        insert.bind(2, key.data(), static_cast<int>(key.size()));
        insert.exec();
        insert.reset();
    }
}

} // namespace

PersonKeys::PersonKeys(Store& store, SaltUse use)
{
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium ne démarre pas");
    if (use == SaltUse::ToKeep)
        database_of(store).exec("INSERT OR IGNORE INTO person_key_salt (singleton, salt)"
                                " VALUES (1, randomblob(32))");
    SQLite::Statement select(database_of(store), "SELECT salt FROM person_key_salt");
    if (select.executeStep()) {
        const auto column = select.getColumn(0);
        const auto* bytes = static_cast<const unsigned char*>(column.getBlob());
        salt_.assign(bytes, bytes + column.getBytes());
    } else {
        salt_.resize(crypto_generichash_KEYBYTES);
        randombytes_buf(salt_.data(), salt_.size());
    }
}

std::string PersonKeys::key(std::string_view identity) const
{
    std::string key(16, '\0');
    crypto_generichash(reinterpret_cast<unsigned char*>(key.data()), key.size(),
                       reinterpret_cast<const unsigned char*>(identity.data()), identity.size(),
                       salt_.data(), salt_.size());
    return key;
}

PurgeCounts purge_personal_data(Store& store, Day before, const Audit& audit)
{
    const Instant limit = local_day_range(before).begin;
    PurgeCounts counts;
    {
        SecureDelete secure(store);
        store.write([&] {
            keep_person_keys(store, limit);
            counts.tickets = run(store,
                                 "UPDATE tickets SET first_name = '', last_name = '', email = '',"
                                 " note = '', holder = NULL, last_initial = '', last_name_key = ''"
                                 " WHERE (first_name <> '' OR last_name <> '' OR email <> ''"
                                 " OR note <> '' OR holder IS NOT NULL OR last_initial <> ''"
                                 " OR last_name_key <> '') AND ("
                                 " session_id IN (SELECT id FROM sessions WHERE end_utc < ?1)"
                                 " OR (session_id NOT IN (SELECT id FROM sessions)"
                                 " AND issued_at < ?1))",
                                 limit);
            // The outbox's addresses and ticket texts go with the tickets they were for.
            run(store,
                "UPDATE mail_outbox SET recipient = '', payload = ''"
                " WHERE (recipient <> '' OR payload <> '') AND ("
                " session_id IN (SELECT id FROM sessions WHERE end_utc < ?1)"
                " OR (session_id NOT IN (SELECT id FROM sessions) AND created_at < ?1))",
                limit);
            counts.walk_ins = run(store,
                                  "UPDATE walkins SET first_name = ''"
                                  " WHERE first_name <> '' AND at_utc < ?1",
                                  limit);
            counts.scans =
                run(store, "UPDATE scans SET raw = '' WHERE raw <> '' AND at_utc < ?1", limit);
            counts.online = run(store,
                                "UPDATE online_attendance SET name = '', email = ''"
                                " WHERE (name <> '' OR email <> '') AND session_id IN"
                                " (SELECT id FROM sessions WHERE end_utc < ?1)",
                                limit);
            // Free text about people: why staff let someone in anyway, and walk-ins' first
            // names in audit rows the console wrote before the trail stopped copying them.
            run(store,
                "UPDATE checkins SET override_reason = '' WHERE override_reason <> ''"
                " AND at_utc < ?1",
                limit);
            run(store,
                "UPDATE audit_log SET"
                " before_state = CASE WHEN json_valid(before_state)"
                " THEN json_remove(before_state, '$.first_name', '$.reason') ELSE before_state END,"
                " after_state = CASE WHEN json_valid(after_state)"
                " THEN json_remove(after_state, '$.first_name', '$.reason') ELSE after_state END"
                " WHERE at_utc < ?1 AND (before_state LIKE '%\"first_name\"%'"
                " OR after_state LIKE '%\"first_name\"%' OR after_state LIKE '%\"reason\"%')",
                limit);
            record_audit(store, {0, audit.at, audit.by, "attendance.purge", format_day(before), "",
                                 nlohmann::ordered_json{{"tickets", counts.tickets},
                                                        {"walk_ins", counts.walk_ins},
                                                        {"scans", counts.scans}}
                                     .dump()});
        });
    }
    database_of(store).exec("PRAGMA wal_checkpoint(TRUNCATE)");
    return counts;
}

} // namespace kiosk
