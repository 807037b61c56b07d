#include "kiosk/reports/attendance_export.hpp"

#include "kiosk/base/csv.hpp"
#include "kiosk/reports/labels.hpp"

#include <array>
#include <fmt/format.h>
#include <utility>

namespace kiosk {
namespace {

template <typename Fields> std::string csv_line(const Fields& fields)
{
    std::string line;
    for (const auto& field : fields) {
        if (!line.empty())
            line += ',';
        line += csv_cell(field);
    }
    return line + "\r\n";
}

std::string optional_number(const std::optional<int>& value)
{
    return value ? std::to_string(*value) : std::string();
}

std::string optional_time(const std::optional<Instant>& value)
{
    return value ? format_local_hm(*value) : std::string();
}

std::string measure(const SessionAttendance& row)
{
    if (row.session.status == Status::Cancelled)
        return "annulée";
    return row.measured ? "mesuré" : "non mesuré";
}

int refusal_count(const std::map<Verdict, int>& refusals)
{
    int total = 0;
    for (const auto& [verdict, count] : refusals)
        total += count;
    return total;
}

nlohmann::ordered_json json_refusals(const std::map<Verdict, int>& refusals)
{
    nlohmann::ordered_json document = nlohmann::ordered_json::object();
    for (const Verdict verdict : refusal_verdicts())
        if (const auto found = refusals.find(verdict); found != refusals.end())
            document[std::string(to_string(verdict))] = found->second;
    return document;
}

nlohmann::ordered_json json_arrivals(const ArrivalCurve& curve)
{
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& [offset, count] : curve)
        list.push_back({{"offset_min", offset}, {"count", count}});
    return list;
}

nlohmann::ordered_json json_optional(const auto& value)
{
    if (value)
        return *value;
    return nullptr;
}

nlohmann::ordered_json json_totals(const AttendanceTotals& totals)
{
    nlohmann::ordered_json document;
    document["sessions"] = totals.sessions;
    document["capacity"] = totals.capacity;
    document["tickets"] = totals.tickets;
    document["checked_in"] = totals.checked_in;
    document["walk_ins"] = totals.walk_ins;
    document["no_shows"] = totals.no_shows;
    document["attendance_rate"] = json_optional(totals.attendance_rate());
    document["refusals"] = json_refusals(totals.refusals);
    document["arrivals"] = json_arrivals(totals.arrivals);
    return document;
}

nlohmann::ordered_json json_session(const SessionAttendance& row)
{
    const Session& session = row.session;
    nlohmann::ordered_json document;
    document["id"] = session.id.to_string();
    document["site"] = json_optional(session.site);
    document["date"] = format_day(local_day(session.start));
    document["start"] = format_iso8601(session.start);
    document["end"] = format_iso8601(session.end);
    document["delay_min"] = session.delay_minutes;
    document["kind"] = std::string(to_string(session.kind));
    document["status"] = std::string(to_string(session.status));
    document["title"] = session.title;
    document["room"] = session.room;
    document["capacity"] = json_optional(session.capacity);
    document["measured"] = row.measured;
    document["tickets"] = row.tickets;
    document["checked_in"] = row.checked_in;
    document["walk_ins"] = row.walk_ins;
    document["no_shows"] = json_optional(row.no_shows);
    document["attendance_rate"] = json_optional(row.attendance_rate);
    document["first_arrival"] =
        row.first_arrival ? nlohmann::ordered_json(format_iso8601(*row.first_arrival)) : nullptr;
    document["last_arrival"] =
        row.last_arrival ? nlohmann::ordered_json(format_iso8601(*row.last_arrival)) : nullptr;
    document["refusals"] = json_refusals(row.refusals);
    document["arrivals"] = json_arrivals(row.arrivals);
    return document;
}

} // namespace


std::string attendance_csv(const AttendanceReport& report)
{
    std::vector<std::string> header{"site",     "date",          "début",         "fin",
                                    "type",     "titre",         "salle",         "capacité",
                                    "billets",  "entrées",       "sans billet",   "absents",
                                    "mesure",   "taux",          "première arrivée",
                                    "dernière arrivée",          "refus"};
    for (const Verdict verdict : refusal_verdicts())
        header.push_back(fmt::format("refus : {}", verdict_label(verdict)));

    std::string text = "\xEF\xBB\xBF" + csv_line(header);
    for (const auto& row : report.sessions) {
        const Session& session = row.session;
        std::vector<std::string> fields{
            session.site.value_or("national"),
            format_day(local_day(session.start)),
            format_local_hm(session.effective_start()),
            format_local_hm(session.effective_end()),
            std::string(to_string(session.kind)),
            session.title,
            session.room,
            optional_number(session.capacity),
            std::to_string(row.tickets),
            std::to_string(row.checked_in),
            std::to_string(row.walk_ins),
            optional_number(row.no_shows),
            measure(row),
            row.attendance_rate ? fmt::format("{:.4f}", *row.attendance_rate) : std::string(),
            optional_time(row.first_arrival),
            optional_time(row.last_arrival),
            std::to_string(refusal_count(row.refusals)),
        };
        for (const Verdict verdict : refusal_verdicts()) {
            const auto found = row.refusals.find(verdict);
            fields.push_back(std::to_string(found == row.refusals.end() ? 0 : found->second));
        }
        text += csv_line(fields);
    }
    return text;
}

nlohmann::ordered_json attendance_json(const AttendanceReport& report)
{
    nlohmann::ordered_json document;
    document["format"] = "atelier-kiosk/attendance";
    document["version"] = 1;
    document["scope"] = {{"site", json_optional(report.scope.site)},
                         {"from", format_day(report.scope.from)},
                         {"to", format_day(report.scope.to)}};
    document["computed_at"] = format_iso8601(report.computed_at);
    auto& sessions = document["sessions"] = nlohmann::ordered_json::array();
    for (const auto& row : report.sessions)
        sessions.push_back(json_session(row));
    auto& per_day = document["per_day"] = nlohmann::ordered_json::array();
    for (const auto& entry : report.per_day) {
        auto item = nlohmann::ordered_json{{"date", format_day(*entry.day)},
                                           {"site", entry.site.empty()
                                                        ? nlohmann::ordered_json(nullptr)
                                                        : nlohmann::ordered_json(entry.site)}};
        item.update(json_totals(entry.totals));
        per_day.push_back(std::move(item));
    }
    auto& per_site = document["per_site"] = nlohmann::ordered_json::array();
    for (const auto& entry : report.per_site) {
        auto item = nlohmann::ordered_json{{"site", entry.site.empty()
                                                        ? nlohmann::ordered_json(nullptr)
                                                        : nlohmann::ordered_json(entry.site)}};
        item.update(json_totals(entry.totals));
        per_site.push_back(std::move(item));
    }
    document["overall"] = json_totals(report.overall);
    auto& unattributed = document["unattributed_refusals"] = nlohmann::ordered_json::object();
    for (const auto& [site, refusals] : report.unattributed_refusals)
        unattributed[site] = json_refusals(refusals);
    // The check-in path does not record how long a scan took to decide yet.
    document["scan_to_decision"] = nullptr;
    return document;
}

} // namespace kiosk
