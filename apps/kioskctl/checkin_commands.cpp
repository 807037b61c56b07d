#include "commands.hpp"
#include "kiosk/checkin/checkin.hpp"
#include "kiosk/platform/runtime.hpp"
#include "kiosk_checkin/decoder.hpp"
#include "kiosk_checkin/frame_source.hpp"

#include <cstdlib>
#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>

namespace kioskctl {
namespace {

kiosk::ClockTrust clock_trust(const std::string& option, const Context& context)
{
    if (option == "synchronised")
        return kiosk::ClockTrust::Synchronised;
    if (option == "unsynchronised")
        return kiosk::ClockTrust::Unsynchronised;
    // A time typed with --at is a person's statement, not a drifting clock.
    return context.clock().trust();
}

// The code a visitor would show the camera, read from an image file by the camera's decoder.
std::string payload_from_image(const std::string& path)
{
    try {
        const auto frame = kiosk::checkin::load_image(path);
        kiosk::checkin::Decoder decoder;
        const auto codes = decoder.read(frame.view()).codes;
        const auto code =
            kiosk::checkin::primary_code(codes, frame.view().width, frame.view().height);
        if (!code)
            throw UserError(fmt::format("{} : aucun QR code lisible dans cette image", path));
        return code->text;
    } catch (const kiosk::checkin::SourceError& error) {
        throw UserError(error.what());
    }
}

// --admit: the code is checked as at the door first (its signature above all); only a valid
// ticket the doors' rules refuse is then let in, by hand, with the reason.
template <typename Options>
kiosk::CheckinResult admit_anyway(kiosk::Store& store, const kiosk::ScanRequest& request,
                                  const kiosk::CheckinRules& rules, const Options& options,
                                  const std::string& by)
{
    if (options.reason.empty())
        throw UserError("--admit : donnez la raison avec --reason « … » (elle est enregistrée "
                        "avec l'entrée)");
    if (options.reason.size() > 500)
        throw UserError("--reason : 500 caractères au plus");
    const auto decision = kiosk::decide(store, request, rules);
    if (!kiosk::admits(decision.verdict()) && !kiosk::can_override(decision.verdict()))
        throw UserError(fmt::format("{} : ce billet ne peut pas être admis quand même (seuls "
                                    "l'heure, le site ou le jour se contournent)",
                                    decision.message()));
    kiosk::ManualCheckin manual{*decision.ticket, request.site, request.device,
                                by, request.at, request.clock,
                                kiosk::admits(decision.verdict()) ? "" : options.reason};
    return kiosk::check_in_by_hand(store, manual, rules);
}

void undo_command(CLI::App& group, Context& context)
{
    struct UndoOptions {
        std::string ticket;
    };
    auto options = std::make_shared<UndoOptions>();
    auto* undo = group.add_subcommand(
        "undo", "annule l'entrée enregistrée d'un billet (le jour même) ; il pourra de nouveau "
                "entrer");
    undo->add_option("ticket", options->ticket, "identifiant du billet, 16 chiffres hexadécimaux")
        ->required();
    undo->callback([options, &context] {
        const auto ticket = kiosk::TicketId::parse(options->ticket);
        if (!ticket)
            throw UserError(fmt::format("identifiant de billet « {} » invalide", options->ticket));
        const std::string by = context.actor();
        auto store = context.open_store(kiosk::Access::ReadWrite);
        const auto undone = kiosk::undo_checkin(store, *ticket, context.now(), by);
        if (!undone)
            throw UserError(undone.error());
        fmt::print("entrée de {} du billet {} annulée (session {})\n",
                   kiosk::french_time(undone->checked_in_at), ticket->to_string(),
                   undone->session.to_string());
    });
}

} // namespace

void add_checkin_commands(CLI::App& app, Context& context)
{
    struct CheckinOptions {
        std::string payload, image, site, device, clock = "auto", runtime_dir, reason;
        bool json = false;
        bool admit = false;
    };
    auto options = std::make_shared<CheckinOptions>();
    auto* checkin = app.add_subcommand(
        "checkin", "décide d'un billet comme le ferait la caméra, et l'enregistre : sortie 0 "
                   "si le porteur entre, 1 sinon");
    auto* payload = checkin->add_option("payload", options->payload, "le texte lu dans le QR code");
    checkin
        ->add_option("--image", options->image,
                     "lit le QR code d'une image PNG ou JPEG au lieu du texte")
        ->excludes(payload);
    checkin->add_option("--site", options->site, "site du lecteur (défaut : celui de --config)");
    checkin->add_option("--device", options->device,
                        "nom du lecteur, enregistré avec le scan (défaut : celui de --config)");
    checkin
        ->add_option("--clock", options->clock,
                     "l'horloge est-elle synchronisée ? auto (défaut ; sûre avec --at), "
                     "synchronised, unsynchronised")
        ->check(CLI::IsMember({"auto", "synchronised", "unsynchronised"}));
    checkin->add_flag("--json", options->json, "sortie JSON");
    checkin->add_option("--runtime-dir", options->runtime_dir,
                        "dossier d'exécution où le tableau attend les scans (défaut : "
                        "$RUNTIME_DIRECTORY ou /run/atelier-kiosk)");
    checkin->add_flag("--admit", options->admit,
                      "admettre quand même un billet valable que les règles de la porte refusent "
                      "(trop tôt, trop tard, autre site ou jour) ; demande --reason");
    checkin->add_option("--reason", options->reason, "pourquoi il entre quand même (--admit)");
    checkin->require_subcommand(0, 1);
    undo_command(*checkin, context);
    checkin->callback([checkin, options, &context] {
        if (checkin->got_subcommand("undo"))
            return;
        if (checkin->count("payload") == 0 && options->image.empty())
            throw UserError("quel billet ? donnez le texte du QR code (kioskctl checkin TEXTE) "
                            "ou une image (--image FICHIER)");
        if (!options->image.empty())
            options->payload = payload_from_image(options->image);
        kiosk::ScanRequest request;
        request.payload = options->payload;
        request.site = context.site(options->site);
        request.device = options->device;
        if (request.device.empty())
            request.device = context.config() ? context.config()->device : "kioskctl";
        request.at = context.now();
        request.clock = clock_trust(options->clock, context);
        const auto rules =
            context.config() ? kiosk::CheckinRules::from(*context.config()) : kiosk::CheckinRules{};
        auto store = context.open_store(kiosk::Access::ReadWrite);
        const auto result = options->admit ? admit_anyway(store, request, rules, *options, context.actor())
                                           : kiosk::check_in(store, request, rules);
        // A handheld reader greets like the camera: the board shows the banner at once.
        kiosk::wake_board(runtime_dir_option(options->runtime_dir));
        if (options->json)
            fmt::print("{}\n", nlohmann::ordered_json(result).dump(
                                   2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
        else
            fmt::print("{}\n[{}] {}\n", result.decision.message(),
                       kiosk::to_string(result.decision.verdict()), result.decision.detail);
        context.set_exit_code(result.admitted() ? 0 : 1);
    });
}

} // namespace kioskctl
