#include "kiosk/reports/people_trained_export.hpp"

#include "kiosk/base/csv.hpp"
#include "kiosk/reports/labels.hpp"

#include <array>
#include <fmt/format.h>

namespace kiosk {
namespace {

constexpr std::array<std::string_view, 12> month_names{
    "janvier", "février", "mars",      "avril",   "mai",      "juin",
    "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};

std::string_view breakdown_name(TrainedBreakdown breakdown)
{
    switch (breakdown) {
    case TrainedBreakdown::Month:
        return "mois";
    case TrainedBreakdown::Kind:
        return "type";
    case TrainedBreakdown::Site:
        return "site";
    }
    return "?";
}

std::string csv_row(std::string_view what, const std::string& value, const TrainedCount& count)
{
    return fmt::format("{},{},{},{},{},{}\r\n", csv_cell(what), csv_cell(value), count.people,
                       count.on_site, count.walk_ins, count.online);
}

nlohmann::ordered_json counts(const TrainedCount& count)
{
    return {{"people", count.people},
            {"on_site", count.on_site},
            {"walk_ins", count.walk_ins},
            {"online", count.online}};
}

} // namespace

std::string trained_label(TrainedBreakdown breakdown, const std::string& key)
{
    switch (breakdown) {
    case TrainedBreakdown::Month: {
        const int month = key.size() == 7 ? std::stoi(key.substr(5)) : 0;
        return month >= 1 && month <= 12
                   ? fmt::format("{} {}", month_names[static_cast<std::size_t>(month - 1)],
                                 key.substr(0, 4))
                   : key;
    }
    case TrainedBreakdown::Kind: {
        const auto kind = parse_kind(key);
        return kind ? std::string(kind_label(*kind)) : key;
    }
    case TrainedBreakdown::Site:
        return key == online_site_key ? std::string(online_site_key) : site_label(key);
    }
    return key;
}

std::string people_trained_csv(const PeopleTrained& report)
{
    std::string text = "\xEF\xBB\xBF"
                       "rubrique,valeur,personnes,sur place,sans billet,en ligne\r\n";
    for (const auto& [breakdown, rows] : {std::pair{TrainedBreakdown::Month, &report.by_month},
                                          std::pair{TrainedBreakdown::Kind, &report.by_kind},
                                          std::pair{TrainedBreakdown::Site, &report.by_site}})
        for (const auto& row : *rows)
            text += csv_row(breakdown_name(breakdown), row.key, row);
    text +=
        csv_row("total", fmt::format("{} au {}", format_day(report.from), format_day(report.to)),
                report.total);
    return text;
}

nlohmann::ordered_json people_trained_json(const PeopleTrained& report)
{
    nlohmann::ordered_json json{{"from", format_day(report.from)},
                                {"to", format_day(report.to)},
                                {"note", people_trained_note}};
    for (const auto& [name, key, rows] : {std::tuple{"by_month", "month", &report.by_month},
                                          std::tuple{"by_kind", "kind", &report.by_kind},
                                          std::tuple{"by_site", "site", &report.by_site}}) {
        auto list = nlohmann::ordered_json::array();
        for (const auto& row : *rows) {
            nlohmann::ordered_json item{{key, row.key}};
            item.update(counts(row));
            list.push_back(std::move(item));
        }
        json[name] = std::move(list);
    }
    json["total"] = counts(report.total);
    return json;
}

} // namespace kiosk
