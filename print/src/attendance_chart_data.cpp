#include "kiosk/reports/labels.hpp"
#include "kiosk_print/attendance_chart.hpp"

#include <fmt/format.h>

namespace kiosk_print {
namespace {

constexpr std::size_t most_session_bars = 16;
constexpr std::size_t most_day_bars = 62;


ChartBar bar_of(std::string label, std::string sublabel, const kiosk::AttendanceTotals& totals)
{
    return {std::move(label), std::move(sublabel), totals.capacity, totals.checked_in,
            totals.walk_ins};
}

std::string day_label(kiosk::Day day)
{
    return fmt::format("{:02}/{:02}", static_cast<unsigned>(day.day()),
                       static_cast<unsigned>(day.month()));
}

// Per day, or per month when days would be too many to read.
void add_period_bars(ChartData& data, const kiosk::AttendanceReport& report)
{
    std::vector<std::pair<kiosk::Day, kiosk::AttendanceTotals>> days;
    for (const auto& entry : report.per_day) {
        if (days.empty() || days.back().first != *entry.day)
            days.emplace_back(*entry.day, kiosk::AttendanceTotals{});
        auto& totals = days.back().second;
        totals.capacity += entry.totals.capacity;
        totals.checked_in += entry.totals.checked_in;
        totals.walk_ins += entry.totals.walk_ins;
    }
    if (days.size() <= most_day_bars) {
        data.bars_caption = "Par jour";
        for (const auto& [day, totals] : days)
            if (totals.capacity + totals.checked_in + totals.walk_ins > 0)
                data.bars.push_back(bar_of(day_label(day), "", totals));
        return;
    }
    data.bars_caption = "Par mois";
    static constexpr std::array<const char*, 12> months{"janv.", "févr.", "mars", "avr.",
                                                        "mai",   "juin",  "juil.", "août",
                                                        "sept.", "oct.",  "nov.", "déc."};
    for (const auto& [day, totals] : days) {
        const std::string label =
            fmt::format("{} {}", months[static_cast<unsigned>(day.month()) - 1],
                        static_cast<int>(day.year()) % 100);
        if (data.bars.empty() || data.bars.back().label != label)
            data.bars.push_back({label, "", 0, 0, 0});
        data.bars.back().capacity += totals.capacity;
        data.bars.back().checked_in += totals.checked_in;
        data.bars.back().walk_ins += totals.walk_ins;
    }
}

} // namespace

ChartData chart_data(const kiosk::AttendanceReport& report, const std::string& title)
{
    ChartData data;
    data.title = title;
    if (!report.scope.site) {
        data.bars_caption = "Par site";
        for (const auto& entry : report.per_site) {
            if (entry.site.empty() && entry.totals.sessions == 0)
                continue; // national sessions are not measured at a door
            data.bars.push_back(bar_of(kiosk::site_label(entry.site),
                                       fmt::format("{} session(s)", entry.totals.sessions),
                                       entry.totals));
            data.curves.push_back({kiosk::site_label(entry.site), entry.totals.arrivals});
        }
        return data;
    }

    std::vector<const kiosk::SessionAttendance*> measured;
    for (const auto& row : report.sessions)
        if (row.measured)
            measured.push_back(&row);
    const bool one_day = report.scope.from == report.scope.to;
    if (measured.size() <= most_session_bars) {
        data.bars_caption = "Par session";
        for (const auto* row : measured) {
            const auto start = row->session.effective_start();
            std::string label = kiosk::format_local_hm(start);
            if (!one_day)
                label = day_label(kiosk::local_day(start)) + " " + label;
            data.bars.push_back({label, row->session.title, row->session.capacity.value_or(0),
                                 row->checked_in, row->walk_ins});
        }
    } else {
        add_period_bars(data, report);
    }
    data.curves.push_back({"Arrivées", report.overall.arrivals});
    return data;
}

} // namespace kiosk_print
