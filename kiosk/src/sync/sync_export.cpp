#include "kiosk/base/site.hpp"
#include "kiosk/sync/sync.hpp"
#include "kiosk/tickets/name_search.hpp"
#include "store/change_log.hpp"
#include "store/database.hpp"
#include "sync_bundle.hpp"
#include "sync_peers.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <sqlite3.h>

namespace kiosk {
namespace {

using sync::Row;
using sync::Table;

nlohmann::json value_of(const SQLite::Column& column)
{
    switch (column.getType()) {
    case SQLITE_INTEGER:
        return column.getInt64();
    case SQLITE_TEXT:
        return column.getString();
    case SQLITE_BLOB: {
        const auto* data = static_cast<const std::uint8_t*>(column.getBlob());
        return nlohmann::json::binary(std::vector<std::uint8_t>(data, data + column.getBytes()));
    }
    case SQLITE_FLOAT: // no synced column is REAL; kept exact rather than lost
        return column.getDouble();
    default:
        return nullptr;
    }
}

void bind_key(SQLite::Statement& statement, int index, const nlohmann::json& key)
{
    if (key.is_string())
        statement.bind(index, key.get<std::string>());
    else
        statement.bind(index, key.get<std::int64_t>());
}

std::optional<nlohmann::json> current_row(Store& store, const Table& table,
                                          const nlohmann::json& key)
{
    SQLite::Statement select(database_of(store),
                             fmt::format("SELECT {} FROM {} WHERE {} = ?1",
                                         sync::column_list(table), table.name, table.key));
    bind_key(select, 1, key);
    if (!select.executeStep())
        return std::nullopt;
    nlohmann::json values = nlohmann::json::array();
    for (int i = 0; i < select.getColumnCount(); ++i)
        values.push_back(value_of(select.getColumn(i)));
    return values;
}

enum class Scope { Full, WithoutNames, Nothing };

// What a site may know of a ticket: names and notes for its own sessions' tickets; for
// national sessions (any site admits their tickets) the ticket and its revocation without a
// name; nothing for other sites' sessions. Last names and e-mails never leave the office.
Scope ticket_scope(Store& store, std::int64_t session, std::string_view site)
{
    SQLite::Statement select(database_of(store), "SELECT site FROM sessions WHERE id = ?1");
    select.bind(1, session);
    if (!select.executeStep())
        return Scope::Nothing;
    if (select.getColumn(0).isNull())
        return Scope::WithoutNames;
    return select.getColumn(0).getString() == site ? Scope::Full : Scope::Nothing;
}

// Minimises a row for its recipient; false when the recipient gets nothing of it.
bool minimise(Store& store, const Table& table, nlohmann::json& values, std::string_view recipient)
{
    const auto column = [&](std::string_view name) -> nlohmann::json& {
        return values[static_cast<std::size_t>(sync::column_index(table, name))];
    };
    // The office's sessions and notices for one site go to that site only.
    if (table.name == "sessions" || table.name == "notices")
        return recipient == office_name || !column("site").is_string() ||
               column("site").get<std::string>() == recipient;
    if (table.name != "tickets")
        return true;
    const Scope scope =
        recipient == office_name
            ? Scope::Full
            : ticket_scope(store, column("session_id").get<std::int64_t>(), recipient);
    if (scope == Scope::Nothing)
        return false;
    // Instead of the last name, its initial and its search tag (name_search.hpp).
    const std::string last_name =
        column("last_name").is_string() ? column("last_name").get<std::string>() : std::string();
    column("last_name") = "";
    column("email") = "";
    if (scope == Scope::WithoutNames) {
        column("first_name") = "";
        column("note") = "";
        column("last_initial") = "";
        column("last_name_key") = "";
    } else if (!last_name.empty()) {
        column("last_initial") = last_name_initial(last_name);
        column("last_name_key") = last_name_tag(last_name);
    }
    return true;
}

SyncError refusal(SyncProblem problem, std::string message)
{
    return {problem, std::move(message)};
}

} // namespace

tl::expected<ExportedBundle, SyncError>
Sync::export_for(std::string_view recipient, std::optional<std::int64_t> since, Instant now,
                 std::optional<std::size_t> most_changes)
{
    const auto me = identity();
    if (!me)
        return tl::unexpected(refusal(SyncProblem::NoIdentity,
                                      "cette base n'a pas d'identité de synchronisation : "
                                      "kioskctl sync identity --office|--site SITE --key FICHIER"));
    if (me->name == office_name ? !find_site(recipient) : recipient != office_name)
        return tl::unexpected(
            refusal(SyncProblem::BadRecipient,
                    me->name == office_name
                        ? fmt::format("le bureau envoie aux sites ({}), pas à « {} »",
                                      known_site_ids(), recipient)
                        : fmt::format("un site n'envoie qu'au bureau (--for office), pas à « {} »",
                                      recipient)));
    const auto key = SigningKey::load(me->key_file);
    if (!key)
        return tl::unexpected(refusal(SyncProblem::NoIdentity, key.error()));
    if (key->public_key() != me->public_key)
        return tl::unexpected(refusal(
            SyncProblem::NoIdentity,
            fmt::format("la clé {} n'est plus celle de l'identité de cette base (kioskctl sync "
                        "identity pour la changer)",
                        me->key_file.string())));

    return store_.write([&]() -> tl::expected<ExportedBundle, SyncError> {
        const auto peer = sync::find_peer(store_, recipient);
        ExportedBundle bundle;
        BundleHeader& header = bundle.header;
        header.schema = store_.schema_version();
        header.sender = me->name;
        header.recipient = std::string(recipient);
        header.log_id = me->log_id;
        header.from_seq = since.value_or(peer ? peer->acked_seq : 0);
        header.to_seq = change_log_end(store_);
        header.have = peer ? peer->received_seq : 0;
        if (peer)
            header.have_log = peer->log_id;
        header.created_at = now;
        if (header.from_seq < 0 || header.from_seq > header.to_seq)
            return tl::unexpected(
                refusal(SyncProblem::BadToken,
                        fmt::format("--since {} : cette base n'a que les changements 1 à {}",
                                    header.from_seq, header.to_seq)));

        sync::Content content{header, {}};
        SQLite::Statement changes(database_of(store_),
                                  "SELECT table_name, row_key, deleted, seq FROM sync_changes "
                                  "WHERE owner = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3");
        changes.bind(1, me->name);
        changes.bind(2, header.from_seq);
        changes.bind(3, most_changes ? static_cast<std::int64_t>(*most_changes) : -1);
        std::size_t visited = 0;
        std::int64_t last_seq = header.from_seq;
        while (changes.executeStep()) {
            ++visited;
            last_seq = changes.getColumn(3).getInt64();
            Row row;
            row.table = sync::find_table(changes.getColumn(0).getString());
            row.key = value_of(changes.getColumn(1));
            row.deleted = changes.getColumn(2).getInt() != 0;
            if (!row.table)
                continue;
            if (!row.deleted) {
                auto values = current_row(store_, *row.table, row.key);
                if (!values || !minimise(store_, *row.table, *values, recipient))
                    continue;
                row.values = std::move(*values);
                ++bundle.rows;
            } else {
                ++bundle.deletions;
            }
            content.rows.push_back(std::move(row));
        }
        // Stopped short: this bundle goes up to the last change it looked at.
        if (most_changes && visited == *most_changes)
            header.to_seq = content.header.to_seq = last_seq;
        bundle.bytes = sync::seal(content, *key);

        sync::ensure_peer(store_, recipient);
        SQLite::Statement sent(database_of(store_),
                               "UPDATE sync_peers SET sent_from = ?2, sent_seq = ?3, sent_at = ?4 "
                               "WHERE peer = ?1");
        sent.bind(1, std::string(recipient));
        sent.bind(2, header.from_seq);
        sent.bind(3, header.to_seq);
        sent.bind(4, unix_seconds(now));
        sent.exec();
        return bundle;
    });
}

} // namespace kiosk
