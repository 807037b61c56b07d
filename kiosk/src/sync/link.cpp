#include "kiosk/sync/link.hpp"

#include "base/secrets.hpp"
#include "kiosk/base/site.hpp"
#include "kiosk/store/audit.hpp"
#include "kiosk/sync/sync.hpp"
#include "kiosk/tickets/trusted_keys.hpp"
#include "store/database.hpp"
#include "sync_peers.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <nlohmann/json.hpp>
#include <fmt/format.h>

namespace kiosk {
namespace {

constexpr std::string_view invitation_path = "/sync";

bool is_hex(std::string_view text, std::size_t length)
{
    return text.size() == length &&
           text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

// The bytes a request's signature covers.
std::string signed_text(std::string_view method, std::string_view path, const LinkSignature& fields,
                        std::span<const std::uint8_t> body)
{
    const auto digest = secrets::hash_bytes(body);
    return fmt::format("atelier-kiosk lien v1\n{}\n{}\n{}\n{}\n{}\n{}\n{}", method, path,
                       fields.site, fields.key, fields.at, fields.nonce,
                       to_hex({digest.data(), digest.size()}));
}

std::span<const std::uint8_t> bytes_of(std::string_view text)
{
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

// Invitation codes: 20 random bytes as 32 letters and digits (no 0/O, 1/I to misread), in
// groups of four.
std::string new_code()
{
    static constexpr std::string_view alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    const std::string random = secrets::random_hex(20);
    std::string code;
    for (std::size_t index = 0; index + 1 < random.size(); index += 2) {
        const auto value = std::stoi(random.substr(index, 2), nullptr, 16);
        if (!code.empty() && code.size() % 5 == 4)
            code += '-';
        code += alphabet[static_cast<std::size_t>(value) % alphabet.size()];
    }
    return code;
}

std::vector<unsigned char> code_hash(std::string_view code)
{
    std::string normalised;
    for (const char c : code)
        if (c != '-' && c != ' ')
            normalised += static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
    return secrets::token_hash(normalised);
}

} // namespace

std::string format_invitation(const Invitation& invitation)
{
    return fmt::format("{}{}?empreinte={}&code={}", invitation.url, invitation_path,
                       invitation.fingerprint, invitation.code);
}

tl::expected<Invitation, std::string> parse_invitation(std::string_view line)
{
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r' || line.back() == ' '))
        line.remove_suffix(1);
    while (!line.empty() && line.front() == ' ')
        line.remove_prefix(1);
    const auto malformed = [&] {
        return tl::unexpected(fmt::format(
            "invitation illisible : attendu la ligne donnée par « kioskctl sync invite » au "
            "siège (https://…{}?empreinte=…&code=…)",
            invitation_path));
    };
    if (line.size() > 512 || !line.starts_with("https://"))
        return malformed();
    const auto query = line.find('?');
    if (query == std::string_view::npos)
        return malformed();
    const std::string_view address = line.substr(0, query);
    if (!address.ends_with(invitation_path))
        return malformed();
    Invitation invitation;
    invitation.url = std::string(address.substr(0, address.size() - invitation_path.size()));
    if (invitation.url.size() <= std::string_view("https://").size() ||
        invitation.url.find_first_of(" /?#", 8) != std::string::npos)
        return malformed();
    std::string_view parameters = line.substr(query + 1);
    while (!parameters.empty()) {
        const auto end = parameters.find('&');
        const std::string_view pair = parameters.substr(0, end);
        parameters = end == std::string_view::npos ? "" : parameters.substr(end + 1);
        if (pair.starts_with("empreinte="))
            invitation.fingerprint = std::string(pair.substr(10));
        else if (pair.starts_with("code="))
            invitation.code = std::string(pair.substr(5));
        else
            return malformed();
    }
    if (!is_hex(invitation.fingerprint, 64))
        return tl::unexpected(std::string("invitation : l'empreinte du certificat du siège doit "
                                          "compter 64 chiffres hexadécimaux"));
    if (invitation.code.empty() || invitation.code.size() > 64)
        return tl::unexpected(std::string("invitation : code manquant"));
    return invitation;
}

LinkSignature sign_link_request(const SigningKey& device, std::string_view site,
                                std::string_view method, std::string_view path,
                                std::span<const std::uint8_t> body, Instant now)
{
    LinkSignature fields;
    fields.site = std::string(site);
    fields.key = device.public_key().id().to_string();
    fields.at = unix_seconds(now);
    fields.nonce = secrets::random_hex(16);
    const auto signature = device.sign(bytes_of(signed_text(method, path, fields, body)));
    fields.signature = to_hex(signature);
    return fields;
}

tl::expected<std::string, std::string> Link::invite(std::string_view site, Instant now)
{
    const auto me = Sync(store_).identity();
    if (!me || me->name != office_name)
        return tl::unexpected(std::string(
            "seul le siège invite les sites : cette base n'a pas l'identité « office »"));
    if (!find_site(site))
        return tl::unexpected(
            fmt::format("site inconnu « {} » (sites : {})", site, known_site_ids()));
    const std::string code = new_code();
    const auto hash = code_hash(code);
    store_.write([&] {
        SQLite::Statement insert(database_of(store_),
                                 "INSERT INTO sync_invitations (code_hash, site, created_at, "
                                 "expires_at) VALUES (?1, ?2, ?3, ?4)");
        insert.bind(1, hash.data(), static_cast<int>(hash.size()));
        insert.bind(2, std::string(site));
        insert.bind(3, unix_seconds(now));
        insert.bind(4, unix_seconds(now + invitation_lifetime));
        insert.exec();
    });
    return code;
}

tl::expected<JoinAnswer, std::string> Link::join(std::string_view code, std::string_view site,
                                                 const PublicKey& device, Instant now)
{
    const auto hash = code_hash(code);
    return store_.write([&]() -> tl::expected<JoinAnswer, std::string> {
        SQLite::Statement select(database_of(store_),
                                 "SELECT site, expires_at, used_at FROM sync_invitations "
                                 "WHERE code_hash = ?1");
        select.bind(1, hash.data(), static_cast<int>(hash.size()));
        if (!select.executeStep())
            return tl::unexpected(std::string(
                "code d'invitation inconnu : demandez-en un au siège (kioskctl sync invite)"));
        const std::string invited = select.getColumn(0).getString();
        const Instant expires = from_unix_seconds(select.getColumn(1).getInt64());
        const bool used = !select.getColumn(2).isNull();
        select.reset();
        if (used)
            return tl::unexpected(
                std::string("ce code d'invitation a déjà servi : demandez-en un nouveau au siège"));
        if (now >= expires)
            return tl::unexpected(
                fmt::format("ce code d'invitation a expiré le {} : demandez-en un nouveau au siège",
                            format_local_datetime(expires)));
        if (invited != site)
            return tl::unexpected(fmt::format("ce code invite le site « {} », pas « {} »",
                                              site_name(invited), site_name(site)));
        SQLite::Statement use(database_of(store_),
                              "UPDATE sync_invitations SET used_at = ?2, used_by = ?3 "
                              "WHERE code_hash = ?1");
        use.bind(1, hash.data(), static_cast<int>(hash.size()));
        use.bind(2, unix_seconds(now));
        use.bind(3, device.bytes.data(), static_cast<int>(device.bytes.size()));
        use.exec();
        Sync(store_).register_device(site, device, now);
        record_audit(store_, {0, now, fmt::format("sync:{}", site), "sync.joined",
                              std::string(site), "",
                              nlohmann::ordered_json{{"device", device.id().to_string()}}.dump()});

        JoinAnswer answer;
        if (const auto me = Sync(store_).identity())
            answer.office_keys.push_back(me->public_key);
        for (const auto& key : TrustedKeys(store_).list())
            if (key.is_active() &&
                (answer.office_keys.empty() || key.public_key != answer.office_keys.front()))
                answer.office_keys.push_back(key.public_key);
        return answer;
    });
}

tl::expected<std::string, std::string>
Link::authenticate(const LinkSignature& fields, std::string_view method, std::string_view path,
                   std::span<const std::uint8_t> body, Instant now)
{
    if (!find_site(fields.site))
        return tl::unexpected(fmt::format("site inconnu « {} »", fields.site.substr(0, 40)));
    if (!is_hex(fields.nonce, 32) || !is_hex(fields.signature, 128))
        return tl::unexpected(std::string("nonce ou signature mal formés"));
    if (std::chrono::abs(now - from_unix_seconds(fields.at)) > link_clock_skew)
        return tl::unexpected(fmt::format("heure de la requête trop éloignée ({})",
                                          format_iso8601(from_unix_seconds(fields.at))));
    const auto peer = sync::find_peer(store_, fields.site);
    if (!peer || !peer->device)
        return tl::unexpected(fmt::format("aucun appareil enregistré pour {}", fields.site));
    if (peer->device->id().to_string() != fields.key)
        return tl::unexpected(
            fmt::format("clé {} inconnue pour {}", fields.key.substr(0, 16), fields.site));
    if (peer->retired_at)
        return tl::unexpected(fmt::format("appareil {} de {} retiré le {}", fields.key, fields.site,
                                          format_local_datetime(*peer->retired_at)));
    Signature signature{};
    if (!from_hex(fields.signature, signature) ||
        !verify_signature(*peer->device, bytes_of(signed_text(method, path, fields, body)),
                          signature))
        return tl::unexpected(fmt::format("signature invalide (clé {})", fields.key));
    // The nonce last: only a genuine request uses one up, and counts as the site's contact.
    const bool fresh = store_.write([&] {
        SQLite::Statement forget(database_of(store_), "DELETE FROM sync_nonces WHERE seen_at < ?1");
        forget.bind(1, unix_seconds(now - 2 * link_clock_skew));
        forget.exec();
        SQLite::Statement insert(database_of(store_),
                                 "INSERT INTO sync_nonces (key_id, nonce, seen_at) "
                                 "VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING");
        insert.bind(1, fields.key);
        insert.bind(2, fields.nonce);
        insert.bind(3, unix_seconds(now));
        if (insert.exec() != 1)
            return false;
        SQLite::Statement contact(database_of(store_),
                                  "UPDATE sync_peers SET contact_at = ?2 WHERE peer = ?1");
        contact.bind(1, fields.site);
        contact.bind(2, unix_seconds(now));
        contact.exec();
        return true;
    });
    if (!fresh)
        return tl::unexpected(fmt::format("requête rejouée (nonce {})", fields.nonce));
    return fields.site;
}

tl::expected<void, std::string> Link::retire_device(std::string_view site, const KeyId& device,
                                                    Instant now)
{
    return store_.write([&]() -> tl::expected<void, std::string> {
        const auto peer = sync::find_peer(store_, site);
        if (!peer || !peer->device || peer->device->id() != device)
            return tl::unexpected(fmt::format("{} n'a pas d'appareil de clé {} enregistré",
                                              site_name(site), device.to_string()));
        if (peer->retired_at)
            return tl::unexpected(fmt::format("l'appareil {} de {} est déjà retiré depuis le {}",
                                              device.to_string(), site_name(site),
                                              format_local_datetime(*peer->retired_at)));
        SQLite::Statement retire(database_of(store_),
                                 "UPDATE sync_peers SET retired_at = ?2 WHERE peer = ?1");
        retire.bind(1, std::string(site));
        retire.bind(2, unix_seconds(now));
        retire.exec();
        return {};
    });
}

void Link::set_office(const OfficeAddress& office)
{
    store_.write([&] {
        SQLite::Statement upsert(
            database_of(store_),
            "INSERT INTO sync_link (singleton, office_url, certificate, fingerprint, joined_at) "
            "VALUES (1, ?1, ?2, ?3, ?4) ON CONFLICT (singleton) DO UPDATE SET "
            "office_url = excluded.office_url, certificate = excluded.certificate, "
            "fingerprint = excluded.fingerprint, joined_at = excluded.joined_at");
        upsert.bind(1, office.url);
        upsert.bind(2, office.certificate);
        upsert.bind(3, office.fingerprint);
        upsert.bind(4, unix_seconds(office.joined_at));
        upsert.exec();
    });
}

std::optional<OfficeAddress> Link::office()
{
    SQLite::Statement select(database_of(store_), "SELECT office_url, certificate, fingerprint, "
                                                  "joined_at FROM sync_link");
    if (!select.executeStep())
        return std::nullopt;
    return OfficeAddress{select.getColumn(0).getString(), select.getColumn(1).getString(),
                         select.getColumn(2).getString(),
                         from_unix_seconds(select.getColumn(3).getInt64())};
}

tl::expected<void, std::string> Link::announce_certificate(std::string_view fingerprint,
                                                           std::string_view certificate,
                                                           std::string_view by, Instant now)
{
    if (!is_hex(fingerprint, 64))
        return tl::unexpected(std::string("empreinte de certificat mal formée (64 chiffres "
                                          "hexadécimaux attendus)"));
    if (!certificate.starts_with("-----BEGIN CERTIFICATE-----") || certificate.size() > 65536)
        return tl::unexpected(std::string("ce n'est pas un certificat PEM (ou il dépasse 64 Ko)"));
    store_.write([&] {
        SQLite::Statement upsert(
            database_of(store_),
            "INSERT INTO office_certificates (fingerprint, certificate, announced_at) "
            "VALUES (?1, ?2, ?3) ON CONFLICT (fingerprint) DO UPDATE SET "
            "certificate = excluded.certificate, announced_at = excluded.announced_at, "
            "retired_at = NULL");
        upsert.bind(1, std::string(fingerprint));
        upsert.bind(2, std::string(certificate));
        upsert.bind(3, unix_seconds(now));
        upsert.exec();
        record_audit(store_, {0, now, std::string(by), "sync.certificate_announced",
                              std::string(fingerprint), "", ""});
    });
    return {};
}

tl::expected<void, std::string>
Link::retire_certificate(std::string_view fingerprint, std::string_view by, Instant now)
{
    if (!is_hex(fingerprint, 64))
        return tl::unexpected(std::string("empreinte de certificat mal formée (64 chiffres "
                                          "hexadécimaux attendus)"));
    const bool found = store_.write([&] {
        // The certificate the office was joined with is not in the table: it is retired by a row
        // of its own, so that the sites stop accepting it too.
        SQLite::Statement upsert(database_of(store_),
                                 "INSERT INTO office_certificates (fingerprint, certificate, "
                                 "announced_at, retired_at) VALUES (?1, '', ?2, ?2) "
                                 "ON CONFLICT (fingerprint) DO UPDATE SET retired_at = ?2 "
                                 "WHERE retired_at IS NULL");
        upsert.bind(1, std::string(fingerprint));
        upsert.bind(2, unix_seconds(now));
        if (upsert.exec() == 0)
            return false;
        record_audit(store_, {0, now, std::string(by), "sync.certificate_retired",
                              std::string(fingerprint), "", ""});
        return true;
    });
    if (!found)
        return tl::unexpected(
            fmt::format("le certificat {} est déjà retiré", fingerprint.substr(0, 64)));
    return {};
}

std::vector<OfficeCertificate> Link::certificates()
{
    std::vector<OfficeCertificate> found;
    SQLite::Statement select(database_of(store_),
                             "SELECT fingerprint, certificate, announced_at, retired_at "
                             "FROM office_certificates ORDER BY announced_at, fingerprint");
    while (select.executeStep()) {
        OfficeCertificate certificate{select.getColumn(0).getString(),
                                      select.getColumn(1).getString(),
                                      from_unix_seconds(select.getColumn(2).getInt64()),
                                      std::nullopt};
        if (!select.getColumn(3).isNull())
            certificate.retired_at = from_unix_seconds(select.getColumn(3).getInt64());
        found.push_back(std::move(certificate));
    }
    return found;
}

std::vector<std::string> Link::pinned_certificates()
{
    std::vector<std::string> pinned;
    const auto listed = certificates();
    const auto retired = [&](const std::string& fingerprint) {
        return std::any_of(listed.begin(), listed.end(), [&](const OfficeCertificate& known) {
            return known.fingerprint == fingerprint && known.retired_at;
        });
    };
    const auto joined = office();
    if (joined && !retired(joined->fingerprint))
        pinned.push_back(joined->certificate);
    for (const auto& known : listed)
        if (!known.retired_at && !known.certificate.empty() &&
            (!joined || known.fingerprint != joined->fingerprint))
            pinned.push_back(known.certificate);
    return pinned;
}

} // namespace kiosk
