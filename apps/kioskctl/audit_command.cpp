// kioskctl audit: the trail of every change, read as a manager would ask for it — a period,
// a person, a session — in words, or as CSV and JSON for a spreadsheet or a script.

#include "commands.hpp"
#include "kiosk/base/csv.hpp"
#include "kiosk/reports/audit_trail.hpp"

#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>

namespace kioskctl {
namespace {

struct AuditOptions {
    std::string since, until, by, session, format = "text";
    int limit = 1000;
};

// "AAAA-MM-JJ" (the whole day: from its start, or until its end) or "AAAA-MM-JJ HH:MM".
kiosk::Instant bound(const std::string& option, const std::string& value, bool end_of_day)
{
    if (value.find(' ') != std::string::npos)
        return parse_instant_option(option, value);
    const auto range = kiosk::local_day_range(parse_day_option(option, value));
    return end_of_day ? range.end : range.begin;
}

nlohmann::ordered_json as_document(const std::string& text)
{
    auto parsed = nlohmann::ordered_json::parse(text, nullptr, false);
    return parsed.is_discarded() ? nlohmann::ordered_json(nullptr) : parsed;
}

void print_text(const std::vector<kiosk::AuditLine>& lines)
{
    if (lines.empty())
        fmt::print("aucune modification\n");
    for (const auto& line : lines)
        fmt::print("{}  {} {}\n", kiosk::format_local_datetime(line.entry.at), line.who, line.what);
}

void print_csv(const std::vector<kiosk::AuditLine>& lines)
{
    fmt::print("quand,qui,action,session,titre,quoi\r\n");
    for (const auto& line : lines)
        fmt::print("{},{},{},{},{},{}\r\n",
                   kiosk::csv_cell(kiosk::format_local_datetime(line.entry.at)),
                   kiosk::csv_cell(line.entry.actor), kiosk::csv_cell(line.entry.action),
                   kiosk::csv_cell(line.session ? line.session->to_string() : std::string()),
                   kiosk::csv_cell(line.session_title), kiosk::csv_cell(line.what));
}

void print_json(const std::vector<kiosk::AuditLine>& lines)
{
    auto rows = nlohmann::ordered_json::array();
    for (const auto& line : lines) {
        nlohmann::ordered_json row;
        row["at"] = kiosk::format_iso8601(line.entry.at);
        row["actor"] = line.entry.actor;
        row["action"] = line.entry.action;
        row["target"] = line.entry.target;
        row["session"] = line.session ? nlohmann::ordered_json(line.session->to_string()) : nullptr;
        row["session_title"] = line.session_title;
        row["what"] = line.what;
        row["before"] = as_document(line.entry.before);
        row["after"] = as_document(line.entry.after);
        rows.push_back(std::move(row));
    }
    fmt::print("{}\n", rows.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
}

} // namespace

void add_audit_command(CLI::App& app, Context& context)
{
    auto options = std::make_shared<AuditOptions>();
    auto* audit = app.add_subcommand(
        "audit", "le journal des modifications (console, kioskctl, synchronisation), du plus "
                 "récent au plus ancien");
    audit->add_option("--since", options->since,
                      "depuis ce jour (AAAA-MM-JJ) ou cet instant (\"AAAA-MM-JJ HH:MM\")");
    audit->add_option("--until", options->until,
                      "jusqu'à ce jour inclus (AAAA-MM-JJ) ou cet instant exclu");
    audit->add_option("--by", options->by, "les modifications de cette personne seulement");
    audit->add_option("--session", options->session,
                      "ce qui touche cette session : elle-même, ses billets et ses entrées");
    audit->add_option("--format", options->format, "text (défaut), csv ou json")
        ->check(CLI::IsMember({"text", "csv", "json"}));
    audit->add_option("--limit", options->limit, "au plus tant de lignes (défaut : 1000)")
        ->check(CLI::Range(1, kiosk::AuditQuery::max_limit));
    audit->callback([options, &context] {
        kiosk::AuditQuery query;
        if (!options->since.empty())
            query.since = bound("--since", options->since, false);
        if (!options->until.empty())
            query.until = bound("--until", options->until, true);
        if (query.since && query.until && *query.until <= *query.since)
            throw UserError("--until : la fin est avant le début (--since)");
        query.by = options->by;
        if (!options->session.empty())
            query.session = parse_session_id(options->session);
        query.limit = options->limit;
        auto store = context.open_store(kiosk::Access::ReadOnly);
        const auto lines = kiosk::describe_audit(store, kiosk::find_audit_entries(store, query));
        if (options->format == "csv")
            print_csv(lines);
        else if (options->format == "json")
            print_json(lines);
        else
            print_text(lines);
    });
}

} // namespace kioskctl
