#include "commands.hpp"
#include "kiosk/base/site.hpp"
#include "kiosk/schedule/schedule_import.hpp"

#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>

namespace kioskctl {
namespace {

using Entries = std::vector<kiosk::ImportEntry>;

std::string describe(const kiosk::ImportEntry& entry)
{
    std::string text = entry.start ? kiosk::format_local_datetime(*entry.start) + "  " : "";
    text += entry.title.empty() ? "(sans titre)" : entry.title;
    if (!entry.room.empty())
        text += fmt::format(" — {}", entry.room);
    if (entry.line > 0)
        text += fmt::format(" [ligne {}]", entry.line);
    if (!entry.reason.empty())
        text += fmt::format(" : {}", entry.reason);
    return text;
}

std::string plural(std::size_t count, std::string_view one, std::string_view many)
{
    return fmt::format("{} {}", count, count > 1 ? many : one);
}

std::string thousands(int count) // 10 000, as French writes it
{
    std::string digits = std::to_string(count);
    for (auto at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3)
        digits.insert(static_cast<std::size_t>(at), " ");
    return digits;
}

// Which ends of the range the command chose itself, so the report can say so.
struct RangeDefaults {
    bool from = false;
    bool to = false;
};

std::string range_line(const kiosk::ImportReport& report, RangeDefaults defaults)
{
    std::string out = fmt::format(
        "  Période importée : {}",
        kiosk::french_day_span(kiosk::local_day(report.range_begin),
                               kiosk::local_day(report.range_end - std::chrono::seconds{1})));
    if (defaults.from && defaults.to)
        out += " (par défaut : aujourd'hui et les 60 jours suivants ; --from et --to pour en "
               "choisir une autre)";
    else if (defaults.from)
        out += " (début par défaut : aujourd'hui)";
    else if (defaults.to)
        out += " (fin par défaut : 60 jours après le premier jour)";
    return out + "\n";
}

std::string outside_lines(const kiosk::OutsideRange& outside)
{
    std::string out;
    if (outside.occurrences > 0 || outside.at_least)
        out += fmt::format("  {}{} {} hors de la période, {}\n",
                           outside.at_least ? "au moins " : "", thousands(outside.occurrences),
                           outside.occurrences > 1 ? "occurrences" : "occurrence",
                           outside.occurrences > 1 ? "non importées" : "non importée");
    for (const auto& entry : outside.endless)
        out += fmt::format("  {}{} se répète sans fin : ses occurrences après la période ne "
                           "sont pas comptées\n",
                           entry.title.empty() ? "(sans titre)" : "« " + entry.title + " »",
                           entry.line > 0 ? fmt::format(" [ligne {}]", entry.line) : "");
    return out;
}

std::string as_text(const kiosk::ImportReport& report, RangeDefaults defaults)
{
    std::string out = fmt::format(
        "{} → {}, sessions du {} au {} :\n", report.file, kiosk::site_name(report.site),
        kiosk::format_day(kiosk::local_day(report.range_begin)),
        kiosk::format_day(kiosk::local_day(report.range_end - std::chrono::seconds{1})));
    out += range_line(report, defaults);
    out += fmt::format(
        "  {}, {}, {}, {}, {}, {}\n", plural(report.added.size(), "ajoutée", "ajoutées"),
        plural(report.updated.size(), "mise à jour", "mises à jour"),
        plural(report.cancelled.size(), "annulée", "annulées"),
        plural(report.removed.size(), "supprimée", "supprimées"),
        plural(report.skipped.size(), "ignorée", "ignorées"),
        plural(static_cast<std::size_t>(report.unchanged), "inchangée", "inchangées"));
    const std::pair<const Entries*, std::string_view> groups[] = {{&report.added, "+"},
                                                                  {&report.updated, "~"},
                                                                  {&report.cancelled, "x"},
                                                                  {&report.removed, "-"},
                                                                  {&report.skipped, "!"}};
    for (const auto& [entries, mark] : groups)
        for (const auto& entry : *entries)
            out += fmt::format("  {} {}\n", mark, describe(entry));
    out += outside_lines(report.outside_range);
    if (report.mode == kiosk::ImportMode::DryRun)
        out += "simulation (--dry-run) : rien n'a été modifié\n";
    return out;
}

nlohmann::ordered_json as_json(const Entries& entries)
{
    auto list = nlohmann::ordered_json::array();
    for (const auto& entry : entries) {
        nlohmann::ordered_json item;
        item["uid"] = entry.uid;
        item["title"] = entry.title;
        item["start"] =
            entry.start ? nlohmann::ordered_json(kiosk::format_iso8601(*entry.start)) : nullptr;
        item["room"] = entry.room;
        item["line"] = entry.line > 0 ? nlohmann::ordered_json(entry.line) : nullptr;
        item["reason"] = entry.reason;
        list.push_back(std::move(item));
    }
    return list;
}

std::string as_json(const kiosk::ImportReport& report, RangeDefaults defaults)
{
    nlohmann::ordered_json document;
    document["file"] = report.file;
    document["site"] = report.site;
    document["from"] = kiosk::format_iso8601(report.range_begin);
    document["to"] = kiosk::format_iso8601(report.range_end);
    document["range_default"] = {{"from", defaults.from}, {"to", defaults.to}};
    document["dry_run"] = report.mode == kiosk::ImportMode::DryRun;
    document["added"] = as_json(report.added);
    document["updated"] = as_json(report.updated);
    document["cancelled"] = as_json(report.cancelled);
    document["removed"] = as_json(report.removed);
    document["skipped"] = as_json(report.skipped);
    document["unchanged"] = report.unchanged;
    document["outside_range"] = report.outside_range.occurrences;
    document["outside_range_at_least"] = report.outside_range.at_least;
    document["repeating_without_end"] = as_json(report.outside_range.endless);
    return document.dump(2);
}

struct ImportArguments {
    std::string file, site, from, to, default_kind = "atelier";
    bool dry_run = false, json = false;
};

void import_command(CLI::App& group, Context& context)
{
    auto arguments = std::make_shared<ImportArguments>();
    auto* command = group.add_subcommand(
        "import", "importe un agenda (.ics) ou un tableau (.csv) : tout ou rien");
    command->add_option("file", arguments->file, "fichier .ics ou .csv")->required();
    command->add_option("--site", arguments->site, "site (défaut : celui de --config)");
    command->add_option("--from", arguments->from, "premier jour importé (défaut : aujourd'hui)");
    command->add_option("--to", arguments->to,
                        "dernier jour importé, inclus (défaut : aujourd'hui + 60 jours)");
    command->add_option("--default-kind", arguments->default_kind,
                        "type quand aucune catégorie ne le donne (défaut : atelier)");
    command->add_flag("--dry-run", arguments->dry_run, "affiche le compte rendu sans rien changer");
    command->add_flag("--json", arguments->json, "compte rendu en JSON");
    command->callback([arguments, &context] {
        kiosk::ImportOptions options;
        options.site = context.site(arguments->site);
        const auto kind = kiosk::parse_kind(arguments->default_kind);
        if (!kind)
            throw UserError(fmt::format("--default-kind : type inconnu « {} » (atelier, live, "
                                        "coaching, privee)",
                                        arguments->default_kind));
        options.default_kind = *kind;
        const auto from = arguments->from.empty() ? kiosk::local_day(context.now())
                                                  : parse_day_option("--from", arguments->from);
        const auto to = arguments->to.empty() ? kiosk::Day{date::sys_days{from} + date::days{60}}
                                              : parse_day_option("--to", arguments->to);
        if (date::sys_days{to} < date::sys_days{from})
            throw UserError("--to : le dernier jour est avant le premier (--from)");
        options.range_begin = kiosk::local_day_range(from).begin;
        options.range_end = kiosk::local_day_range(to).end;
        if (context.config() && context.config()->site_id == options.site)
            options.room_capacity = context.config()->room_capacity;
        options.mode = arguments->dry_run ? kiosk::ImportMode::DryRun : kiosk::ImportMode::Apply;

        auto store = context.open_store(arguments->dry_run ? kiosk::Access::ReadOnly
                                                           : kiosk::Access::ReadWrite);
        options.by = context.actor();
        const auto report = kiosk::import_schedule(store, arguments->file, options, context.now());
        if (!report)
            throw UserError("import refusé, rien n'a changé : " + report.error().to_string());
        const RangeDefaults defaults{arguments->from.empty(), arguments->to.empty()};
        fmt::print("{}", arguments->json ? as_json(*report, defaults) + "\n"
                                         : as_text(*report, defaults));
    });
}

} // namespace

void add_schedule_commands(CLI::App& app, Context& context)
{
    auto* schedule = app.add_subcommand("schedule", "le programme du site : importer un agenda");
    schedule->require_subcommand(1);
    import_command(*schedule, context);
}

} // namespace kioskctl
