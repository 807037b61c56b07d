// kioskctl backup / restore / check: keeping the site database safe on a box that may lose
// power or its SD card at any time.

#include "commands.hpp"
#include "kiosk/store/backup.hpp"
#include "kiosk/store/database_health.hpp"
#include "open_files.hpp"

#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

namespace kioskctl {
namespace {

// A copy on the same disk as the database dies with it: that is what --other-disk refuses.
bool same_device(const std::filesystem::path& first, const std::filesystem::path& second)
{
    struct stat a {};
    struct stat b {};
    return ::stat(first.c_str(), &a) == 0 && ::stat(second.c_str(), &b) == 0 && a.st_dev == b.st_dev;
}

struct BackupOptions {
    std::string to;
    int keep = 14;
    bool other_disk = false;
};

void add_backup(CLI::App& app, Context& context)
{
    auto options = std::make_shared<BackupOptions>();
    auto* backup = app.add_subcommand(
        "backup", "copie la base (pendant que le kiosque tourne), vérifie la copie, garde les N "
                  "plus récentes");
    backup->add_option("--to", options->to, "dossier des sauvegardes (clé USB, disque, partage)")
        ->required();
    backup->add_option("--keep", options->keep, "nombre de sauvegardes gardées (défaut 14)")
        ->check(CLI::Range(1, 10000));
    backup->add_flag("--other-disk", options->other_disk,
                     "refuse un dossier sur le même disque que la base (disque non monté…)");
    backup->callback([options, &app, &context] {
        const auto database = database_option(app);
        const std::filesystem::path directory = options->to;
        const auto database_directory = std::filesystem::absolute(database).parent_path();
        if (options->other_disk) {
            if (!std::filesystem::is_directory(directory))
                throw UserError(fmt::format("{} n'existe pas : le disque de sauvegarde est-il "
                                            "branché et monté ?",
                                            directory.string()));
            if (same_device(directory, database_directory))
                throw UserError(fmt::format("{} est sur le même disque que la base : le disque "
                                            "de sauvegarde n'est pas monté ?",
                                            directory.string()));
        }
        const auto copy =
            kiosk::back_up(database, directory, kiosk::BackupKind::Nightly, context.now());
        if (!copy)
            throw UserError(copy.error());
        fmt::print("sauvegarde vérifiée : {}\n", copy->string());
        for (const auto& removed :
             kiosk::prune_backups(directory, kiosk::BackupKind::Nightly, options->keep))
            fmt::print("ancienne sauvegarde supprimée : {}\n", removed.filename().string());
        if (same_device(directory, database_directory))
            fmt::print(stderr, "kioskctl : attention, {} est sur le même disque que la base : "
                               "cette copie ne survivra pas à la carte SD\n",
                       directory.string());
    });
}

void add_restore(CLI::App& app, Context& context)
{
    auto file = std::make_shared<std::string>();
    auto safety = std::make_shared<std::string>();
    auto* restore = app.add_subcommand(
        "restore", "remet une sauvegarde à la place de la base (vérifiée d'abord ; la base "
                   "actuelle est copiée avant)");
    restore->add_option("file", *file, "la sauvegarde à remettre")->required();
    restore->add_option("--safety-dir", *safety,
                        "où copier la base actuelle d'abord (défaut : sauvegardes/ à côté "
                        "de la base)");
    restore->callback([file, safety, &app, &context] {
        const auto database = database_option(app);
        // The board and the camera would keep writing into what is being replaced.
        const auto users = processes_using(database);
        if (!users.empty())
            throw UserError(fmt::format(
                "restauration refusée, rien n'a changé : la base est ouverte par {} ; arrêtez "
                "d'abord le kiosque (systemctl stop atelier-display atelier-checkin "
                "atelier-console atelier-sync)",
                users));
        const std::filesystem::path safety_directory =
            safety->empty() ? std::filesystem::absolute(database).parent_path() / "sauvegardes"
                            : std::filesystem::path(*safety);
        const auto restored = kiosk::restore(database, *file, safety_directory, context.now());
        if (!restored)
            throw UserError(restored.error());
        // The restored database says in its own trail where it came from, and who put it back.
        {
            auto store = context.open_store(kiosk::Access::ReadWrite);
            store.write([&] {
                context.audit(
                    store, "database.restore", std::filesystem::path(*file).filename().string(),
                    "", nlohmann::ordered_json{{"safety_copy", restored->safety_copy.string()}}.dump());
            });
        }
        if (!restored->safety_copy.empty())
            fmt::print("base d'avant copiée dans {}\n", restored->safety_copy.string());
        fmt::print("sauvegarde {} remise en place (schéma {}, maintenant {})\n", *file,
                   restored->restored_schema, restored->schema);
    });
}

struct CheckOptions {
    double minimum_free_mb = 200;
    double maximum_wal_mb = 64;
    bool json = false;
    bool config_only = false;
};

void add_check(CLI::App& app, Context& context)
{
    auto options = std::make_shared<CheckOptions>();
    auto* check = app.add_subcommand(
        "check", "vérifie la base (intégrité, schéma, espace disque, journal) et la "
                 "configuration ; code 1 s'il y a un problème");
    check->add_option("--min-free-mb", options->minimum_free_mb,
                      "espace libre minimal avant alerte (défaut 200)");
    check->add_option("--max-wal-mb", options->maximum_wal_mb,
                      "taille du journal WAL avant alerte (défaut 64)");
    check->add_flag("--config-only", options->config_only, "ne vérifie que la configuration");
    check->add_flag("--json", options->json, "sortie JSON");
    check->callback([options, &app, &context] {
        // A typo in the configuration throws here, with its file, line and column.
        const auto& config = context.config();
        if (options->config_only) {
            if (!config)
                throw UserError("aucune configuration : --config FICHIER ou KIOSK_CONFIG");
            fmt::print("configuration : site {} ({}), appareil « {} »\n", config->site_id,
                       config->display_name, config->device);
            return;
        }
        kiosk::HealthLimits limits;
        limits.minimum_free_bytes = static_cast<std::uintmax_t>(options->minimum_free_mb * 1048576);
        limits.maximum_wal_bytes = static_cast<std::uintmax_t>(options->maximum_wal_mb * 1048576);
        const auto report = kiosk::check_database(database_option(app), limits);
        if (options->json) {
            nlohmann::ordered_json document;
            document["ok"] = !report.has_problem();
            document["schema"] = report.schema_version;
            document["latest_schema"] = report.latest_schema_version;
            document["free_bytes"] = report.free_bytes;
            document["wal_bytes"] = report.wal_bytes;
            auto& findings = document["findings"] = nlohmann::json::array();
            for (const auto& finding : report.findings)
                findings.push_back({{"topic", finding.topic},
                                    {"severity", finding.severity == kiosk::Severity::Ok ? "ok"
                                                 : finding.severity == kiosk::Severity::Warning
                                                     ? "attention"
                                                     : "probleme"},
                                    {"message", finding.message}});
            fmt::print("{}\n", document.dump(2));
        } else {
            if (config)
                fmt::print("ok         configuration : site {}\n", config->site_id);
            for (const auto& finding : report.findings)
                fmt::print("{:<10} {}\n",
                           finding.severity == kiosk::Severity::Ok        ? "ok"
                           : finding.severity == kiosk::Severity::Warning ? "ATTENTION"
                                                                          : "PROBLÈME",
                           finding.message);
        }
        context.set_exit_code(report.has_problem() ? 1 : 0);
    });
}

} // namespace

void add_backup_commands(CLI::App& app, Context& context)
{
    add_backup(app, context);
    add_restore(app, context);
    add_check(app, context);
}

} // namespace kioskctl
