#include "ticket_commands.hpp"
#include "kiosk/schedule/session_store.hpp"

#include "commands.hpp"
#include "kiosk/tickets/ticket_store.hpp"

#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>

namespace kioskctl {
namespace {

void sign_command(CLI::App& group, Context& context)
{
    struct SignOptions {
        std::string session, key;
        bool json = false;
    };
    auto options = std::make_shared<SignOptions>();
    auto* sign = group.add_subcommand(
        "sign", "signe un billet pour une session de la base et l'enregistre ; affiche le texte "
                "du QR code");
    sign->add_option("--session", options->session, "identifiant de la session")->required();
    sign->add_option("--key", options->key, "fichier de la clé de signature")->required();
    sign->add_flag("--json", options->json, "sortie JSON");
    sign->callback([options, &context] {
        const auto session = parse_session_id(options->session);
        // The key first: a missing or bad key file leaves the database untouched.
        auto key = kiosk::SigningKey::load(options->key);
        if (!key)
            throw UserError(key.error());
        auto store = context.open_store(kiosk::Access::ReadWrite);
        const auto ticket = store.write([&] {
            auto issued = kiosk::TicketStore(store).issue(session, *key, context.now());
            if (issued)
                context.audit(store, "ticket.issue", issued->claims.ticket.to_string(), "",
                              nlohmann::ordered_json{{"session", session.to_string()}}.dump());
            return issued;
        });
        if (!ticket)
            throw UserError(ticket.error());
        if (!options->json) {
            fmt::print("{}\n", ticket->payload);
            return;
        }
        nlohmann::ordered_json document;
        document["ticket"] = ticket->claims.ticket.to_string();
        document["session"] = ticket->claims.session.to_string();
        document["site"] =
            ticket->claims.site ? nlohmann::ordered_json(*ticket->claims.site) : nullptr;
        document["day"] = kiosk::format_day(ticket->claims.day);
        document["key_id"] = key->public_key().id().to_string();
        document["payload"] = ticket->payload;
        fmt::print("{}\n", document.dump(2));
    });
}

void revoke_command(CLI::App& group, Context& context)
{
    auto id = std::make_shared<std::string>();
    auto* revoke = group.add_subcommand("revoke", "révoque un billet : il n'admet plus personne");
    revoke->add_option("ticket", *id, "identifiant du billet, 16 chiffres hexadécimaux")
        ->required();
    revoke->callback([id, &context] {
        const auto ticket = kiosk::TicketId::parse(*id);
        if (!ticket)
            throw UserError(fmt::format("identifiant de billet « {} » invalide", *id));
        auto store = context.open_store(kiosk::Access::ReadWrite);
        store.write([&] {
            kiosk::TicketStore tickets(store);
            const auto found = tickets.find(*ticket);
            if (!found || !tickets.revoke(*ticket, context.now()))
                throw UserError(fmt::format("aucun billet {} à révoquer", ticket->to_string()));
            context.audit(store, "ticket.revoke", ticket->to_string(), "",
                          nlohmann::ordered_json{{"session", found->session.to_string()}}.dump());
        });
        fmt::print("billet {} révoqué\n", ticket->to_string());
    });
}

} // namespace

void add_ticket_commands(CLI::App& app, Context& context)
{
    auto* ticket = app.add_subcommand("ticket", "les billets signés");
    ticket->require_subcommand(1);
    sign_command(*ticket, context);
    add_ticket_issue_commands(*ticket, context);
    revoke_command(*ticket, context);
}

void warn_over_capacity(kiosk::Store& store, kiosk::SessionId session_id)
{
    const auto session = kiosk::SessionStore(store).find(session_id);
    const int valid = kiosk::TicketStore(store).valid_count(session_id);
    if (session && session->capacity && valid > *session->capacity)
        fmt::print(stderr,
                   "kioskctl : attention, « {} » a {} billets valables pour {} places : {} de "
                   "plus que de places\n",
                   session->title, valid, *session->capacity, valid - *session->capacity);
}

} // namespace kioskctl
