#include "attendance_output.hpp"
#include "commands.hpp"
#include "trained_output.hpp"
#include "kiosk/base/site.hpp"
#include "kiosk/reports/attendance_export.hpp"
#include "kiosk/reports/people_trained_export.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk/store/purge.hpp"
#include "kiosk_print/attendance_chart.hpp"
#include "kiosk_print/output_file.hpp"
#include "kiosk_print/trained_chart.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <memory>
#include <optional>
#include <sstream>

namespace kioskctl {
namespace {

struct AttendanceOptions {
    std::string site, date, from, to, format = "table", chart, chart_size = "1200x800", fonts;
    bool all_sites = false;
    bool trained = false;
};

kiosk::AttendanceScope scope_from(const AttendanceOptions& options, Context& context)
{
    kiosk::AttendanceScope scope;
    if (!options.all_sites) {
        scope.site = context.site(options.site);
    }
    if (!options.date.empty()) {
        scope.from = scope.to = parse_day_option("--date", options.date);
    } else if (!options.from.empty() || !options.to.empty()) {
        if (options.from.empty() || options.to.empty())
            throw UserError("une période se donne avec --from et --to ensemble");
        scope.from = parse_day_option("--from", options.from);
        scope.to = parse_day_option("--to", options.to);
        if (scope.to < scope.from)
            throw UserError(fmt::format("période vide : --to {} est avant --from {}", options.to,
                                        options.from));
    } else {
        scope.from = scope.to = kiosk::local_day(context.now());
    }
    return scope;
}

struct ChartTarget {
    std::filesystem::path path;
    kiosk_print::Format format;
    kiosk_print::Size size;
};

ChartTarget chart_target(const std::string& path, const std::string& size)
{
    ChartTarget target{path, kiosk_print::Format::Png, {}};
    const auto extension = target.path.extension().string();
    if (extension == ".png")
        target.format = kiosk_print::Format::Png;
    else if (extension == ".pdf")
        target.format = kiosk_print::Format::Pdf;
    else if (extension == ".svg")
        target.format = kiosk_print::Format::Svg;
    else
        throw UserError(fmt::format("--chart {} : le nom doit finir par .png, .pdf ou .svg", path));
    int width = 0;
    int height = 0;
    char separator = 0;
    std::istringstream text(size);
    if (!(text >> width >> separator >> height) || separator != 'x' || !text.eof() ||
        width < 320 || height < 240 || width > 8000 || height > 8000)
        throw UserError(fmt::format("--chart-size {} : attendu LARGEURxHAUTEUR, de 320x240 à "
                                    "8000x8000",
                                    size));
    target.size = {static_cast<double>(width), static_cast<double>(height)};
    return target;
}

void write_chart(const kiosk::AttendanceReport& report, const ChartTarget& target,
                 const std::string& fonts_option)
{
    const auto fonts = kiosk_print::Fonts::load(kiosk_print::font_directory(fonts_option));
    kiosk_print::Canvas canvas(target.format, target.size, fonts);
    kiosk_print::draw_attendance_chart(
        canvas, kiosk_print::chart_data(report, "Présence — " + kiosk::describe_scope(report.scope)));
    try {
        kiosk_print::write_file_atomically(target.path, canvas.finish());
    } catch (const kiosk_print::OutputError& error) {
        throw UserError(error.what());
    }
}

void write_trained_chart(const kiosk::PeopleTrained& report, const ChartTarget& target,
                         const std::string& fonts_option)
{
    const auto fonts = kiosk_print::Fonts::load(kiosk_print::font_directory(fonts_option));
    kiosk_print::Canvas canvas(target.format, target.size, fonts);
    kiosk_print::draw_people_trained_chart(
        canvas, report,
        fmt::format("Personnes formées — du {} au {}", kiosk::format_day(report.from),
                    kiosk::format_day(report.to)));
    try {
        kiosk_print::write_file_atomically(target.path, canvas.finish());
    } catch (const kiosk_print::OutputError& error) {
        throw UserError(error.what());
    }
}

// `attendance --trained`: distinct people over a period, all sites and online together.
void trained_report(const AttendanceOptions& options, Context& context,
                    const std::optional<ChartTarget>& chart)
{
    if (options.from.empty() || options.to.empty())
        throw UserError("--trained se donne avec une période : --from et --to");
    const auto from = parse_day_option("--from", options.from);
    const auto to = parse_day_option("--to", options.to);
    if (to < from)
        throw UserError(fmt::format("période vide : --to {} est avant --from {}", options.to,
                                    options.from));
    auto store = context.open_store(kiosk::Access::ReadOnly);
    const auto report = kiosk::people_trained(store, from, to);
    if (options.format == "csv")
        fmt::print("{}", kiosk::people_trained_csv(report));
    else if (options.format == "json")
        fmt::print("{}\n", kiosk::people_trained_json(report).dump(2));
    else
        fmt::print("{}", people_trained_table(report));
    if (chart)
        write_trained_chart(report, *chart, options.fonts);
}

void attendance_command(CLI::App& app, Context& context)
{
    auto options = std::make_shared<AttendanceOptions>();
    auto* command = app.add_subcommand(
        "attendance", "présence : billets, entrées, sans billet, absents, refus et arrivées, par "
                      "session, par jour et par site");
    auto* site = command->add_option("--site", options->site,
                                     "site du rapport (défaut : celui de --config)");
    auto* all_sites =
        command->add_flag("--all-sites", options->all_sites, "les quatre sites ensemble")
            ->excludes(site);
    command
        ->add_flag("--trained", options->trained,
                   "personnes formées (distinctes) sur la période --from/--to : sur place, sans "
                   "billet et en ligne, par mois, par type et par site")
        ->excludes(site)
        ->excludes(all_sites);
    auto* date = command->add_option("--date", options->date, "un jour, AAAA-MM-JJ (défaut : "
                                                              "aujourd'hui)");
    command->add_option("--from", options->from, "début de la période, AAAA-MM-JJ")
        ->excludes(date);
    command->add_option("--to", options->to, "fin de la période (incluse), AAAA-MM-JJ")
        ->excludes(date);
    command->add_option("--format", options->format, "table (défaut), csv ou json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    command->add_option("--chart", options->chart,
                        "dessine aussi le graphique dans ce fichier (.png, .pdf ou .svg)");
    command->add_option("--chart-size", options->chart_size,
                        "taille du graphique, LARGEURxHAUTEUR en pixels (PNG) ou points "
                        "(PDF, SVG) ; défaut 1200x800");
    command->add_option("--fonts", options->fonts,
                        "dossier des polices (défaut : celles du programme)");
    add_import_online_command(*command, context);
    command->callback([options, command, &context] {
        if (command->get_subcommands().size() > 0)
            return; // import-online did the work
        if (options->trained) {
            const auto chart = options->chart.empty() ? std::nullopt
                                                      : std::optional(chart_target(
                                                            options->chart, options->chart_size));
            trained_report(*options, context, chart);
            return;
        }
        const auto scope = scope_from(*options, context);
        // Checked before any work, so a bad name or size is not found after the report.
        const auto chart = options->chart.empty()
                               ? std::nullopt
                               : std::optional(chart_target(options->chart, options->chart_size));
        const auto rules = context.config() ? kiosk::CheckinRules::from(*context.config())
                                            : kiosk::CheckinRules{};
        auto store = context.open_store(kiosk::Access::ReadOnly);
        if (scope.site && !kiosk::SessionStore(store).knows_site(*scope.site))
            throw UserError(fmt::format("cette base ne contient aucune session de {} : est-ce la "
                                        "bonne base (--db) ?",
                                        kiosk::site_name(*scope.site)));
        const auto report = kiosk::attendance(store, scope, rules, context.now());
        if (options->format == "csv")
            fmt::print("{}", kiosk::attendance_csv(report));
        else if (options->format == "json")
            fmt::print("{}\n", kiosk::attendance_json(report).dump(2));
        else
            fmt::print("{}", attendance_table(report));
        if (report.sessions.empty())
            fmt::print(stderr, "aucune session : {}\n", kiosk::describe_scope(scope));
        if (chart)
            write_chart(report, *chart, options->fonts);
    });
}

void purge_command(CLI::App& app, Context& context)
{
    auto before = std::make_shared<std::string>();
    auto* command = app.add_subcommand(
        "purge", "efface les noms, e-mails, notes et textes lus avant une date (RGPD) ; les "
                 "comptes des rapports restent justes");
    command->add_option("--before", *before, "date, AAAA-MM-JJ : ce qui précède est effacé")
        ->required();
    command->callback([before, &context] {
        const auto day = parse_day_option("--before", *before);
        if (day > kiosk::local_day(context.now()))
            throw UserError(fmt::format("--before {} est dans le futur : rien ne serait gardé des "
                                        "sessions à venir",
                                        *before));
        auto store = context.open_store(kiosk::Access::ReadWrite);
        const auto counts =
            kiosk::purge_personal_data(store, day, {context.actor(), context.now()});
        fmt::print("effacé avant le {} : {} billet(s), {} entrée(s) sans billet, {} lecture(s), "
                   "{} participant(s) en ligne\n",
                   *before, counts.tickets, counts.walk_ins, counts.scans, counts.online);
    });
}

} // namespace

void add_attendance_commands(CLI::App& app, Context& context)
{
    attendance_command(app, context);
    purge_command(app, context);
}

} // namespace kioskctl
