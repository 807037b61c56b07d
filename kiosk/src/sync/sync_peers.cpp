#include "sync_peers.hpp"

#include "kiosk/base/ids.hpp"
#include "kiosk/base/site.hpp"
#include "kiosk/sync/sync.hpp"
#include "store/change_log.hpp"
#include "store/column_values.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <cstring>
#include <fmt/format.h>

namespace kiosk {
namespace sync {
namespace {

std::optional<PublicKey> key_of(const SQLite::Column& column)
{
    PublicKey key;
    if (column.isNull() || column.getBytes() != static_cast<int>(key.bytes.size()))
        return std::nullopt;
    std::memcpy(key.bytes.data(), column.getBlob(), key.bytes.size());
    return key;
}

} // namespace

std::optional<Peer> find_peer(Store& store, std::string_view name)
{
    SQLite::Statement select(database_of(store),
                             "SELECT public_key, retired_at, log_id, received_seq, acked_seq "
                             "FROM sync_peers WHERE peer = ?1");
    select.bind(1, std::string(name));
    if (!select.executeStep())
        return std::nullopt;
    return Peer{key_of(select.getColumn(0)), columns::optional_instant(select.getColumn(1)),
                columns::optional_int(select.getColumn(2)), select.getColumn(3).getInt64(),
                select.getColumn(4).getInt64()};
}

void ensure_peer(Store& store, std::string_view name)
{
    SQLite::Statement insert(database_of(store),
                             "INSERT INTO sync_peers (peer) VALUES (?1) ON CONFLICT DO NOTHING");
    insert.bind(1, std::string(name));
    insert.exec();
}

} // namespace sync

tl::expected<SyncIdentity, std::string>
Sync::set_identity(std::string_view name, const std::filesystem::path& key_file, Instant now)
{
    if (name != office_name && !find_site(name))
        return tl::unexpected(
            fmt::format("identité inconnue « {} » (office, {})", name, known_site_ids()));
    const auto key = SigningKey::load(key_file);
    if (!key)
        return tl::unexpected(key.error());
    SyncIdentity identity{std::string(name), std::filesystem::absolute(key_file), key->public_key(),
                          random_id_value()};
    store_.write([&] {
        if (const auto existing = this->identity())
            identity.log_id = existing->log_id; // the change log stays the same log
        SQLite::Statement upsert(
            database_of(store_),
            "INSERT INTO sync_identity (singleton, name, key_file, public_key, log_id, set_at) "
            "VALUES (1, ?1, ?2, ?3, ?4, ?5) ON CONFLICT (singleton) DO UPDATE SET "
            "name = excluded.name, key_file = excluded.key_file, "
            "public_key = excluded.public_key, set_at = excluded.set_at");
        upsert.bind(1, identity.name);
        upsert.bind(2, identity.key_file.string());
        upsert.bind(3, identity.public_key.bytes.data(),
                    static_cast<int>(identity.public_key.bytes.size()));
        upsert.bind(4, identity.log_id);
        upsert.bind(5, unix_seconds(now));
        upsert.exec();
    });
    return identity;
}

std::optional<SyncIdentity> Sync::identity()
{
    SQLite::Statement select(database_of(store_),
                             "SELECT name, key_file, public_key, log_id FROM sync_identity");
    if (!select.executeStep())
        return std::nullopt;
    return SyncIdentity{select.getColumn(0).getString(), select.getColumn(1).getString(),
                        sync::key_of(select.getColumn(2)).value_or(PublicKey{}),
                        select.getColumn(3).getInt64()};
}

void Sync::register_device(std::string_view site, const PublicKey& key, Instant now)
{
    store_.write([&] {
        SQLite::Statement upsert(
            database_of(store_),
            "INSERT INTO sync_peers (peer, public_key, registered_at) VALUES (?1, ?2, ?3) "
            "ON CONFLICT (peer) DO UPDATE SET public_key = excluded.public_key, "
            "registered_at = excluded.registered_at, retired_at = NULL, log_id = NULL, "
            "received_seq = 0, "
            "received_from = NULL, received_at = NULL, received_made = NULL, acked_seq = 0");
        upsert.bind(1, std::string(site));
        upsert.bind(2, key.bytes.data(), static_cast<int>(key.bytes.size()));
        upsert.bind(3, unix_seconds(now));
        upsert.exec();
        SQLite::Statement forget(database_of(store_), "DELETE FROM sync_pending WHERE peer = ?1");
        forget.bind(1, std::string(site));
        forget.exec();
    });
}

SyncStatus Sync::status()
{
    SyncStatus status;
    status.identity = identity();
    status.log_seq = change_log_end(store_);
    SQLite::Statement select(
        database_of(store_),
        "SELECT peer, public_key, registered_at, received_seq, received_from, received_at, "
        "received_made, acked_seq, sent_from, sent_seq, sent_at, "
        "(SELECT count(*) FROM sync_pending WHERE sync_pending.peer = sync_peers.peer), "
        "retired_at, contact_at, "
        "(SELECT count(*) FROM sync_changes WHERE owner = ?1 AND seq > sync_peers.acked_seq) "
        "FROM sync_peers ORDER BY peer = 'office' DESC, peer");
    select.bind(1, status.identity ? status.identity->name : std::string());
    while (select.executeStep()) {
        PeerStatus peer;
        peer.peer = select.getColumn(0).getString();
        peer.device = sync::key_of(select.getColumn(1));
        peer.registered_at = columns::optional_instant(select.getColumn(2));
        peer.received_seq = select.getColumn(3).getInt64();
        peer.received_from = columns::optional_int(select.getColumn(4));
        peer.received_at = columns::optional_instant(select.getColumn(5));
        peer.received_made = columns::optional_instant(select.getColumn(6));
        peer.acked_seq = select.getColumn(7).getInt64();
        peer.sent_from = columns::optional_int(select.getColumn(8));
        peer.sent_seq = columns::optional_int(select.getColumn(9));
        peer.sent_at = columns::optional_instant(select.getColumn(10));
        peer.kept_for_later = select.getColumn(11).getInt();
        peer.retired_at = columns::optional_instant(select.getColumn(12));
        peer.contact_at = columns::optional_instant(select.getColumn(13));
        peer.waiting = status.identity ? select.getColumn(14).getInt64() : 0;
        status.peers.push_back(std::move(peer));
    }
    return status;
}

} // namespace kiosk
