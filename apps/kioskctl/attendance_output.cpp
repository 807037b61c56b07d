#include "attendance_output.hpp"

#include "kiosk/base/site.hpp"
#include "kiosk/reports/attendance_export.hpp"
#include "text_columns.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kioskctl {
namespace {


std::string rate(const std::optional<double>& value)
{
    return value ? fmt::format("{:.0f} %", *value * 100.0) : "—";
}

std::string optional_time(const std::optional<kiosk::Instant>& value)
{
    return value ? kiosk::format_local_hm(*value) : "—";
}

int total(const std::map<kiosk::Verdict, int>& refusals)
{
    int sum = 0;
    for (const auto& [verdict, count] : refusals)
        sum += count;
    return sum;
}

std::string sessions_table(const kiosk::AttendanceReport& report)
{
    std::string out = pad("Date", 11) + pad("Début", 6) + pad("Type", 9) + pad("Titre", 32) +
                      pad("Salle", 14) + pad_left("Cap.", 5) + pad_left("Billets", 8) +
                      pad_left("Entrés", 7) + pad_left("Sans billet", 12) +
                      pad_left("Absents", 8) + "  " + pad("Taux", 11) + pad("1re", 6) +
                      pad("Dern.", 6) + pad_left("Refus", 5) + '\n';
    for (const auto& row : report.sessions) {
        const auto& session = row.session;
        std::string room = session.room;
        if (!session.site)
            room = "en ligne";
        out += pad(kiosk::format_day(kiosk::local_day(session.start)), 11);
        out += pad(kiosk::format_local_hm(session.effective_start()), 6);
        out += pad(std::string(kiosk::to_string(session.kind)), 9);
        out += pad(shorten(session.title, 31), 32);
        out += pad(shorten(room, 13), 14);
        out += pad_left(session.capacity ? std::to_string(*session.capacity) : "—", 5);
        out += pad_left(std::to_string(row.tickets), 8);
        out += pad_left(std::to_string(row.checked_in), 7);
        out += pad_left(std::to_string(row.walk_ins), 12);
        out += pad_left(row.no_shows ? std::to_string(*row.no_shows) : "—", 8) + "  ";
        out += pad(kiosk::format_rate(row), 11);
        out += pad(optional_time(row.first_arrival), 6);
        out += pad(optional_time(row.last_arrival), 6);
        out += pad_left(std::to_string(total(row.refusals)), 5) + '\n';
    }
    return out;
}

std::string totals_line(const std::string& label, const kiosk::AttendanceTotals& totals)
{
    return pad(label, 26) + pad_left(std::to_string(totals.sessions), 9) +
           pad_left(std::to_string(totals.capacity), 10) +
           pad_left(std::to_string(totals.tickets), 8) +
           pad_left(std::to_string(totals.checked_in), 7) +
           pad_left(std::to_string(totals.walk_ins), 12) +
           pad_left(std::to_string(totals.no_shows), 8) + "  " +
           pad(rate(totals.attendance_rate()), 7) + pad_left(std::to_string(total(totals.refusals)), 5) +
           '\n';
}

std::string totals_header(const std::string& first)
{
    return pad(first, 26) + pad_left("Sessions", 9) + pad_left("Capacité", 10) +
           pad_left("Billets", 8) + pad_left("Entrés", 7) + pad_left("Sans billet", 12) +
           pad_left("Absents", 8) + "  " + pad("Taux", 7) + pad_left("Refus", 5) + '\n';
}

std::string arrival_label(int offset)
{
    if (offset < 0)
        return fmt::format("{} à {} min avant", -offset, -offset - 15);
    return fmt::format("{} à {} min après", offset, offset + 15);
}

std::string arrivals_chart(const kiosk::ArrivalCurve& curve)
{
    if (curve.empty())
        return "  aucune arrivée enregistrée\n";
    int peak = 0;
    for (const auto& [offset, count] : curve)
        peak = std::max(peak, count);
    std::string out;
    for (const auto& [offset, count] : curve) {
        const int bar = std::max(1, count * 40 / peak);
        std::string blocks;
        for (int index = 0; index < bar; ++index)
            blocks += "█";
        out += "  " + pad(arrival_label(offset), 22) + pad_left(std::to_string(count), 6) + "  " +
               blocks + '\n';
    }
    return out;
}

std::string refusals_list(const std::map<kiosk::Verdict, int>& refusals)
{
    if (refusals.empty())
        return "  aucun\n";
    std::string out;
    for (const kiosk::Verdict verdict : kiosk::refusal_verdicts())
        if (const auto found = refusals.find(verdict); found != refusals.end())
            out += "  " + pad(std::string(kiosk::verdict_label(verdict)), 22) +
                   pad_left(std::to_string(found->second), 6) + '\n';
    return out;
}

} // namespace

std::string attendance_table(const kiosk::AttendanceReport& report)
{
    std::string out = fmt::format("Présence — {}\n", kiosk::describe_scope(report.scope));
    if (report.sessions.empty())
        return out + "Aucune session sur cette période.\n";
    out += '\n' + sessions_table(report);

    out += "\nPar jour\n" + totals_header("Jour et site");
    for (const auto& entry : report.per_day)
        out += totals_line(kiosk::format_day(*entry.day) + "  " + kiosk::site_label(entry.site),
                           entry.totals);
    out += "\nSur la période\n" + totals_header("Site");
    for (const auto& entry : report.per_site)
        out += totals_line(kiosk::site_label(entry.site), entry.totals);
    out += totals_line("Ensemble", report.overall);

    out += "\nArrivées par rapport au début (par quart d'heure)\n" +
           arrivals_chart(report.overall.arrivals);
    out += "\nRefus par motif\n" + refusals_list(report.overall.refusals);
    for (const auto& [site, refusals] : report.unattributed_refusals)
        out += fmt::format("  dont {} lecture(s) à {} sans session connue de cette base\n",
                           total(refusals), kiosk::site_label(site));
    return out;
}

} // namespace kioskctl
