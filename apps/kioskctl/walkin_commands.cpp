#include "commands.hpp"
#include "kiosk/checkin/walkins.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <memory>

namespace kioskctl {
namespace {

kiosk::SeatRules seat_rules(Context& context)
{
    return context.config() ? kiosk::SeatRules::from(*context.config()) : kiosk::SeatRules{};
}

void undo_command(CLI::App& group, Context& context)
{
    struct UndoOptions {
        std::string walkin;
    };
    auto options = std::make_shared<UndoOptions>();
    auto* undo = group.add_subcommand(
        "undo", "annule une entrée sans billet enregistrée par erreur ; sa place se libère");
    undo->add_option("walkin", options->walkin,
                     "identifiant de l'entrée, 16 chiffres hexadécimaux")
        ->required();
    undo->callback([options, &context] {
        const auto id = kiosk::WalkinId::parse(options->walkin);
        if (!id)
            throw UserError(
                fmt::format("identifiant d'entrée sans billet « {} » invalide", options->walkin));
        auto store = context.open_store(kiosk::Access::ReadWrite);
        const auto undone =
            kiosk::undo_walkin(store, *id, context.now(), context.actor());
        if (!undone)
            throw UserError(undone.error());
        fmt::print("entrée sans billet de {} ({}) annulée (session {})\n", undone->first_name,
                   kiosk::french_time(undone->at), undone->session.to_string());
    });
}

} // namespace

void add_walkin_commands(CLI::App& app, Context& context)
{
    struct WalkinOptions {
        std::string session, first_name, site, device;
    };
    auto options = std::make_shared<WalkinOptions>();
    auto* walkin = app.add_subcommand(
        "walkin", "enregistre une entrée sans billet, sur une place qu'aucun billet ne réserve : "
                  "sortie 0 si la personne entre, 1 si la session est complète, annulée ou "
                  "terminée");
    walkin->add_option("--session", options->session, "identifiant de la session");
    walkin->add_option("--first-name", options->first_name, "prénom, pour l'accueil");
    walkin->add_option("--site", options->site, "site de l'accueil (défaut : celui de --config)");
    walkin->add_option("--device", options->device,
                       "poste qui enregistre (défaut : celui de --config)");
    walkin->require_subcommand(0, 1);
    undo_command(*walkin, context);
    walkin->callback([walkin, options, &context] {
        if (walkin->got_subcommand("undo"))
            return;
        if (options->session.empty() || options->first_name.empty())
            throw UserError("walkin : --session et --first-name sont obligatoires");
        kiosk::WalkinRequest request;
        request.session = parse_session_id(options->session);
        request.first_name = options->first_name;
        request.site = options->site;
        if (request.site.empty() && context.config())
            request.site = context.config()->site_id;
        else if (!request.site.empty())
            request.site = context.site(request.site);
        request.device = options->device;
        if (request.device.empty())
            request.device = context.config() ? context.config()->device : "kioskctl";
        request.at = context.now();
        request.by = context.actor();
        auto store = context.open_store(kiosk::Access::ReadWrite);
        const auto recorded = kiosk::record_walkin(store, request, seat_rules(context));
        if (!recorded) {
            const auto reason = recorded.error().reason;
            const bool refusal = reason == kiosk::WalkinRefusal::Full ||
                                 reason == kiosk::WalkinRefusal::Cancelled ||
                                 reason == kiosk::WalkinRefusal::Over;
            if (!refusal)
                throw UserError(recorded.error().message);
            fmt::print(stderr, "kioskctl : entrée refusée : {}\n", recorded.error().message);
            context.set_exit_code(1);
            return;
        }
        std::string seats;
        if (recorded->seats_left)
            seats = *recorded->seats_left == 0
                        ? " ; la session est maintenant complète"
                        : fmt::format(" ; {} place{} restante{}", *recorded->seats_left,
                                      *recorded->seats_left > 1 ? "s" : "",
                                      *recorded->seats_left > 1 ? "s" : "");
        fmt::print("{}\nentrée sans billet de {} pour « {} » à {}{}\n", recorded->id.to_string(),
                   request.first_name, recorded->session.title, kiosk::french_time(request.at),
                   seats);
    });
}

} // namespace kioskctl
