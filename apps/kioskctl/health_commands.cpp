// `kioskctl health`: what the console's health page shows, for a terminal or a monitoring
// script (exit status 1 when something needs staff), and the office's view of the four sites.

#include "commands.hpp"
#include "kiosk/sync/sync.hpp"
#include "kiosk/platform/runtime.hpp"
#include "kiosk/reports/site_health.hpp"

#include <chrono>
#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>

namespace kioskctl {
namespace {

std::string_view severity_word(kiosk::Severity severity)
{
    switch (severity) {
    case kiosk::Severity::Ok: return "ok";
    case kiosk::Severity::Warning: return "ATTENTION";
    case kiosk::Severity::Problem: break;
    }
    return "PROBLÈME";
}

nlohmann::ordered_json findings_json(const std::vector<kiosk::HealthFinding>& findings)
{
    auto list = nlohmann::ordered_json::array();
    for (const auto& finding : findings)
        list.push_back({{"severity", kiosk::severity_name(finding.severity)},
                        {"topic", finding.topic},
                        {"message", finding.message}});
    return list;
}

nlohmann::ordered_json instant_json(const std::optional<kiosk::Instant>& instant)
{
    return instant ? nlohmann::ordered_json(kiosk::format_iso8601(*instant)) : nullptr;
}

nlohmann::ordered_json board_json(const kiosk::BoardHealth& board)
{
    const auto at = board.picture_at
                        ? std::optional(std::chrono::round<std::chrono::seconds>(*board.picture_at))
                        : std::nullopt;
    return {{"condition", kiosk::board_condition_name(board.condition)},
            {"picture_at", instant_json(at)},
            {"picture_width", board.picture ? board.picture->size.width : 0},
            {"picture_height", board.picture ? board.picture->size.height : 0},
            {"picture_problem", board.picture_problem}};
}

void print_findings(const std::vector<kiosk::HealthFinding>& findings)
{
    for (const auto& finding : findings)
        fmt::print("  {:<10} {:<8} {}\n", severity_word(finding.severity), finding.topic,
                   finding.message);
}

void show_site(const kiosk::SiteHealth& health, bool as_json)
{
    if (as_json) {
        nlohmann::ordered_json document{
            {"site", health.site},
            {"measured_at", kiosk::format_iso8601(health.measured_at)},
            {"severity", kiosk::severity_name(health.severity())},
            {"camera",
             {{"condition", kiosk::camera_condition_name(health.camera.condition)},
              {"fps", health.camera.frames_per_second},
              {"last_frame", instant_json(health.camera.last_frame)},
              {"last_scan", instant_json(health.camera.last_scan)},
              {"source", health.camera.source},
              {"last_error", health.camera.last_error}}},
            {"board", board_json(health.board)},
            {"free_bytes", health.free_bytes},
            {"schedule_changed_at", instant_json(health.schedule_changed_at)},
            {"last_sync_received", instant_json(health.last_sync_received)},
            {"office", health.office.empty() ? nlohmann::ordered_json(nullptr)
                                             : nlohmann::ordered_json(health.office)},
            {"waiting", health.waiting},
            {"findings", findings_json(health.findings)}};
        fmt::print("{}\n", document.dump(2));
        return;
    }
    fmt::print("{} — {}, relevé du {}\n", health.site, severity_word(health.severity()),
               kiosk::format_local_datetime(health.measured_at));
    print_findings(health.findings);
}

void show_sites(const std::vector<kiosk::SiteOverview>& overviews, bool as_json)
{
    if (as_json) {
        auto list = nlohmann::ordered_json::array();
        for (const auto& site : overviews)
            list.push_back({{"site", site.site},
                            {"severity", kiosk::severity_name(site.severity())},
                            {"last_contact", instant_json(site.last_contact)},
                            {"waiting", site.waiting},
                            {"device_retired_at", instant_json(site.device_retired_at)},
                            {"last_bundle_made", instant_json(site.last_bundle_made)},
                            {"last_bundle_received", instant_json(site.last_bundle_received)},
                            {"health_measured_at", instant_json(site.health_measured_at)},
                            {"camera", site.camera ? nlohmann::ordered_json(
                                                         kiosk::camera_condition_name(*site.camera))
                                                   : nullptr},
                            {"board", site.board ? nlohmann::ordered_json(
                                                       kiosk::board_condition_name(*site.board))
                                                 : nullptr},
                            {"board_picture_at", instant_json(site.board_picture_at)},
                            {"last_scan", instant_json(site.last_scan)},
                            {"checked_in_today", site.checked_in_today},
                            {"findings", findings_json(site.findings)}});
        fmt::print("{}\n", list.dump(2));
        return;
    }
    for (const auto& site : overviews) {
        fmt::print("{} — {}, dernier contact : {}, à envoyer : {}, dernier envoi : {}, entrées "
                   "du jour : {}\n",
                   site.site, severity_word(site.severity()),
                   site.last_contact ? kiosk::format_local_datetime(*site.last_contact)
                                     : std::string("jamais"),
                   site.waiting,
                   site.last_bundle_made ? kiosk::format_local_datetime(*site.last_bundle_made)
                                         : std::string("jamais"),
                   site.checked_in_today);
        print_findings(site.findings);
    }
}

} // namespace

std::filesystem::path runtime_dir_option(const std::string& value)
{
    return value.empty() ? kiosk::default_runtime_dir() : std::filesystem::path(value);
}

void add_health_commands(CLI::App& app, Context& context)
{
    struct Options {
        std::string site, runtime_dir, format = "text";
        bool record = false, sites = false;
    };
    auto options = std::make_shared<Options>();
    auto* command = app.add_subcommand(
        "health", "l'état du kiosque : caméra, écran, disque, données, synchronisation (statut 1 "
                  "s'il y a un problème)");
    command->add_option("--site", options->site, "site (défaut : celui de --config)");
    command->add_option("--runtime-dir", options->runtime_dir,
                       "dossier où la caméra et le tableau écrivent leur état (défaut : "
                       "/run/atelier-kiosk)");
    command->add_flag("--record", options->record,
                     "garde ce relevé dans la base : le prochain paquet l'apporte au siège");
    command->add_flag("--sites", options->sites,
                     "au siège : les quatre sites, d'après ce que la synchronisation a rapporté");
    command->add_option("--format", options->format, "text ou json")
        ->check(CLI::IsMember({"text", "json"}));
    command->callback([options, &context] {
        const bool as_json = options->format == "json";
        if (options->sites) {
            auto store = context.open_store(kiosk::Access::ReadOnly);
            const auto now = context.now();
            const auto overviews = kiosk::site_overviews(store, kiosk::local_day(now), now);
            show_sites(overviews, as_json);
            for (const auto& site : overviews)
                if (site.severity() == kiosk::Severity::Problem)
                    context.set_exit_code(1);
            return;
        }
        if (options->site.empty() && !context.config()) {
            // At the office there is no site of its own: the four are what it looks at.
            auto store = context.open_store(kiosk::Access::ReadOnly);
            const auto identity = kiosk::Sync(store).identity();
            if (identity && identity->name == kiosk::office_name)
                throw UserError("au siège, « kioskctl health --sites » montre les quatre sites "
                                "(ou --site SITE pour un seul)");
        }
        const auto site = context.site(options->site);
        auto store = context.open_store(options->record ? kiosk::Access::ReadWrite
                                                        : kiosk::Access::ReadOnly);
        const auto health =
            kiosk::measure_site_health(store, site, runtime_dir_option(options->runtime_dir),
                                       context.now(), std::chrono::system_clock::now());
        if (options->record)
            kiosk::record_site_health(store, health);
        show_site(health, as_json);
        if (health.severity() == kiosk::Severity::Problem)
            context.set_exit_code(1);
    });
}

} // namespace kioskctl
