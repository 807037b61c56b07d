#include "attendance_output.hpp"
#include "commands.hpp"
#include "kiosk/attendance_export.hpp"
#include "kiosk/purge.hpp"
#include "kiosk/site.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <memory>

namespace kioskctl {
namespace {

struct AttendanceOptions {
    std::string site, date, from, to, format = "table", chart;
    bool all_sites = false;
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

// A site this database has never heard of is more likely the wrong file than an empty period.
bool holds_site(kiosk::Store& store, const std::string& site)
{
    SQLite::Statement select(store.connection(),
                             "SELECT EXISTS (SELECT 1 FROM sessions WHERE site = ?1)");
    select.bind(1, site);
    return select.executeStep() && select.getColumn(0).getInt() != 0;
}

void attendance_command(CLI::App& app, Context& context)
{
    auto options = std::make_shared<AttendanceOptions>();
    auto* command = app.add_subcommand(
        "attendance", "présence : billets, entrées, sans billet, absents, refus et arrivées, par "
                      "session, par jour et par site");
    auto* site = command->add_option("--site", options->site,
                                     "site du rapport (défaut : celui de --config)");
    command->add_flag("--all-sites", options->all_sites, "les quatre sites ensemble")
        ->excludes(site);
    auto* date = command->add_option("--date", options->date, "un jour, AAAA-MM-JJ (défaut : "
                                                              "aujourd'hui)");
    command->add_option("--from", options->from, "début de la période, AAAA-MM-JJ")
        ->excludes(date);
    command->add_option("--to", options->to, "fin de la période (incluse), AAAA-MM-JJ")
        ->excludes(date);
    command->add_option("--format", options->format, "table (défaut), csv ou json")
        ->check(CLI::IsMember({"table", "csv", "json"}));
    command->callback([options, &context] {
        const auto scope = scope_from(*options, context);
        const auto rules = context.config() ? kiosk::CheckinRules::from(*context.config())
                                            : kiosk::CheckinRules{};
        auto store = context.open_store(kiosk::Access::ReadOnly);
        if (scope.site && !holds_site(store, *scope.site))
            throw UserError(fmt::format("cette base ne contient aucune session de {} : est-ce la "
                                        "bonne base (--db) ?",
                                        kiosk::find_site(*scope.site)->name));
        const auto report = kiosk::attendance(store, scope, rules, context.now());
        if (options->format == "csv")
            fmt::print("{}", kiosk::attendance_csv(report));
        else if (options->format == "json")
            fmt::print("{}\n", kiosk::attendance_json(report).dump(2));
        else
            fmt::print("{}", attendance_table(report));
        if (report.sessions.empty())
            fmt::print(stderr, "aucune session : {}\n", scope_title(scope));
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
        const auto counts = kiosk::purge_personal_data(store, day);
        fmt::print("effacé avant le {} : {} billet(s), {} entrée(s) sans billet, {} lecture(s)\n",
                   *before, counts.tickets, counts.walk_ins, counts.scans);
    });
}

} // namespace

void add_attendance_commands(CLI::App& app, Context& context)
{
    attendance_command(app, context);
    purge_command(app, context);
}

} // namespace kioskctl
