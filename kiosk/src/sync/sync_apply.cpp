#include "kiosk/store/audit.hpp"
#include "kiosk/sync/sync.hpp"
#include "kiosk/tickets/trusted_keys.hpp"
#include "store/change_log.hpp"
#include "store/database.hpp"
#include "sync_apply.hpp"
#include "sync_peers.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace kiosk::sync {

void bind_value(SQLite::Statement& statement, int index, const nlohmann::json& value)
{
    if (value.is_null())
        statement.bind(index);
    else if (value.is_string())
        statement.bind(index, value.get<std::string>());
    else if (value.is_binary())
        statement.bind(index, value.get_binary().data(),
                       static_cast<int>(value.get_binary().size()));
    else
        statement.bind(index, value.get<std::int64_t>());
}

} // namespace kiosk::sync

namespace kiosk {
namespace {

using sync::bind_value;
using sync::Refusal;
using sync::Row;
using sync::Statements;
using sync::Table;
using sync::Verdict;

SyncError refusal(SyncProblem problem, std::string message)
{
    return {problem, std::move(message)};
}

// The key that may have signed a bundle for this database, and whose it is: at the office the
// sites' registered device keys; at a site the office's active ticket keys.
std::optional<std::pair<PublicKey, std::string>> signer(Store& store, const SyncIdentity& me,
                                                        const KeyId& id)
{
    if (me.name != office_name) {
        const auto trusted = TrustedKeys(store).find(id);
        if (trusted && trusted->is_active())
            return std::pair{trusted->public_key, std::string(office_name)};
        return std::nullopt;
    }
    SQLite::Statement select(database_of(store),
                             "SELECT peer FROM sync_peers WHERE public_key IS NOT NULL");
    while (select.executeStep()) {
        const std::string peer = select.getColumn(0).getString();
        if (const auto found = sync::find_peer(store, peer);
            found && found->device && !found->retired_at && found->device->id() == id)
            return std::pair{*found->device, peer};
    }
    return std::nullopt;
}

tl::expected<sync::Content, SyncError> verify(Store& store, const SyncIdentity& me,
                                              std::span<const std::uint8_t> bytes)
{
    const auto id = sync::framed_key(bytes);
    if (!id)
        return tl::unexpected(id.error());
    const auto key = signer(store, me, *id);
    if (!key)
        return tl::unexpected(refusal(
            SyncProblem::UnknownKey,
            me.name == office_name
                ? fmt::format("paquet signé par un appareil inconnu (clé {}) : enregistrez-le "
                              "d'abord (kioskctl sync register --site SITE --public-key …) ; "
                              "rien n'a changé",
                              id->to_string())
                : fmt::format("paquet signé par une clé que ce site n'accepte pas (clé {}) : "
                              "kioskctl keys trust CLÉ_PUBLIQUE_DU_BUREAU ; rien n'a changé",
                              id->to_string())));
    auto content = sync::open(bytes, key->first);
    if (!content)
        return content;
    const BundleHeader& header = content->header;
    if (header.recipient != me.name)
        return tl::unexpected(
            refusal(SyncProblem::WrongRecipient,
                    fmt::format("ce paquet est destiné à « {} », cette base est « {} » ; rien "
                                "n'a changé",
                                header.recipient, me.name)));
    if (header.sender != key->second)
        return tl::unexpected(refusal(
            SyncProblem::WrongSender,
            fmt::format("paquet signé par la clé de « {} » mais qui se dit de « {} » ; rien n'a "
                        "changé",
                        key->second, header.sender)));
    return content;
}

Verdict apply_row(Store& store, Statements& statements, const Row& row, std::string_view sender,
                  Instant now)
{
    if (sync::ownership_verdict(store, statements, row, sender, now) == Verdict::Superseded)
        return Verdict::Superseded;
    const Table& table = *row.table;
    if (row.deleted) {
        auto& remove =
            statements(fmt::format("DELETE FROM {} WHERE {} = ?1", table.name, table.key));
        bind_value(remove, 1, row.key);
        remove.exec();
        return Verdict::Apply;
    }
    std::string updates;
    for (const auto column : table.columns.subspan(1))
        updates += fmt::format("{}{} = excluded.{}", updates.empty() ? "" : ", ", column, column);
    auto& upsert = statements(fmt::format("INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({}) DO "
                                          "UPDATE SET {}",
                                          table.name, sync::column_list(table),
                                          sync::parameter_list(table), table.key, updates));
    for (std::size_t i = 0; i < row.values.size(); ++i)
        bind_value(upsert, static_cast<int>(i + 1), row.values[i]);
    upsert.exec();
    return Verdict::Apply;
}

void record_received(Store& store, const BundleHeader& header, Instant now)
{
    sync::ensure_peer(store, header.sender);
    SQLite::Statement update(
        database_of(store),
        "UPDATE sync_peers SET log_id = ?2, received_seq = ?3, received_from = ?4, "
        "received_at = ?5, received_made = ?6, acked_seq = max(acked_seq, ?7) WHERE peer = ?1");
    update.bind(1, header.sender);
    update.bind(2, header.log_id);
    update.bind(3, header.to_seq);
    update.bind(4, header.from_seq);
    update.bind(5, unix_seconds(now));
    update.bind(6, unix_seconds(header.created_at));
    update.bind(7, header.have);
    update.exec();
}

// Applies a bundle that starts at or before what was applied so far, and moves the mark on.
void apply_content(Store& store, const sync::Content& content, AppliedBundle& result, Instant now)
{
    // Rows come in the sender's order of last change: a check-in may come before the scan
    // it refers to when the scan was touched later. The whole bundle is checked at commit.
    database_of(store).exec("PRAGMA defer_foreign_keys = ON");
    AppliedBundle here;
    Statements statements(store);
    for (const Row& row : content.rows) {
        if (apply_row(store, statements, row, content.header.sender, now) == Verdict::Superseded)
            ++here.superseded;
        else
            ++(row.deleted ? here.deletions : here.rows);
    }
    record_received(store, content.header, now);
    if (!content.rows.empty())
        record_audit(store, {0, now, fmt::format("sync:{}", content.header.sender), "sync.apply",
                             fmt::format("{}:{}-{}", content.header.sender,
                                         content.header.from_seq, content.header.to_seq),
                             "",
                             nlohmann::json{{"rows", here.rows},
                                            {"deletions", here.deletions},
                                            {"superseded", here.superseded}}
                                 .dump()});
    result.rows += here.rows;
    result.deletions += here.deletions;
    result.superseded += here.superseded;
    result.applied_seq = content.header.to_seq;
}

// Bundles kept for later whose turn has come. One that is refused now (its key was retired
// meanwhile, or its rows are not its sender's) is dropped: the sender sends those changes
// again, since nothing acknowledged them.
void catch_up(Store& store, const SyncIdentity& me, AppliedBundle& result, Instant now)
{
    for (;;) {
        SQLite::Statement next(database_of(store),
                               "SELECT from_seq, to_seq, bundle FROM sync_pending "
                               "WHERE peer = ?1 AND from_seq <= ?2 ORDER BY from_seq LIMIT 1");
        next.bind(1, result.header.sender);
        next.bind(2, result.applied_seq);
        if (!next.executeStep())
            return;
        const std::int64_t from = next.getColumn(0).getInt64();
        const std::int64_t to = next.getColumn(1).getInt64();
        const auto* data = static_cast<const std::uint8_t*>(next.getColumn(2).getBlob());
        const std::vector<std::uint8_t> bytes(data, data + next.getColumn(2).getBytes());
        next.reset();
        SQLite::Statement drop(database_of(store), "DELETE FROM sync_pending WHERE peer = ?1 "
                                                   "AND from_seq = ?2 AND to_seq = ?3");
        drop.bind(1, result.header.sender);
        drop.bind(2, from);
        drop.bind(3, to);
        drop.exec();
        if (to <= result.applied_seq)
            continue;
        const auto content = verify(store, me, bytes);
        if (!content || content->header.log_id != result.header.log_id)
            continue;
        try {
            AppliedBundle later = result;
            store.write([&] { apply_content(store, *content, later, now); });
            result.applied_seq = later.applied_seq;
            result.rows = later.rows;
            result.deletions = later.deletions;
            result.superseded = later.superseded;
            ++result.caught_up;
        } catch (const Refusal&) {
        } catch (const SQLite::Exception& error) {
            if (database_problem(error) != DatabaseProblem::Refused)
                throw;
        }
    }
}

// The sender has applied more of this database's log than the log holds: this database was
// restored from a backup older than what the sender has. What it wrote since (or wrote before
// and lost) would otherwise reuse numbers the sender takes as already applied, so every entry
// after the last acknowledged one moves past what the sender has; the next bundle carries them.
void renumber_after_restore(Store& store, const BundleHeader& header, std::int64_t acked,
                            Instant now)
{
    const std::int64_t end = change_log_end(store);
    if (header.have <= end)
        return;
    const std::int64_t shift = header.have - acked;
    SQLite::Statement flip(database_of(store),
                           "UPDATE sync_changes SET seq = -seq WHERE seq > ?1");
    flip.bind(1, acked);
    const int moved = flip.exec();
    SQLite::Statement place(database_of(store),
                            "UPDATE sync_changes SET seq = ?1 - seq WHERE seq < 0");
    place.bind(1, shift);
    place.exec();
    SQLite::Statement sequence(database_of(store),
                               "UPDATE sqlite_sequence SET seq = max(seq, ?1, (SELECT max(seq) "
                               "FROM sync_changes)) WHERE name = 'sync_changes'");
    sequence.bind(1, header.have);
    sequence.exec();
    record_audit(store, {0, now, fmt::format("sync:{}", header.sender), "sync.log_renumbered",
                         fmt::format("{}..{}", end, header.have), "",
                         nlohmann::json{{"moved", moved}, {"after", header.have}}.dump()});
}

} // namespace

tl::expected<AppliedBundle, SyncError> Sync::apply(std::span<const std::uint8_t> bytes, Instant now)
{
    const auto me = identity();
    if (!me)
        return tl::unexpected(refusal(SyncProblem::NoIdentity,
                                      "cette base n'a pas d'identité de synchronisation : "
                                      "kioskctl sync identity --office|--site SITE --key FICHIER"));
    auto content = verify(store_, *me, bytes);
    if (!content)
        return tl::unexpected(content.error());
    AppliedBundle result;
    result.header = content->header;
    const BundleHeader& header = result.header;
    const auto peer = sync::find_peer(store_, header.sender);
    if (peer && peer->log_id && *peer->log_id != header.log_id)
        return tl::unexpected(refusal(
            SyncProblem::OtherLog,
            fmt::format("ce paquet vient d'une autre base de « {} » que celle dont cette base a "
                        "reçu les changements (base recréée ?) ; rien n'a changé",
                        header.sender)));
    if (peer && header.have_log == me->log_id && header.have > change_log_end(store_))
        store_.write([&] { renumber_after_restore(store_, header, peer->acked_seq, now); });
    result.applied_seq = peer ? peer->received_seq : 0;
    if (header.to_seq <= result.applied_seq) {
        result.outcome = AppliedBundle::Outcome::AlreadyApplied;
        return result;
    }
    try {
        store_.write([&] {
            if (header.from_seq > result.applied_seq) {
                result.outcome = AppliedBundle::Outcome::KeptForLater;
                SQLite::Statement waiting(database_of(store_),
                                          "SELECT count(*) FROM sync_pending WHERE peer = ?1");
                waiting.bind(1, header.sender);
                if (waiting.executeStep() && waiting.getColumn(0).getInt() >= max_pending_bundles)
                    throw Refusal{refusal(
                        SyncProblem::TooManyPending,
                        fmt::format("{} paquets de « {} » attendent déjà un paquet antérieur "
                                    "(changements {} et suivants) : celui-ci est refusé, "
                                    "renvoyez les changements depuis {} ; rien n'a changé",
                                    max_pending_bundles, header.sender, result.applied_seq + 1,
                                    result.applied_seq))};
                sync::ensure_peer(store_, header.sender);
                SQLite::Statement keep(database_of(store_),
                                       "INSERT INTO sync_pending (peer, from_seq, to_seq, bundle, "
                                       "received_at) VALUES (?1, ?2, ?3, ?4, ?5) "
                                       "ON CONFLICT DO NOTHING");
                keep.bind(1, header.sender);
                keep.bind(2, header.from_seq);
                keep.bind(3, header.to_seq);
                keep.bind(4, bytes.data(), static_cast<int>(bytes.size()));
                keep.bind(5, unix_seconds(now));
                keep.exec();
                return;
            }
            apply_content(store_, *content, result, now);
            catch_up(store_, *me, result, now);
        });
    } catch (const Refusal& refused) {
        return tl::unexpected(refused.error);
    } catch (const SQLite::Exception& error) {
        // A row the schema refuses; a busy or broken database is not the bundle's fault.
        if (database_problem(error) != DatabaseProblem::Refused)
            throw;
        return tl::unexpected(refusal(
            SyncProblem::Rejected,
            fmt::format("la base refuse une ligne du paquet ({}) ; paquet refusé, rien n'a changé",
                        error.what())));
    }
    return result;
}

} // namespace kiosk
