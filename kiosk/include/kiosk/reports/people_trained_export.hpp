#pragma once

// People trained as words and files: the labels of each row, CSV for a spreadsheet, JSON for
// scripts. Counts only, never a name or an e-mail.

#include "kiosk/reports/people_trained.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace kiosk {

enum class TrainedBreakdown { Month, Kind, Site };

// What every format says under the figures: the rows are not to be added up.
inline constexpr std::string_view people_trained_note =
    "Personnes distinctes : une personne formée plusieurs mois, dans plusieurs types de "
    "session ou sur plusieurs sites compte une fois dans chaque ligne où elle paraît et une "
    "seule fois dans le total ; le total n'est donc pas la somme des lignes.";

// "novembre 2026", "atelier", "Saint-Étienne", "en ligne".
[[nodiscard]] std::string trained_label(TrainedBreakdown breakdown, const std::string& key);

// RFC 4180, UTF-8 with a byte-order mark, CRLF: one row per month, kind and site, then the
// total. Columns: rubrique, valeur, personnes, sur place, sans billet, en ligne.
[[nodiscard]] std::string people_trained_csv(const PeopleTrained& report);

[[nodiscard]] nlohmann::ordered_json people_trained_json(const PeopleTrained& report);

} // namespace kiosk
