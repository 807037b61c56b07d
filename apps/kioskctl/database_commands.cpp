#include "commands.hpp"
#include "kiosk/demo/demo.hpp"
#include "kiosk/store/backup.hpp"
#include "open_files.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <memory>

namespace kioskctl {

void add_database_commands(CLI::App& app, Context& context)
{
    auto* init = app.add_subcommand(
        "init", "crée la base du site, ou la met à jour vers le dernier schéma (sans risque si "
                "elle existe déjà)");
    auto backup_to = std::make_shared<std::string>();
    init->add_option("--backup-to", *backup_to,
                     "avant de migrer une base existante, la sauvegarde (vérifiée) dans ce "
                     "dossier ; refuse de migrer si la base est abîmée");
    init->callback([&app, &context, backup_to] {
        const auto database = database_option(app);
        if (!backup_to->empty() && std::filesystem::exists(database)) {
            // An upgrade starts from a sound database and leaves a way back.
            const auto version = kiosk::verify_database_file(database);
            if (!version)
                throw UserError("mise à jour refusée, rien n'a changé : " + version.error());
            if (*version < kiosk::Store::latest_schema_version()) {
                const auto copy = kiosk::back_up(database, *backup_to,
                                                 kiosk::BackupKind::BeforeUpgrade, context.now());
                if (!copy)
                    throw UserError("mise à jour refusée, rien n'a changé : " + copy.error());
                fmt::print("schéma {} sauvegardé avant la mise à jour : {}\n", *version,
                           copy->string());
            }
        }
        auto store = context.open_store(kiosk::Access::ReadWrite, kiosk::Creation::CreateIfMissing);
        fmt::print("base {} prête (schéma {})\n", store.path().string(), store.schema_version());
    });

    auto* demo = app.add_subcommand(
        "demo", "remplit la base avec une journée de démonstration aux quatre sites (et le "
                "lendemain) ; relancer met à jour sans dupliquer");
    // The option's storage lives as long as the callback that the application keeps.
    auto date = std::make_shared<std::string>();
    demo->add_option("--date", *date, "jour de la démonstration, AAAA-MM-JJ (défaut : aujourd'hui)");
    demo->callback([&context, date] {
        const auto now = context.now();
        const kiosk::Day day = date->empty() ? kiosk::local_day(now) : parse_day_option("--date", *date);
        auto store = context.open_store(kiosk::Access::ReadWrite, kiosk::Creation::CreateIfMissing);
        const int count = store.write([&] {
            const int written = kiosk::seed_demo(store, day, now);
            context.audit(store, "demo.seed", kiosk::format_day(day), "",
                          nlohmann::ordered_json{{"sessions", written}}.dump());
            return written;
        });
        fmt::print("démonstration du {} : {} sessions écrites dans {}\n", kiosk::format_day(day),
                   count, store.path().string());
        const auto visitors = kiosk::seed_demo_visitors(store, day, now);
        if (visitors.tickets > 0)
            fmt::print("visiteurs : {} billets, {} entrées, {} sans billet\n", visitors.tickets,
                       visitors.checkins, visitors.walk_ins);
    });
}

} // namespace kioskctl
