#include "commands.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk/tickets/ticket_store.hpp"
#include "kiosk_print/output_file.hpp"
#include "ticket_commands.hpp"
#include "ticket_files.hpp"

#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>

namespace kioskctl {
namespace {

void issue_command(CLI::App& group, Context& context)
{
    struct IssueOptions {
        std::string session, key, fonts, paper = "a6";
        kiosk::Registration holder;
        TicketFiles files;
        bool json = false;
        bool over_capacity = false;
    };
    auto options = std::make_shared<IssueOptions>();
    auto* issue = group.add_subcommand(
        "issue", "émet le billet d'une personne inscrite (une seule fois par personne) et "
                 "l'imprime ; affiche le texte du QR code");
    issue->add_option("--session", options->session, "identifiant de la session")->required();
    issue->add_option("--first-name", options->holder.first_name, "prénom")->required();
    issue->add_option("--last-name", options->holder.last_name, "nom")->required();
    issue->add_option("--email", options->holder.email, "adresse e-mail");
    issue->add_option("--note", options->holder.note,
                      "pour l'accueil (« fauteuil roulant ») ; jamais affichée à l'écran");
    issue->add_option("--key", options->key, "fichier de la clé de signature")->required();
    issue->add_option("--png", options->files.png, "image PNG du billet");
    issue->add_option("--svg", options->files.svg, "dessin SVG du billet");
    issue->add_option("--pdf", options->files.pdf, "page PDF à imprimer");
    issue->add_option("--paper", options->paper, "format du PDF : a6 (défaut) ou a4 (traits de coupe)");
    issue->add_option("--fonts", options->fonts, "dossier des polices (défaut : celles du programme)");
    issue->add_flag("--json", options->json, "sortie JSON");
    issue->add_flag("--over-capacity", options->over_capacity,
                    "émettre même au-delà des places de la session (dit de combien)");
    issue->callback([options, &context] {
        const auto session_id = parse_session_id(options->session);
        if (const auto invalid = kiosk::validate(options->holder))
            throw UserError(fmt::format("--{} : {}", option_for_field(invalid->field),
                                        invalid->message));
        options->files.paper = parse_paper(options->paper);
        // Everything that can fail without the database first: key, fonts, output directories.
        auto key = kiosk::SigningKey::load(options->key);
        if (!key)
            throw UserError(key.error());
        const bool printing = !options->files.png.empty() || !options->files.svg.empty() ||
                              !options->files.pdf.empty();
        std::optional<kiosk_print::Fonts> fonts;
        if (printing)
            fonts = load_fonts(options->fonts);
        for (const auto& file : {options->files.png, options->files.svg, options->files.pdf})
            check_parent_writable(file);

        auto store = context.open_store(kiosk::Access::ReadWrite);
        kiosk::TicketStore tickets(store);
        const auto issued = store.write([&] {
            auto done = tickets.issue_for(session_id, {&options->holder, 1}, *key, context.now(),
                                          kiosk::WhenRevoked::IssueAgain,
                                          options->over_capacity ? kiosk::Seats::OverCapacity
                                                                 : kiosk::Seats::WithinCapacity);
            if (done && done->front().issue != kiosk::Issue::AlreadyIssued)
                context.audit(store, "ticket.issue", done->front().id.to_string(), "",
                              nlohmann::ordered_json{{"session", session_id.to_string()}}.dump());
            return done;
        });
        if (!issued)
            throw UserError(issued.error());
        warn_over_capacity(store, session_id);
        const auto& ticket = issued->front();
        if (ticket.issue == kiosk::Issue::AlreadyIssued)
            fmt::print(stderr, "kioskctl : {} {} a déjà le billet {} pour cette session : le "
                               "voici de nouveau\n",
                       options->holder.first_name, options->holder.last_name,
                       ticket.id.to_string());
        if (printing) {
            const auto session = kiosk::SessionStore(store).find(session_id);
            const auto text =
                ticket_text(*session, ticket.payload, ticket.id, options->holder.first_name);
            write_printed(render_ticket(text, options->files, *fonts), options->files);
        }
        if (!options->json) {
            fmt::print("{}\n", ticket.payload);
            return;
        }
        nlohmann::ordered_json document;
        document["ticket"] = ticket.id.to_string();
        document["session"] = session_id.to_string();
        document["already_issued"] = ticket.issue == kiosk::Issue::AlreadyIssued;
        document["payload"] = ticket.payload;
        fmt::print("{}\n", document.dump(2));
    });
}

void list_command(CLI::App& group, Context& context)
{
    struct ListOptions {
        std::string session;
        bool json = false;
    };
    auto options = std::make_shared<ListOptions>();
    auto* list = group.add_subcommand("list", "les billets d'une session et leurs porteurs");
    list->add_option("--session", options->session, "identifiant de la session")->required();
    list->add_flag("--json", options->json, "sortie JSON");
    list->callback([options, &context] {
        const auto session_id = parse_session_id(options->session);
        auto store = context.open_store(kiosk::Access::ReadOnly);
        if (!kiosk::SessionStore(store).find(session_id))
            throw UserError(fmt::format("aucune session {}", session_id.to_string()));
        const auto tickets = kiosk::TicketStore(store).list(session_id);
        auto optional_time = [](const std::optional<kiosk::Instant>& at) -> nlohmann::ordered_json {
            if (at)
                return kiosk::format_iso8601(*at);
            return nullptr;
        };
        if (options->json) {
            auto document = nlohmann::ordered_json::array();
            for (const auto& ticket : tickets)
                document.push_back({{"ticket", ticket.id.to_string()},
                                    {"first_name", ticket.holder.first_name},
                                    {"last_name", ticket.holder.last_name},
                                    {"email", ticket.holder.email},
                                    {"note", ticket.holder.note},
                                    {"issued_at", kiosk::format_iso8601(ticket.issued_at)},
                                    {"revoked_at", optional_time(ticket.revoked_at)},
                                    {"checked_in_at", optional_time(ticket.checked_in_at)}});
            fmt::print("{}\n", document.dump(2));
            return;
        }
        for (const auto& ticket : tickets) {
            std::string state = "valide";
            if (ticket.revoked_at)
                state = "révoqué";
            else if (ticket.checked_in_at)
                state = "entré à " + kiosk::french_time(*ticket.checked_in_at);
            std::string holder = ticket.holder.first_name + ' ' + ticket.holder.last_name;
            if (!ticket.holder.email.empty())
                holder += " <" + ticket.holder.email + '>';
            if (!ticket.holder.note.empty())
                holder += " — " + ticket.holder.note;
            fmt::print("{}  {:<12}  {}\n", ticket.id.to_string(), state, holder);
        }
        fmt::print("{} billets\n", tickets.size());
    });
}

} // namespace

std::string_view option_for_field(std::string_view field)
{
    if (field == "prenom")
        return "first-name";
    if (field == "nom")
        return "last-name";
    return field;
}

kiosk_print::Fonts load_fonts(const std::string& option_value)
{
    // A missing font is a broken installation, not a user's mistake: it throws on.
    return kiosk_print::Fonts::load(kiosk_print::font_directory(option_value));
}

void write_printed(const RenderedTicket& rendered, const TicketFiles& files)
{
    try {
        write_ticket(rendered, files);
    } catch (const kiosk_print::OutputError& error) {
        throw UserError(error.what());
    }
}

void add_ticket_issue_commands(CLI::App& group, Context& context)
{
    issue_command(group, context);
    add_ticket_batch_command(group, context);
    list_command(group, context);
}

} // namespace kioskctl
