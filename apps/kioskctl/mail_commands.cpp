// `kioskctl mail`: the office's outbox — send what is due (or write it as .eml files), list it,
// queue a refused message again.

#include "commands.hpp"
#include "kiosk/mail/outbox.hpp"
#include "kiosk_mail/mail_config.hpp"
#include "kiosk_mail/sender.hpp"
#include "kiosk_print/output_file.hpp"
#include "text_columns.hpp"
#include "ticket_commands.hpp"

#include <charconv>
#include <cstdlib>
#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>

namespace kioskctl {
namespace {

kiosk_mail::MailConfig mail_config(const std::string& option_value)
{
    std::string path = option_value;
    if (path.empty())
        if (const char* from_environment = std::getenv("KIOSK_MAIL_CONFIG"))
            path = from_environment;
    if (path.empty())
        throw UserError("configuration de l'envoi des e-mails manquante : --mail-config FICHIER "
                        "ou KIOSK_MAIL_CONFIG (voir deploy/office/mail.toml)");
    auto config = kiosk_mail::load_mail_config(path);
    if (!config)
        throw UserError(config.error());
    return *config;
}

std::int64_t parse_message_id(const std::string& text)
{
    std::int64_t id = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (error != std::errc{} || end != text.data() + text.size() || id <= 0)
        throw UserError(fmt::format("numéro de message « {} » invalide", text));
    return id;
}

void send_command(CLI::App& group, Context& context)
{
    struct Options {
        std::string mail_config, dry_run, fonts;
        int limit = 5000;
        bool json = false;
    };
    auto options = std::make_shared<Options>();
    auto* send = group.add_subcommand(
        "send", "envoie au relais les messages dus (et met en file les rappels du lendemain)");
    send->add_option("--mail-config", options->mail_config,
                     "configuration de l'envoi (défaut : KIOSK_MAIL_CONFIG)");
    send->add_option("--dry-run", options->dry_run,
                     "n'envoie rien : écrit chaque message en fichier .eml dans ce dossier");
    send->add_option("--limit", options->limit, "messages au plus dans ce passage")
        ->check(CLI::Range(1, 100000));
    send->add_option("--fonts", options->fonts, "dossier des polices (défaut : celles du programme)");
    send->add_flag("--json", options->json, "sortie JSON");
    send->callback([options, &context] {
        const auto config = mail_config(options->mail_config);
        const auto fonts = load_fonts(options->fonts);
        kiosk_mail::SendOptions send_options;
        send_options.limit = options->limit;
        std::unique_ptr<kiosk_mail::Transport> transport;
        if (!options->dry_run.empty()) {
            send_options.dry_run = options->dry_run;
            try {
                kiosk_print::check_writable_directory(options->dry_run);
            } catch (const kiosk_print::OutputError& error) {
                throw UserError(error.what());
            }
        } else {
            std::string password;
            if (!config.relay.user.empty()) {
                auto read = kiosk_mail::read_password_file(config.relay.password_file);
                if (!read)
                    throw UserError(read.error());
                password = *read;
            }
            transport = std::make_unique<kiosk_mail::SmtpTransport>(config.relay, password);
        }
        auto store = context.open_store(options->dry_run.empty() ? kiosk::Access::ReadWrite
                                                                 : kiosk::Access::ReadOnly);
        const auto report = kiosk_mail::send_outbox(store, config, fonts, transport.get(),
                                                    context.now(), send_options);
        if (!send_options.dry_run &&
            (report.sent + report.refused + report.deferred + report.dropped +
                 report.reminders_queued + report.organisers_queued >
             0))
            store.write([&] {
                context.audit(store, "mail.send", "", "",
                              nlohmann::ordered_json{{"reminders_queued", report.reminders_queued},
                                                     {"organisers_queued",
                                                      report.organisers_queued},
                                                     {"sent", report.sent},
                                                     {"refused", report.refused},
                                                     {"deferred", report.deferred},
                                                     {"dropped", report.dropped}}
                                  .dump());
            });
        if (options->json) {
            nlohmann::ordered_json document{{"reminders_queued", report.reminders_queued},
                                            {"organisers_queued", report.organisers_queued},
                                            {"sent", report.sent},
                                            {"refused", report.refused},
                                            {"deferred", report.deferred},
                                            {"dropped", report.dropped},
                                            {"waiting", report.waiting},
                                            {"relay_problem", report.relay_problem}};
            for (const auto& file : report.written)
                document["files"].push_back(file.string());
            fmt::print("{}\n", document.dump(2));
        } else {
            if (report.reminders_queued > 0)
                fmt::print("{} rappel(s) mis en file\n", report.reminders_queued);
            if (report.organisers_queued > 0)
                fmt::print("{} lien(s) de session privée mis en file pour les organisateurs\n",
                           report.organisers_queued);
            fmt::print("{} {}, {} refusé(s), {} différé(s), {} abandonné(s) ; {} en attente\n",
                       report.sent,
                       send_options.dry_run ? "message(s) écrit(s) en .eml" : "message(s) envoyé(s)",
                       report.refused, report.deferred, report.dropped, report.waiting);
            if (report.refused > 0)
                fmt::print("les refus : kioskctl mail list --failed\n");
        }
        if (!report.relay_problem.empty()) {
            fmt::print(stderr, "kioskctl : {} ; {} message(s) attendent le prochain passage\n",
                       report.relay_problem, report.waiting);
            context.set_exit_code(1);
        }
    });
}

void list_command(CLI::App& group, Context& context)
{
    struct Options {
        std::string status, session;
        bool failed = false, json = false;
        int limit = 200;
    };
    auto options = std::make_shared<Options>();
    auto* list = group.add_subcommand(
        "list", "les messages de la file et ce qu'ils sont devenus, les plus récents d'abord");
    list->add_flag("--failed", options->failed, "seulement les messages refusés");
    list->add_option("--status", options->status,
                     "queued, sending, sent, failed ou dropped");
    list->add_option("--session", options->session, "seulement les messages d'une session");
    list->add_option("--limit", options->limit, "lignes au plus")->check(CLI::Range(1, 100000));
    list->add_flag("--json", options->json, "sortie JSON");
    list->callback([options, &context] {
        if (options->failed && !options->status.empty())
            throw UserError("--failed ou --status, pas les deux");
        kiosk::OutboxFilter filter;
        filter.limit = options->limit;
        if (options->failed)
            filter.status = kiosk::MailStatus::Failed;
        for (const auto status : {kiosk::MailStatus::Queued, kiosk::MailStatus::Sending,
                                  kiosk::MailStatus::Sent, kiosk::MailStatus::Failed,
                                  kiosk::MailStatus::Dropped})
            if (options->status == kiosk::mail_status_name(status))
                filter.status = status;
        if (!options->status.empty() && !filter.status)
            throw UserError(fmt::format("état « {} » inconnu : queued, sending, sent, failed ou "
                                        "dropped",
                                        options->status));
        if (!options->session.empty())
            filter.session = parse_session_id(options->session);
        auto store = context.open_store(kiosk::Access::ReadOnly);
        const auto entries = kiosk::Outbox(store).list(filter);
        if (options->json) {
            auto document = nlohmann::ordered_json::array();
            for (const auto& entry : entries)
                document.push_back(
                    {{"id", entry.id},
                     {"kind", kiosk::mail_kind_name(entry.kind)},
                     {"ticket", entry.ticket.to_string()},
                     {"session", entry.session.to_string()},
                     {"recipient", entry.recipient},
                     {"status", kiosk::mail_status_name(entry.status)},
                     {"attempts", entry.attempts},
                     {"error", entry.last_error},
                     {"created_at", kiosk::unix_seconds(entry.created_at)},
                     {"sent_at", entry.sent_at ? nlohmann::ordered_json(
                                                     kiosk::unix_seconds(*entry.sent_at))
                                               : nullptr}});
            fmt::print("{}\n", document.dump(2));
            return;
        }
        if (entries.empty()) {
            fmt::print("aucun message\n");
            return;
        }
        for (const auto& entry : entries)
            fmt::print("{}  {}  {}  {}  {} essai(s){}\n", pad_left(std::to_string(entry.id), 6),
                       pad(std::string(kiosk::french_mail_status(entry.status)), 16),
                       pad(std::string(kiosk::french_mail_kind(entry.kind)), 16),
                       pad(entry.recipient, 32), entry.attempts,
                       entry.last_error.empty() ? "" : "  " + entry.last_error);
    });
}

void retry_command(CLI::App& group, Context& context)
{
    auto id = std::make_shared<std::string>();
    auto* retry = group.add_subcommand("retry", "remet en file un message refusé ou abandonné");
    retry->add_option("message", *id, "numéro du message (kioskctl mail list)")->required();
    retry->callback([id, &context] {
        const auto message = parse_message_id(*id);
        auto store = context.open_store(kiosk::Access::ReadWrite);
        store.write([&] {
            kiosk::Outbox outbox(store);
            const auto before = outbox.find(message);
            if (!before || !outbox.retry(message))
                throw UserError(fmt::format("aucun message {} refusé ou abandonné à remettre en "
                                            "file",
                                            message));
            context.audit(store, "mail.retry", std::to_string(message),
                          std::string(kiosk::mail_status_name(before->status)), "queued");
        });
        fmt::print("message {} remis en file\n", message);
    });
}

} // namespace

void add_mail_commands(CLI::App& app, Context& context)
{
    auto* mail = app.add_subcommand(
        "mail", "les e-mails de l'office : billets, rappels, annulations (file d'envoi)");
    mail->require_subcommand(1);
    send_command(*mail, context);
    list_command(*mail, context);
    retry_command(*mail, context);
}

} // namespace kioskctl
