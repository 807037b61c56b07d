#pragma once

// The attendance chart: who came against the seats there were, per session (or per day, or per
// site), and when people arrive relative to the start. Drawn on a Canvas, so the same chart
// comes out as a PNG for the console or a PDF page for a meeting; no display involved.

#include "kiosk/reports/attendance.hpp"
#include "kiosk_print/canvas.hpp"

#include <map>
#include <string>
#include <vector>

namespace kiosk_print {

struct ChartBar {
    std::string label;    // "10:00", "26/11", "Rennes"
    std::string sublabel; // a shortened title, or nothing
    int capacity = 0;     // seats; 0 when unknown (online)
    int checked_in = 0;   // ticket holders admitted
    int walk_ins = 0;
};

struct ChartCurve {
    std::string name;          // the legend: "Rennes", or "Arrivées"
    std::map<int, int> counts; // arrivals by quarter-hour offset from the start, in minutes
};

struct ChartData {
    std::string title;     // "Présence — Rennes, jeudi 26 novembre 2026"
    std::string bars_caption; // "Par session", "Par jour", "Par site"
    std::vector<ChartBar> bars;
    std::vector<ChartCurve> curves;
};

// Where each bar was drawn, in points: what tests sample and what a page could link.
struct BarGeometry {
    Rect capacity;   // the outline of the seats
    Rect checked_in; // from the baseline up
    Rect walk_ins;   // stacked on the checked-in part
};

struct ChartGeometry {
    Rect bars_plot;
    double points_per_person = 0;
    std::vector<BarGeometry> bars;
    Rect curve_plot;
};

inline constexpr Color capacity_color = Color::hex(0xD9DDE3);
inline constexpr Color checked_in_color = Color::hex(0x1E7B4F);
inline constexpr Color walk_in_color = Color::hex(0x8CCB9E);

// What the chart shows of a report: one bar per session for a short single-site report, per day
// for a longer one (per month beyond two months), per site with one arrival curve each for all
// sites. Unmeasured and cancelled sessions have no bar.
[[nodiscard]] ChartData chart_data(const kiosk::AttendanceReport& report,
                                   const std::string& title);

// Draws the whole chart on `canvas` (its full size) and says where the bars went.
ChartGeometry draw_attendance_chart(Canvas& canvas, const ChartData& data);

} // namespace kiosk_print
