// The payload, a CBOR map:
//   format, schema, sender, recipient, log, from, to, have, have_log (optional), created_at (Unix seconds)
//   tables:  { table name: [column names] } for every table that has rows in the bundle
//   changes: [ [table, key, deleted, [values] or null], … ] in the sender's sequence order
// Values are integers, text, null or byte strings (public keys), as SQLite holds them.

#include "sync_bundle.hpp"

#include "kiosk/store/store.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kiosk::sync {
namespace {

constexpr std::string_view magic = "ATSYNC";
constexpr std::size_t prefix_size = 15;
constexpr std::size_t signature_size = 64;

void put_u32(std::vector<std::uint8_t>& out, std::uint32_t value)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(value >> shift));
}

std::uint32_t get_u32(std::span<const std::uint8_t> bytes)
{
    std::uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i)
        value = (value << 8) | bytes[i];
    return value;
}

SyncError error(SyncProblem problem, std::string message) { return {problem, std::move(message)}; }

SyncError unreadable(std::string_view what)
{
    return error(SyncProblem::Unreadable,
                 fmt::format("paquet signé mais illisible : {} ; rien n'a changé", what));
}

bool is_value(const nlohmann::json& value)
{
    return value.is_null() || value.is_number_integer() || value.is_string() || value.is_binary();
}

// Reads a field that must be there with the right type, or says which one is wrong.
template <typename Type> bool read(const nlohmann::json& map, const char* name, Type& out)
{
    const auto found = map.find(name);
    if (found == map.end())
        return false;
    if constexpr (std::is_same_v<Type, std::string>) {
        if (!found->is_string())
            return false;
    } else {
        if (!found->is_number_integer())
            return false;
    }
    out = found->get<Type>();
    return true;
}

} // namespace

std::vector<std::uint8_t> seal(const Content& content, const SigningKey& key)
{
    const BundleHeader& header = content.header;
    nlohmann::json payload = {
        {"format", header.format},
        {"schema", header.schema},
        {"sender", header.sender},
        {"recipient", header.recipient},
        {"log", header.log_id},
        {"from", header.from_seq},
        {"to", header.to_seq},
        {"have", header.have},
        {"created_at", unix_seconds(header.created_at)},
    };
    if (header.have_log)
        payload["have_log"] = *header.have_log;
    nlohmann::json tables = nlohmann::json::object();
    nlohmann::json changes = nlohmann::json::array();
    for (const Row& row : content.rows) {
        if (!tables.contains(row.table->name)) {
            nlohmann::json columns = nlohmann::json::array();
            for (const auto column : row.table->columns)
                columns.push_back(column);
            tables[std::string(row.table->name)] = std::move(columns);
        }
        changes.push_back({row.table->name, row.key, row.deleted, row.values});
    }
    payload["tables"] = std::move(tables);
    payload["changes"] = std::move(changes);
    const std::vector<std::uint8_t> cbor = nlohmann::json::to_cbor(payload);

    std::vector<std::uint8_t> bytes(magic.begin(), magic.end());
    bytes.push_back(bundle_format_version);
    const KeyId id = key.public_key().id();
    bytes.insert(bytes.end(), id.bytes.begin(), id.bytes.end());
    put_u32(bytes, static_cast<std::uint32_t>(cbor.size()));
    bytes.insert(bytes.end(), cbor.begin(), cbor.end());
    const Signature signature = key.sign(bytes);
    bytes.insert(bytes.end(), signature.begin(), signature.end());
    return bytes;
}

tl::expected<KeyId, SyncError> framed_key(std::span<const std::uint8_t> bytes)
{
    if (bytes.size() < magic.size() ||
        !std::equal(magic.begin(), magic.end(), bytes.begin(),
                    [](char a, std::uint8_t b) { return static_cast<std::uint8_t>(a) == b; }))
        return tl::unexpected(error(SyncProblem::NotABundle,
                                    "ce fichier n'est pas un paquet de synchronisation du "
                                    "kiosque ; rien n'a changé"));
    if (bytes.size() < prefix_size + signature_size)
        return tl::unexpected(
            error(SyncProblem::Truncated,
                  fmt::format("paquet tronqué ({} octets) ; rien n'a changé", bytes.size())));
    if (bytes[magic.size()] != bundle_format_version)
        return tl::unexpected(error(
            SyncProblem::NewerFormat,
            fmt::format("paquet au format {} : ce programme ne lit que le format {} (mettez-le à "
                        "jour) ; rien n'a changé",
                        bytes[magic.size()], bundle_format_version)));
    if (bytes.size() > largest_bundle)
        return tl::unexpected(error(
            SyncProblem::Truncated,
            fmt::format("paquet trop gros ({} octets, au plus {}) ; rien n'a changé",
                        bytes.size(), largest_bundle)));
    const std::uint64_t length = get_u32(bytes.subspan(11, 4));
    if (bytes.size() != prefix_size + length + signature_size)
        return tl::unexpected(error(
            SyncProblem::Truncated,
            fmt::format("paquet tronqué ou rallongé : {} octets au lieu de {} ; rien n'a changé",
                        bytes.size(), prefix_size + length + signature_size)));
    KeyId id;
    std::copy_n(bytes.begin() + 7, id.bytes.size(), id.bytes.begin());
    return id;
}

namespace {

// The document a bundle's CBOR holds, refused past `most_depth` levels of nesting before the
// reader goes down into them: nlohmann's reader recurses once per level, and a validly signed
// bundle nested 50 000 deep would overflow the stack. A bundle is five levels deep at most.
class BoundedReader : public nlohmann::detail::json_sax_dom_parser<nlohmann::json> {
public:
    static constexpr int most_depth = 16;

