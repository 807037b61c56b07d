#include "trained_output.hpp"

#include "kiosk/reports/people_trained_export.hpp"
#include "text_columns.hpp"

#include <fmt/format.h>
#include <utility>

namespace kioskctl {
namespace {

constexpr std::size_t label_width = 18;
constexpr std::size_t number_width = 12;

std::string row(const std::string& label, const kiosk::TrainedCount& count)
{
    return pad(label, label_width) + pad_left(std::to_string(count.people), number_width) +
           pad_left(std::to_string(count.on_site), number_width) +
           pad_left(std::to_string(count.walk_ins), number_width) +
           pad_left(std::to_string(count.online), number_width) + "\n";
}

std::string header(const std::string& title)
{
    return pad(title, label_width) + pad_left("personnes", number_width) +
           pad_left("sur place", number_width) + pad_left("sans billet", number_width) +
           pad_left("en ligne", number_width) + "\n";
}

} // namespace

std::string people_trained_table(const kiosk::PeopleTrained& report)
{
    std::string text = fmt::format("Personnes formées du {} au {}\n",
                                   kiosk::format_day(report.from), kiosk::format_day(report.to));
    for (const auto& [breakdown, title, rows] :
         {std::tuple{kiosk::TrainedBreakdown::Month, "Par mois", &report.by_month},
          std::tuple{kiosk::TrainedBreakdown::Kind, "Par type", &report.by_kind},
          std::tuple{kiosk::TrainedBreakdown::Site, "Par site", &report.by_site}}) {
        text += '\n';
        text += header(title);
        for (const auto& count : *rows)
            text += row(kiosk::trained_label(breakdown, count.key), count);
        if (rows->empty())
            text += "(personne)\n";
    }
    text += '\n';
    text += row("Total", report.total);
    text += fmt::format("\n{}\n", kiosk::people_trained_note);
    return text;
}

} // namespace kioskctl
