#include "kiosk_print/attendance_chart.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <fmt/format.h>
#include <string>

namespace kiosk_print {
namespace {

constexpr Color ink = Color::hex(0x1F2933);
constexpr Color muted = Color::hex(0x616E7C);
constexpr Color grid = Color::hex(0xE4E7EB);
constexpr std::array<Color, 5> curve_colors{Color::hex(0x1E7B4F), Color::hex(0x2A6FDB),
                                            Color::hex(0xC0571F), Color::hex(0x8E44AD),
                                            Color::hex(0x616E7C)};

// A step for axis ticks that gives at most about `ticks` lines: 1, 2, 5, 10, 20, 50…
int nice_step(int maximum, int ticks)
{
    for (int magnitude = 1;; magnitude *= 10)
        for (const int factor : {1, 2, 5})
            if (maximum / (factor * magnitude) <= ticks)
                return factor * magnitude;
}

void legend_item(Canvas& canvas, Point at, Color color, const std::string& text, double size)
{
    canvas.fill({at.x, at.y + size * 0.2, size, size}, color);
    canvas.text({at.x + size * 1.4, at.y}, text, {.size = size, .color = ink});
}

void draw_axis(Canvas& canvas, const Rect& plot, int maximum, double per_unit, double font)
{
    const int step = nice_step(std::max(1, maximum), 5);
    for (int value = 0; value <= maximum; value += step) {
        const double y = plot.y + plot.height - value * per_unit;
        canvas.line({plot.x, y}, {plot.x + plot.width, y}, 0.5, grid);
        canvas.text({plot.x - font * 0.5, y - font * 0.7}, std::to_string(value),
                    {.size = font, .color = muted, .align = Align::Right});
    }
}

ChartGeometry draw_bars(Canvas& canvas, const ChartData& data, const Rect& area, double font)
{
    ChartGeometry geometry;
    canvas.text({area.x, area.y}, data.bars_caption, {.size = font * 1.2, .weight = Weight::Bold,
                                                      .color = ink});
    double legend_x = area.x + area.width * 0.45;
    const double legend_y = area.y;
    for (const auto& [color, text] :
         {std::pair{capacity_color, std::string("places")},
          std::pair{checked_in_color, std::string("entrés avec billet")},
          std::pair{walk_in_color, std::string("sans billet")}}) {
        legend_item(canvas, {legend_x, legend_y}, color, text, font);
        legend_x += canvas.measure(text, {.size = font}).width + font * 3.5;
    }

    const double label_height = font * 3.2;
    const Rect plot{area.x + font * 3, area.y + font * 2.4, area.width - font * 3,
                    area.height - font * 2.4 - label_height};
    geometry.bars_plot = plot;
    int maximum = 1;
    for (const auto& bar : data.bars)
        maximum = std::max({maximum, bar.capacity, bar.checked_in + bar.walk_ins});
    geometry.points_per_person = plot.height / maximum;
    draw_axis(canvas, plot, maximum, geometry.points_per_person, font * 0.85);

    const double slot = plot.width / static_cast<double>(std::max<std::size_t>(1, data.bars.size()));
    const double width = std::min(slot * 0.7, font * 6);
    const double base = plot.y + plot.height;
    for (std::size_t index = 0; index < data.bars.size(); ++index) {
        const ChartBar& bar = data.bars[index];
        const double x = plot.x + slot * (static_cast<double>(index) + 0.5) - width / 2;
        BarGeometry drawn;
        const double seats = bar.capacity * geometry.points_per_person;
        drawn.capacity = {x, base - seats, width, seats};
        canvas.fill(drawn.capacity, capacity_color);
        const double checked = bar.checked_in * geometry.points_per_person;
        drawn.checked_in = {x + width * 0.15, base - checked, width * 0.7, checked};
        canvas.fill(drawn.checked_in, checked_in_color);
        const double walked = bar.walk_ins * geometry.points_per_person;
        drawn.walk_ins = {x + width * 0.15, base - checked - walked, width * 0.7, walked};
        canvas.fill(drawn.walk_ins, walk_in_color);
        geometry.bars.push_back(drawn);

        const double centre = x + width / 2;
        canvas.text({centre - slot / 2, base + font * 0.3}, bar.label,
                    {.size = font * 0.85, .color = ink, .align = Align::Center,
                     .max_width = slot, .max_lines = 1});
        if (!bar.sublabel.empty())
            canvas.text({centre - slot / 2, base + font * 1.5}, bar.sublabel,
                        {.size = font * 0.75, .color = muted, .align = Align::Center,
                         .max_width = slot, .max_lines = 1});
    }
    canvas.line({plot.x, base}, {plot.x + plot.width, base}, 1, ink);
    return geometry;
}

void draw_curves(Canvas& canvas, const ChartData& data, const Rect& area, double font,
                 ChartGeometry& geometry)
{
    canvas.text({area.x, area.y}, "Arrivées par rapport au début (par quart d'heure)",
                {.size = font * 1.2, .weight = Weight::Bold, .color = ink});
    const Rect plot{area.x + font * 3, area.y + font * 2.4, area.width - font * 3,
                    area.height - font * 2.4 - font * 1.8};
    geometry.curve_plot = plot;
    int first = -30;
    int last = 30;
    int maximum = 1;
    for (const auto& curve : data.curves)
        for (const auto& [offset, count] : curve.counts) {
            first = std::min(first, offset);
            last = std::max(last, offset);
            maximum = std::max(maximum, count);
        }
    const double per_person = plot.height / maximum;
    draw_axis(canvas, plot, maximum, per_person, font * 0.85);
    const int buckets = (last - first) / 15 + 1;
    const double step = plot.width / std::max(1, buckets - 1);
    const auto x_of = [&](int offset) { return plot.x + (offset - first) / 15 * step; };
    const double base = plot.y + plot.height;
    const int label_every = std::max(1, static_cast<int>(std::ceil(font * 3.5 / step)));
    for (int bucket = 0; bucket < buckets; bucket += label_every) {
        const int offset = first + bucket * 15;
        const std::string label = offset == 0 ? std::string("début") : fmt::format("{:+}", offset);
        canvas.text({x_of(offset), base + font * 0.3}, label,
                    {.size = font * 0.8, .color = muted, .align = Align::Center});
    }
    canvas.line({x_of(0), plot.y}, {x_of(0), base}, 1, muted);

    double legend_x = area.x + area.width * 0.55;
    for (std::size_t index = 0; index < data.curves.size(); ++index) {
        const auto& curve = data.curves[index];
        const Color color = curve_colors[index % curve_colors.size()];
        std::vector<Point> points;
        for (int offset = first; offset <= last; offset += 15) {
            const auto found = curve.counts.find(offset);
            const int count = found == curve.counts.end() ? 0 : found->second;
            points.push_back({x_of(offset), base - count * per_person});
        }
        canvas.polyline(points, 2.5, color);
        if (data.curves.size() > 1) {
            legend_item(canvas, {legend_x, area.y}, color, curve.name, font);
            legend_x += canvas.measure(curve.name, {.size = font}).width + font * 3;
        }
    }
    canvas.line({plot.x, base}, {plot.x + plot.width, base}, 1, ink);
}

} // namespace

ChartGeometry draw_attendance_chart(Canvas& canvas, const ChartData& data)
{
    const Size size = canvas.size();
    const double margin = std::min(size.width, size.height) * 0.04;
    const double font = std::clamp(size.height / 55.0, 7.0, 18.0);
    canvas.text({margin, margin}, data.title,
                {.size = font * 1.5, .weight = Weight::Bold, .color = ink,
                 .max_width = size.width - 2 * margin, .max_lines = 1});
    const double top = margin + font * 3;
    const double usable = size.height - top - margin;
    const Rect bars{margin, top, size.width - 2 * margin, usable * 0.55};
    ChartGeometry geometry = draw_bars(canvas, data, bars, font);
    const Rect curves{margin, top + usable * 0.6, size.width - 2 * margin, usable * 0.4};
    draw_curves(canvas, data, curves, font, geometry);
    return geometry;
}

} // namespace kiosk_print