    explicit BoundedReader(nlohmann::json& document)
        : json_sax_dom_parser(document, false)
    {}
    bool start_object(std::size_t length)
    {
        return ++depth_ <= most_depth && json_sax_dom_parser::start_object(length);
    }
    bool end_object()
    {
        --depth_;
        return json_sax_dom_parser::end_object();
    }
    bool start_array(std::size_t length)
    {
        return ++depth_ <= most_depth && json_sax_dom_parser::start_array(length);
    }
    bool end_array()
    {
        --depth_;
        return json_sax_dom_parser::end_array();
    }

private:
    int depth_ = 0;
};

std::optional<nlohmann::json> read_cbor(std::span<const std::uint8_t> bytes)
{
    nlohmann::json document;
    BoundedReader reader(document);
    try {
        if (!nlohmann::json::sax_parse(bytes.begin(), bytes.end(), &reader,
                                       nlohmann::json::input_format_t::cbor) ||
            reader.is_errored())
            return std::nullopt;
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
    return document;
}

} // namespace

tl::expected<Content, SyncError> open(std::span<const std::uint8_t> bytes, const PublicKey& key)
{
    if (auto framed = framed_key(bytes); !framed)
        return tl::unexpected(framed.error());
    const std::size_t signed_size = bytes.size() - signature_size;
    Signature signature{};
    std::copy_n(bytes.begin() + static_cast<std::ptrdiff_t>(signed_size), signature.size(),
                signature.begin());
    if (!verify_signature(key, bytes.first(signed_size), signature))
        return tl::unexpected(error(SyncProblem::BadSignature,
                                    "signature invalide : le paquet a été modifié ou abîmé "
                                    "après sa signature ; rien n'a changé"));

    // Signed by a key we accept: the sender is who it says, but what it wrote is still read
    // strictly, as a newer or buggy program might have written it.
    const auto document = read_cbor(bytes.subspan(prefix_size, signed_size - prefix_size));
    if (!document)
        return tl::unexpected(unreadable(fmt::format(
            "contenu CBOR invalide ou imbriqué sur plus de {} niveaux", BoundedReader::most_depth)));
    const nlohmann::json& payload = *document;
    if (!payload.is_object())
        return tl::unexpected(unreadable("contenu qui n'est pas une table"));
    Content content;
    BundleHeader& header = content.header;
    std::int64_t created_at = 0;
    if (!read(payload, "format", header.format) || !read(payload, "schema", header.schema) ||
        !read(payload, "sender", header.sender) || !read(payload, "recipient", header.recipient) ||
        !read(payload, "log", header.log_id) || !read(payload, "from", header.from_seq) ||
        !read(payload, "to", header.to_seq) || !read(payload, "have", header.have) ||
        !read(payload, "created_at", created_at))
        return tl::unexpected(unreadable("en-tête incomplet"));
    header.created_at = from_unix_seconds(created_at);
    if (payload.contains("have_log")) {
        std::int64_t have_log = 0;
        if (!read(payload, "have_log", have_log))
            return tl::unexpected(unreadable("en-tête incohérent"));
        header.have_log = have_log;
    }
    if (header.schema > Store::latest_schema_version())
        return tl::unexpected(error(
            SyncProblem::NewerSchema,
            fmt::format("paquet écrit par le schéma {} : cette base connaît le schéma {} (mettez "
                        "à jour le programme) ; rien n'a changé",
                        header.schema, Store::latest_schema_version())));
    if (header.format != bundle_format_version || header.from_seq < 0 ||
        header.to_seq < header.from_seq || header.have < 0)
        return tl::unexpected(unreadable("en-tête incohérent"));

    const auto tables = payload.find("tables");
    const auto changes = payload.find("changes");
    if (tables == payload.end() || !tables->is_object() || changes == payload.end() ||
        !changes->is_array())
        return tl::unexpected(unreadable("pas de tables ou de changements"));
    for (const auto& [name, columns] : tables->items()) {
        const Table* table = find_table(name);
        if (!table)
            return tl::unexpected(unreadable(fmt::format("table inconnue « {} »", name)));
        if (!columns.is_array() || columns.size() != table->columns.size())
            return tl::unexpected(unreadable(fmt::format("colonnes de « {} » inattendues", name)));
        for (std::size_t i = 0; i < columns.size(); ++i)
            if (!columns[i].is_string() || columns[i].get<std::string>() != table->columns[i])
                return tl::unexpected(
                    unreadable(fmt::format("colonnes de « {} » inattendues", name)));
    }
    for (const auto& change : *changes) {
        if (!change.is_array() || change.size() != 4 || !change[0].is_string() ||
            !change[2].is_boolean())
            return tl::unexpected(unreadable("changement mal formé"));
        Row row;
        const std::string name = change[0].get<std::string>();
        row.table = find_table(name);
        if (!row.table || !tables->contains(name))
            return tl::unexpected(unreadable(fmt::format("table inconnue « {} »", name)));
        row.key = change[1];
        row.deleted = change[2].get<bool>();
        row.values = change[3];
        if (!(row.key.is_number_integer() || row.key.is_string()))
            return tl::unexpected(unreadable("clé de ligne invalide"));
        if (!row.deleted) {
            if (!row.values.is_array() || row.values.size() != row.table->columns.size() ||
                !std::all_of(row.values.begin(), row.values.end(), is_value) ||
                row.values[0] != row.key)
                return tl::unexpected(unreadable(fmt::format("ligne de « {} » mal formée", name)));
        } else if (!row.values.is_null()) {
            return tl::unexpected(unreadable("suppression mal formée"));
        }
        content.rows.push_back(std::move(row));
    }
    return content;
}

} // namespace kiosk::sync
