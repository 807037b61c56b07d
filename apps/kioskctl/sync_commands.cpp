#include "commands.hpp"
#include "kiosk/base/site.hpp"
#include "kiosk/reports/site_health.hpp"
#include "kiosk/reports/link_heartbeat.hpp"
#include "kiosk/sync/link.hpp"
#include "kiosk/sync/sync.hpp"

#include <array>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>

namespace kioskctl {
namespace {

std::string when(const std::optional<kiosk::Instant>& instant)
{
    return instant ? kiosk::format_local_datetime(*instant) : std::string("jamais");
}

nlohmann::ordered_json json_instant(const std::optional<kiosk::Instant>& instant)
{
    return instant ? nlohmann::ordered_json(kiosk::format_iso8601(*instant)) : nullptr;
}

std::string link_words(const std::optional<kiosk::LinkHealth>& link)
{
    if (!link)
        return "le service atelier-sync n'a pas encore tourné";
    const auto since = link->since ? fmt::format(
                                         "{}", kiosk::format_local_datetime(
                                                   std::chrono::time_point_cast<std::chrono::seconds>(
                                                       *link->since)))
                                   : std::string("jamais");
    switch (link->condition) {
    case kiosk::LinkCondition::Online:
        return fmt::format("en ligne, dernier échange le {}", since);
    case kiosk::LinkCondition::Offline:
        return fmt::format("hors ligne (dernier échange : {}) : {}", since, link->error);
    case kiosk::LinkCondition::Stopped:
        break;
    }
    return fmt::format("arrêté (dernier échange : {})", since);
}

// Written beside the target, then renamed: a half-written bundle never carries the real name.
void write_file(const std::string& path, const std::vector<std::uint8_t>& bytes)
{
    const std::string partial = path + ".partial";
    {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(bytes.data()),
                  static_cast<std::streamsize>(bytes.size()));
        if (!out.flush())
            throw UserError(fmt::format("impossible d'écrire {}", partial));
    }
    std::error_code error;
    std::filesystem::rename(partial, path, error);
    if (error)
        throw UserError(fmt::format("impossible d'écrire {} : {}", path, error.message()));
}

// A bundle file, read up to the largest bundle and no further (a device that never ends, or
// a file that is not a bundle, is refused before it fills the memory).
std::vector<std::uint8_t> read_bytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw UserError(fmt::format("paquet {} introuvable ou illisible", path));
    std::vector<std::uint8_t> bytes;
    std::array<char, 64 * 1024> chunk{};
    while (in.read(chunk.data(), chunk.size()) || in.gcount() > 0) {
        bytes.insert(bytes.end(), chunk.begin(), chunk.begin() + in.gcount());
        if (bytes.size() > kiosk::largest_bundle)
            throw UserError(fmt::format("{} : plus de {} Mo, ce n'est pas un paquet ; rien n'a "
                                        "changé",
                                        path, kiosk::largest_bundle / (1024 * 1024)));
    }
    return bytes;
}

void identity_command(CLI::App& group, Context& context)
{
    struct Options {
        std::string site, key;
        bool office = false;
    };
    auto options = std::make_shared<Options>();
    auto* identity = group.add_subcommand(
        "identity", "dit ce qu'est cette base (le bureau ou un site) et quelle clé signe ce "
                    "qu'elle envoie");
    auto* office = identity->add_flag("--office", options->office,
                                      "la base du bureau (clé : celle qui signe les billets)");
    auto* site = identity->add_option("--site", options->site,
                                      "la base d'un site (clé : celle de l'appareil)");
    office->excludes(site);
    identity->add_option("--key", options->key, "fichier de clé (kioskctl keys generate)")
        ->required();
    identity->callback([options, &context] {
        if (!options->office && options->site.empty())
            throw UserError("--office ou --site SITE ?");
        const std::string name =
            options->office ? std::string(kiosk::office_name) : context.site(options->site);
        auto store = context.open_store(kiosk::Access::ReadWrite);
        const auto set = store.write([&] {
            auto done = kiosk::Sync(store).set_identity(name, options->key, context.now());
            if (done)
                context.audit(
                    store, "sync.identity", done->name, "",
                    nlohmann::ordered_json{{"key", done->public_key.id().to_string()}}.dump());
            return done;
        });
        if (!set)
            throw UserError(set.error());
        fmt::print("cette base est « {} » ; elle signe avec la clé {} ({})\n", set->name,
                   set->public_key.id().to_string(), set->public_key.to_string());
        if (options->office)
            fmt::print("les sites doivent accepter cette clé : kioskctl keys trust {}\n",
                       set->public_key.to_string());
        else
            fmt::print("au bureau : kioskctl sync register --site {} --public-key {}\n", set->name,
                       set->public_key.to_string());
    });
}

