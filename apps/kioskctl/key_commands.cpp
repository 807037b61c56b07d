#include "commands.hpp"
#include "kiosk/tickets/trusted_keys.hpp"

#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>

namespace kioskctl {
namespace {

kiosk::SigningKey load_key(const std::string& path)
{
    auto key = kiosk::SigningKey::load(path);
    if (!key)
        throw UserError(key.error());
    return std::move(*key);
}

void generate_command(CLI::App& group)
{
    auto out = std::make_shared<std::string>();
    auto* generate = group.add_subcommand(
        "generate", "crée la clé de signature des billets (au bureau ; jamais sur un kiosque)");
    generate->add_option("--out", *out, "fichier à créer (refusé s'il existe déjà)")->required();
    generate->callback([out] {
        const auto key = kiosk::SigningKey::generate();
        if (auto saved = key.save_new(*out); !saved)
            throw UserError(saved.error());
        fmt::print("clé publique {}\nidentifiant {}\n", key.public_key().to_string(),
                   key.public_key().id().to_string());
        fmt::print(stderr,
                   "clé secrète écrite dans {} (lisible par vous seul) : gardez-la au bureau ; "
                   "donnez aux sites la clé publique (kioskctl keys trust)\n",
                   *out);
    });
}

void public_command(CLI::App& group)
{
    auto path = std::make_shared<std::string>();
    auto* show = group.add_subcommand("public", "affiche la clé publique d'un fichier de clé");
    show->add_option("--key", *path, "fichier de clé")->required();
    show->callback([path] {
        const auto key = load_key(*path);
        fmt::print("clé publique {}\nidentifiant {}\n", key.public_key().to_string(),
                   key.public_key().id().to_string());
    });
}

void trust_command(CLI::App& group, Context& context)
{
    auto text = std::make_shared<std::string>();
    auto* trust = group.add_subcommand(
        "trust", "accepte les billets signés par cette clé publique (plusieurs à la fois "
                 "pendant un changement de clé)");
    trust->add_option("public-key", *text, "clé publique, 64 chiffres hexadécimaux")->required();
    trust->callback([text, &context] {
        const auto key = kiosk::PublicKey::parse(*text);
        if (!key)
            throw UserError(fmt::format(
                "clé publique « {} » illisible : 64 chiffres hexadécimaux attendus", *text));
        auto store = context.open_store(kiosk::Access::ReadWrite);
        const auto id = key->id().to_string();
        const auto outcome = store.write([&] {
            const auto done = kiosk::TrustedKeys(store).trust(*key, context.now());
            if (done != kiosk::TrustedKeys::Trust::AlreadyTrusted)
                context.audit(store, "key.trust", id, "",
                              nlohmann::ordered_json{{"public_key", key->to_string()}}.dump());
            return done;
        });
        switch (outcome) {
        case kiosk::TrustedKeys::Trust::Added:
            fmt::print("clé {} acceptée\n", id);
            break;
        case kiosk::TrustedKeys::Trust::AlreadyTrusted:
            fmt::print("clé {} déjà acceptée\n", id);
            break;
        case kiosk::TrustedKeys::Trust::Reinstated:
            fmt::print("clé {} de nouveau acceptée\n", id);
            break;
        }
    });
}

void retire_command(CLI::App& group, Context& context)
{
    auto text = std::make_shared<std::string>();
    auto* retire =
        group.add_subcommand("retire", "n'accepte plus les billets signés par cette clé");
    retire->add_option("key-id", *text, "identifiant de la clé, 8 chiffres hexadécimaux")
        ->required();
    retire->callback([text, &context] {
        const auto id = kiosk::KeyId::parse(*text);
        if (!id)
            throw UserError(fmt::format(
                "identifiant de clé « {} » illisible : 8 chiffres hexadécimaux attendus", *text));
        auto store = context.open_store(kiosk::Access::ReadWrite);
        store.write([&] {
            if (!kiosk::TrustedKeys(store).retire(*id, context.now()))
                throw UserError(fmt::format("aucune clé acceptée {}", id->to_string()));
            context.audit(store, "key.retire", id->to_string(), "", "");
        });
        fmt::print("clé {} retirée : ses billets sont refusés\n", id->to_string());
    });
}

void list_command(CLI::App& group, Context& context)
{
    auto json = std::make_shared<bool>(false);
    auto* list = group.add_subcommand("list", "les clés publiques acceptées et retirées");
    list->add_flag("--json", *json, "sortie JSON");
    list->callback([json, &context] {
        auto store = context.open_store(kiosk::Access::ReadOnly);
        const auto keys = kiosk::TrustedKeys(store).list();
        if (*json) {
            nlohmann::ordered_json document = nlohmann::ordered_json::array();
            for (const auto& key : keys)
                document.push_back(
                    {{"key_id", key.id.to_string()},
                     {"public_key", key.public_key.to_string()},
                     {"trusted_at", kiosk::format_iso8601(key.trusted_at)},
                     {"retired_at", key.retired_at ? nlohmann::ordered_json(
                                                         kiosk::format_iso8601(*key.retired_at))
                                                   : nullptr}});
            fmt::print("{}\n", document.dump(2));
            return;
        }
        if (keys.empty())
            fmt::print("aucune clé acceptée : kioskctl keys trust CLÉ_PUBLIQUE\n");
        for (const auto& key : keys)
            fmt::print("{}  {}  acceptée le {}{}\n", key.id.to_string(), key.public_key.to_string(),
                       kiosk::format_local_datetime(key.trusted_at),
                       key.retired_at ? fmt::format(", retirée le {}",
                                                    kiosk::format_local_datetime(*key.retired_at))
                                      : std::string());
    });
}

} // namespace

void add_key_commands(CLI::App& app, Context& context)
{
    auto* keys = app.add_subcommand("keys", "les clés de signature des billets");
    keys->require_subcommand(1);
    generate_command(*keys);
    public_command(*keys);
    trust_command(*keys, context);
    retire_command(*keys, context);
    list_command(*keys, context);
}

} // namespace kioskctl
