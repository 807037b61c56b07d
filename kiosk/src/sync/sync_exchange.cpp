#include "kiosk/sync/sync.hpp"
#include "store/change_log.hpp"
#include "store/database.hpp"
#include "sync_bundle.hpp"
#include "sync_peers.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace kiosk {

tl::expected<ExportedBundle, SyncError>
Sync::exchange(std::string_view site, std::span<const std::uint8_t> bundle, Instant now)
{
    std::size_t received = 0;
    if (!bundle.empty()) {
        // The request was signed by the site's device; the bundle must be the same site's, or a
        // site could pass another's bundle off as its own.
        const auto key = sync::framed_key(bundle);
        const auto peer = sync::find_peer(store_, site);
        if (key && peer && peer->device && peer->device->id() != *key)
            return tl::unexpected(SyncError{
                SyncProblem::WrongSender,
                fmt::format("le paquet n'est pas signé par l'appareil de « {} » ; rien n'a changé",
                            site)});
        const auto applied = apply(bundle, now);
        if (!applied)
            return tl::unexpected(applied.error());
        received = applied->rows + applied->deletions;
    }
    auto exported = export_for(site, std::nullopt, now, link_bundle_changes);
    if (exported)
        exported->received = received;
    return exported;
}

std::int64_t Sync::log_position() { return change_log_end(store_); }

std::int64_t Sync::waiting_for(std::string_view peer)
{
    const auto me = identity();
    if (!me)
        return 0;
    const auto known = sync::find_peer(store_, peer);
    SQLite::Statement count(database_of(store_),
                            "SELECT count(*) FROM sync_changes WHERE owner = ?1 AND seq > ?2");
    count.bind(1, me->name);
    count.bind(2, known ? known->acked_seq : std::int64_t{0});
    count.executeStep();
    return count.getColumn(0).getInt64();
}

} // namespace kiosk