void register_command(CLI::App& group, Context& context)
{
    struct Options {
        std::string site, key;
    };
    auto options = std::make_shared<Options>();
    auto* command = group.add_subcommand(
        "register", "au bureau : enregistre la clé d'appareil d'un site (remplace la précédente)");
    command->add_option("--site", options->site, "le site")->required();
    command->add_option("--public-key", options->key, "clé publique, 64 chiffres hexadécimaux")
        ->required();
    command->callback([options, &context] {
        const std::string site = context.site(options->site);
        const auto key = kiosk::PublicKey::parse(options->key);
        if (!key)
            throw UserError(fmt::format(
                "clé publique « {} » illisible : 64 chiffres hexadécimaux attendus", options->key));
        auto store = context.open_store(kiosk::Access::ReadWrite);
        store.write([&] {
            kiosk::Sync(store).register_device(site, *key, context.now());
            context.audit(store, "sync.device_registered", site, "",
                          nlohmann::ordered_json{{"device", key->id().to_string()}}.dump());
        });
        fmt::print("appareil de {} enregistré : clé {}\n", site, key->id().to_string());
    });
}

void export_command(CLI::App& group, Context& context)
{
    struct Options {
        std::string recipient, since, out, runtime_dir;
    };
    auto options = std::make_shared<Options>();
    auto* command = group.add_subcommand(
        "export", "écrit le paquet des changements que cette base possède, pour un destinataire");
    command->add_option("--for", options->recipient, "office, ou le site destinataire")->required();
    command->add_option("--since", options->since,
                        "jeton : ce que le destinataire a déjà (« reçu jusqu'à » dans son "
                        "kioskctl sync status) ; défaut : ce qu'il a dit avoir, 0 : tout");
    command->add_option("--out", options->out, "fichier du paquet")->required();
    command->add_option("--runtime-dir", options->runtime_dir,
                        "où lire l'état de la caméra, relevé dans le paquet d'un site "
                        "(défaut : /run/atelier-kiosk)");
    command->callback([options, &context] {
        std::optional<std::int64_t> since;
        if (!options->since.empty()) {
            std::int64_t value = -1;
            const auto* end = options->since.data() + options->since.size();
            const auto [stop, error] = std::from_chars(options->since.data(), end, value);
            if (error != std::errc{} || stop != end || value < 0)
                throw UserError(
                    fmt::format("--since : jeton « {} » invalide (un nombre)", options->since));
            since = value;
        }
        auto store = context.open_store(kiosk::Access::ReadWrite);
        kiosk::Sync sync(store);
        // A site's bundle carries its health as of now: the office sees a dead camera with it.
        if (const auto identity = sync.identity();
            identity && kiosk::find_site(identity->name) && options->recipient == kiosk::office_name)
            kiosk::record_site_health(
                store, kiosk::measure_site_health(store, identity->name,
                                                  runtime_dir_option(options->runtime_dir),
                                                  context.now(), std::chrono::system_clock::now()));
        const auto bundle = sync.export_for(options->recipient, since, context.now());
        if (!bundle)
            throw UserError(bundle.error().message);
        write_file(options->out, bundle->bytes);
        const auto& header = bundle->header;
        const std::string range =
            header.to_seq > header.from_seq
                ? fmt::format("changements {} à {}", header.from_seq + 1, header.to_seq)
                : fmt::format("aucun changement après {}", header.to_seq);
        fmt::print("paquet pour {} : {} ; {} lignes, {} suppressions ; {} octets dans {}\n",
                   header.recipient, range, bundle->rows, bundle->deletions, bundle->bytes.size(),
                   options->out);
    });
}

void apply_command(CLI::App& group, Context& context)
{
    auto path = std::make_shared<std::string>();
    auto* command = group.add_subcommand(
        "apply", "vérifie puis applique un paquet (sans effet s'il l'est déjà)");
    command->add_option("file", *path, "le paquet")->required();
    command->callback([path, &context] {
        const auto bytes = read_bytes(*path);
        auto store = context.open_store(kiosk::Access::ReadWrite);
        const auto applied = kiosk::Sync(store).apply(bytes, context.now());
        if (!applied)
            throw UserError(fmt::format("{} : {}", *path, applied.error().message));
        const auto& header = applied->header;
        switch (applied->outcome) {
        case kiosk::AppliedBundle::Outcome::Applied:
            fmt::print("paquet de {} appliqué : {} lignes, {} suppressions{} ; changements de {} "
                       "reçus jusqu'à {}\n",
                       header.sender, applied->rows, applied->deletions,
                       applied->caught_up
                           ? fmt::format(" (avec {} paquet(s) en attente)", applied->caught_up)
                           : std::string(),
                       header.sender, applied->applied_seq);
            break;
        case kiosk::AppliedBundle::Outcome::AlreadyApplied:
            fmt::print("paquet de {} déjà appliqué (changements jusqu'à {}) : rien à faire\n",
                       header.sender, header.to_seq);
            break;
        case kiosk::AppliedBundle::Outcome::KeptForLater:
            fmt::print("paquet de {} gardé pour plus tard : il manque ses changements {} à {} "
                       "(un paquet précédent) ; il sera appliqué dès leur arrivée (ou, chez "
                       "l'expéditeur : kioskctl sync export --for {} --since {})\n",
                       header.sender, applied->applied_seq + 1, header.from_seq, header.recipient,
                       applied->applied_seq);
            break;
        }
    });
}

