#include "kiosk/tickets/trusted_keys.hpp"

#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <cstring>
#include <fmt/format.h>

namespace kiosk {
namespace {

constexpr const char* columns = "key_id, public_key, trusted_at, retired_at";

TrustedKey read_key(SQLite::Statement& row)
{
    TrustedKey key;
    key.id = KeyId::parse(row.getColumn(0).getString()).value_or(KeyId{});
    const auto blob = row.getColumn(1);
    if (blob.getBytes() == static_cast<int>(key.public_key.bytes.size()))
        std::memcpy(key.public_key.bytes.data(), blob.getBlob(), key.public_key.bytes.size());
    key.trusted_at = from_unix_seconds(row.getColumn(2).getInt64());
    if (!row.getColumn(3).isNull())
        key.retired_at = from_unix_seconds(row.getColumn(3).getInt64());
    return key;
}

} // namespace

TrustedKeys::Trust TrustedKeys::trust(const PublicKey& key, Instant now)
{
    const KeyId id = key.id();
    return store_.write([&] {
        if (const auto existing = find(id)) {
            if (existing->public_key != key)
                throw StoreError(
                    fmt::format("une autre clé porte déjà l'identifiant {}", id.to_string()));
            if (existing->is_active())
                return Trust::AlreadyTrusted;
            SQLite::Statement reinstate(database_of(store_),
                                        "UPDATE trusted_keys SET retired_at = NULL, "
                                        "trusted_at = ?2 WHERE key_id = ?1");
            reinstate.bind(1, id.to_string());
            reinstate.bind(2, unix_seconds(now));
            reinstate.exec();
            return Trust::Reinstated;
        }
        SQLite::Statement insert(database_of(store_),
                                 "INSERT INTO trusted_keys (key_id, public_key, trusted_at) "
                                 "VALUES (?1, ?2, ?3)");
        insert.bind(1, id.to_string());
        insert.bind(2, key.bytes.data(), static_cast<int>(key.bytes.size()));
        insert.bind(3, unix_seconds(now));
        insert.exec();
        return Trust::Added;
    });
}

bool TrustedKeys::retire(const KeyId& id, Instant now)
{
    return store_.write([&] {
        SQLite::Statement retire(database_of(store_), "UPDATE trusted_keys SET retired_at = ?2 "
                                                      "WHERE key_id = ?1 AND retired_at IS NULL");
        retire.bind(1, id.to_string());
        retire.bind(2, unix_seconds(now));
        return retire.exec() == 1;
    });
}

std::optional<TrustedKey> TrustedKeys::find(const KeyId& id)
{
    SQLite::Statement select(database_of(store_), std::string("SELECT ") + columns +
                                                      " FROM trusted_keys WHERE key_id = ?1");
    select.bind(1, id.to_string());
    if (!select.executeStep())
        return std::nullopt;
    return read_key(select);
}

std::vector<TrustedKey> TrustedKeys::list()
{
    SQLite::Statement select(database_of(store_),
                             std::string("SELECT ") + columns +
                                 " FROM trusted_keys ORDER BY retired_at IS NOT NULL, trusted_at");
    std::vector<TrustedKey> keys;
    while (select.executeStep())
        keys.push_back(read_key(select));
    return keys;
}

} // namespace kiosk
