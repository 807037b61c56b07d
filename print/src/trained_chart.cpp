#include "kiosk_print/trained_chart.hpp"

#include "kiosk/reports/people_trained_export.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kiosk_print {
namespace {

constexpr Color ink = Color::hex(0x1F2933);
constexpr Color muted = Color::hex(0x616E7C);
constexpr Color grid = Color::hex(0xE4E7EB);

} // namespace

void draw_people_trained_chart(Canvas& canvas, const kiosk::PeopleTrained& report,
                               const std::string& title)
{
    const Size size = canvas.size();
    const double font = std::max(9.0, std::min(size.width, size.height) / 50);
    const double margin = font * 2;
    canvas.text({margin, margin}, title,
                {.size = font * 1.6, .weight = Weight::Bold, .color = ink});
    canvas.text({margin, margin + font * 2.4},
                fmt::format("{} personne(s) distincte(s) sur la période", report.total.people),
                {.size = font * 1.1, .color = ink});
    canvas.text(
        {margin, margin + font * 4}, std::string(kiosk::people_trained_note),
        {.size = font * 0.8, .color = muted, .max_width = size.width - 2 * margin, .max_lines = 3});

    const Rect plot{margin + font * 3, margin + font * 9, size.width - 2 * margin - font * 3,
                    size.height - margin * 2 - font * 12};
    int maximum = 1;
    for (const auto& month : report.by_month)
        maximum = std::max(maximum, month.people);
    const double per_person = plot.height / maximum;
    const double base = plot.y + plot.height;
    for (int step = 0; step <= 4; ++step) {
        const int value = maximum * step / 4;
        const double y = base - value * per_person;
        canvas.line({plot.x, y}, {plot.x + plot.width, y}, 0.5, grid);
        canvas.text({plot.x - font * 0.5, y - font * 0.6}, std::to_string(value),
                    {.size = font * 0.85, .color = muted, .align = Align::Right});
    }
    const double slot =
        plot.width / static_cast<double>(std::max<std::size_t>(1, report.by_month.size()));
    const double width = std::min(slot * 0.7, font * 6);
    for (std::size_t index = 0; index < report.by_month.size(); ++index) {
        const auto& month = report.by_month[index];
        const double centre = plot.x + slot * (static_cast<double>(index) + 0.5);
        const double height = month.people * per_person;
        canvas.fill({centre - width / 2, base - height, width, height}, trained_color);
        canvas.text({centre, base - height - font * 1.3}, std::to_string(month.people),
                    {.size = font * 0.9, .color = ink, .align = Align::Center});
        canvas.text({centre - slot / 2, base + font * 0.3},
                    kiosk::trained_label(kiosk::TrainedBreakdown::Month, month.key),
                    {.size = font * 0.8,
                     .color = ink,
                     .align = Align::Center,
                     .max_width = slot,
                     .max_lines = 2});
    }
    canvas.line({plot.x, base}, {plot.x + plot.width, base}, 1, ink);
}

} // namespace kiosk_print