void status_command(CLI::App& group, Context& context)
{
    struct Options {
        bool json = false;
        std::string runtime_dir;
    };
    auto options = std::make_shared<Options>();
    auto* command = group.add_subcommand(
        "status", "le lien avec le siège, et ce qui a été envoyé à chaque pair et reçu de lui, et "
                  "quand");
    command->add_flag("--json", options->json, "sortie JSON");
    command->add_option("--runtime-dir", options->runtime_dir,
                        "où lire l'état du lien (sync.json ; défaut : /run/atelier-kiosk)");
    command->callback([options, &context] {
        auto store = context.open_store(kiosk::Access::ReadOnly);
        const auto status = kiosk::Sync(store).status();
        const auto office = kiosk::Link(store).office();
        const auto link = kiosk::read_link_health(runtime_dir_option(options->runtime_dir));
        if (options->json) {
            nlohmann::ordered_json document;
            document["identity"] =
                status.identity ? nlohmann::ordered_json(status.identity->name) : nullptr;
            document["key_id"] =
                status.identity
                    ? nlohmann::ordered_json(status.identity->public_key.id().to_string())
                    : nullptr;
            document["log_seq"] = status.log_seq;
            document["office"] = office ? nlohmann::ordered_json(office->url) : nullptr;
            document["link"] = nullptr;
            if (link)
                document["link"] = {
                    {"condition", link->condition == kiosk::LinkCondition::Online    ? "online"
                                  : link->condition == kiosk::LinkCondition::Offline ? "offline"
                                                                                     : "stopped"},
                    {"since", link->since ? nlohmann::ordered_json(std::chrono::duration<double>(
                                                                       link->since->time_since_epoch())
                                                                       .count())
                                          : nullptr},
                    {"error", link->error},
                    {"waiting", link->waiting}};
            document["peers"] = nlohmann::ordered_json::array();
            for (const auto& peer : status.peers)
                document["peers"].push_back(
                    {{"peer", peer.peer},
                     {"device_key_id", peer.device
                                           ? nlohmann::ordered_json(peer.device->id().to_string())
                                           : nullptr},
                     {"received_seq", peer.received_seq},
                     {"received_at", json_instant(peer.received_at)},
                     {"received_made", json_instant(peer.received_made)},
                     {"acked_seq", peer.acked_seq},
                     {"sent_from",
                      peer.sent_from ? nlohmann::ordered_json(*peer.sent_from) : nullptr},
                     {"sent_seq", peer.sent_seq ? nlohmann::ordered_json(*peer.sent_seq) : nullptr},
                     {"sent_at", json_instant(peer.sent_at)},
                     {"kept_for_later", peer.kept_for_later},
                     {"contact_at", json_instant(peer.contact_at)},
                     {"retired_at", json_instant(peer.retired_at)},
                     {"waiting", peer.waiting}});
            fmt::print("{}\n", document.dump(2));
            return;
        }
        if (!status.identity)
            fmt::print("pas d'identité de synchronisation (kioskctl sync identity)\n");
        else
            fmt::print("cette base : « {} », clé {} ; journal : {} changements\n",
                       status.identity->name, status.identity->public_key.id().to_string(),
                       status.log_seq);
        if (office)
            fmt::print("siège : {} (rejoint le {}) ; lien : {}\n", office->url,
                       when(office->joined_at), link_words(link));
        for (const auto& peer : status.peers) {
            fmt::print("{}{}{}\n", peer.peer,
                       peer.device ? fmt::format(" (appareil {})", peer.device->id().to_string())
                                   : std::string(),
                       peer.retired_at ? fmt::format(", retiré le {}", when(peer.retired_at))
                                       : std::string());
            if (peer.contact_at)
                fmt::print("  dernier contact par le lien : {}\n", when(peer.contact_at));
            fmt::print("  à envoyer : {} changement(s) pas encore accusé(s)\n", peer.waiting);
            fmt::print("  reçu : ses changements jusqu'à {} ; dernier paquet appliqué le {}{}\n",
                       peer.received_seq, when(peer.received_at),
                       peer.received_made ? fmt::format(" (fait le {})", when(peer.received_made))
                                          : std::string());
            if (peer.kept_for_later > 0)
                fmt::print("  en attente : {} paquet(s) arrivé(s) avant le précédent\n",
                           peer.kept_for_later);
            fmt::print("  envoyé : {} ; il dit avoir nos changements jusqu'à {}\n",
                       peer.sent_seq ? fmt::format("changements {} à {} le {}", *peer.sent_from + 1,
                                                   *peer.sent_seq, when(peer.sent_at))
                                     : std::string("rien"),
                       peer.acked_seq);
        }
    });
}

} // namespace

void add_sync_commands(CLI::App& app, Context& context)
{
    auto* sync = app.add_subcommand(
        "sync", "synchronisation entre le siège et les sites, par paquets signés : en continu "
                "par le réseau (invite, join, run) ou par fichiers (export, apply)");
    sync->require_subcommand(1);
    identity_command(*sync, context);
    register_command(*sync, context);
    export_command(*sync, context);
    apply_command(*sync, context);
    status_command(*sync, context);
    add_link_commands(*sync, context);
}

} // namespace kioskctl
