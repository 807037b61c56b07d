#include "base/csv_records.hpp"
#include "kiosk/tickets/registration.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fmt/format.h>
#include <map>

namespace kiosk {
namespace {

enum class Column { FirstName, LastName, Email, Note, Other };

// Lower case, without accents, spaces, hyphens or underscores: "Prénom", "first_name" and
// "E-mail" are read as "prenom", "firstname" and "email".
std::string header_key(std::string_view name)
{
    std::string key;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (name.substr(i).starts_with("é") || name.substr(i).starts_with("É")) {
            key += 'e';
            ++i;
        } else if (name[i] != ' ' && name[i] != '_' && name[i] != '-' && name[i] != '\t') {
            key += static_cast<char>(std::tolower(static_cast<unsigned char>(name[i])));
        }
    }
    return key;
}

constexpr std::array<std::pair<std::string_view, Column>, 13> column_names{{
    {"prenom", Column::FirstName},
    {"firstname", Column::FirstName},
    {"nom", Column::LastName},
    {"lastname", Column::LastName},
    {"nomdefamille", Column::LastName},
    {"email", Column::Email},
    {"mail", Column::Email},
    {"courriel", Column::Email},
    {"adresseemail", Column::Email},
    {"note", Column::Note},
    {"remarque", Column::Note},
    {"remarques", Column::Note},
    {"commentaire", Column::Note},
}};

Column column_of(std::string_view header)
{
    const auto key = header_key(header);
    for (const auto& [name, column] : column_names)
        if (name == key)
            return column;
    return Column::Other;
}

std::string_view column_name(Column column)
{
    switch (column) {
    case Column::FirstName:
        return "prenom";
    case Column::LastName:
        return "nom";
    case Column::Email:
        return "email";
    case Column::Note:
        return "note";
    case Column::Other:
        break;
    }
    return "";
}

std::string trimmed(std::string text)
{
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.pop_back();
    const auto first = text.find_first_not_of(" \t");
    return first == std::string::npos ? std::string() : text.substr(first);
}

tl::unexpected<CsvProblem> problem(int line, int column, std::string_view field,
                                   std::string message)
{
    return tl::unexpected(CsvProblem{line, column, std::string(field), std::move(message)});
}

} // namespace

tl::expected<std::vector<RegistrationRow>, CsvProblem> read_registrations_csv(std::string_view text)
{
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    if (text.find('\0') != std::string_view::npos)
        return problem(0, 0, "", "fichier binaire (octets nuls) : ce n'est pas un tableau CSV");
    auto records = split_records(text, detect_separator(text));
    if (!records)
        return problem(records.error().line, 0, "", records.error().message);
    if (records->empty())
        return problem(0, 0, "", "fichier vide : la première ligne nomme les colonnes (prenom, "
                                 "nom, email, note)");

    const Record& header = records->front();
    std::vector<Column> columns;
    std::map<Column, int> position; // 1-based
    for (std::size_t c = 0; c < header.size(); ++c) {
        const Column column = column_of(trimmed(header[c].text));
        const int number = static_cast<int>(c) + 1;
        if (column != Column::Other && !position.emplace(column, number).second)
            return problem(header[c].line, number, column_name(column),
                           fmt::format("colonne « {} » en double", column_name(column)));
        columns.push_back(column);
    }
    for (const Column required : {Column::FirstName, Column::LastName})
        if (!position.contains(required))
            return problem(header.front().line, 0, column_name(required),
                           fmt::format("colonne « {} » manquante (obligatoires : prenom, nom ; "
                                       "facultatives : email, note)",
                                       column_name(required)));

    std::vector<RegistrationRow> rows;
    std::map<std::string, int> seen; // identity → line
    for (std::size_t r = 1; r < records->size(); ++r) {
        const Record& record = (*records)[r];
        const int line = record.front().line;
        if (record.size() != columns.size())
            return problem(line, 0, "",
                           fmt::format("{} champs au lieu de {}", record.size(), columns.size()));
        RegistrationRow row;
        row.line = line;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            std::string value = trimmed(record[c].text);
            switch (columns[c]) {
            case Column::FirstName:
                row.registration.first_name = std::move(value);
                break;
            case Column::LastName:
                row.registration.last_name = std::move(value);
                break;
            case Column::Email:
                row.registration.email = std::move(value);
                break;
            case Column::Note:
                row.registration.note = std::move(value);
                break;
            case Column::Other:
                break;
            }
        }
        if (const auto invalid = validate(row.registration)) {
            const auto field = std::find_if(column_names.begin(), column_names.end(),
                                            [&](const auto& entry) {
                                                return entry.first == invalid->field;
                                            });
            const int number = position.at(field->second);
            return problem(record[static_cast<std::size_t>(number - 1)].line, number,
                           invalid->field, invalid->message);
        }
        const auto identity = registration_identity(row.registration);
        if (const auto [earlier, inserted] = seen.emplace(identity, line); !inserted)
            return problem(line, 0, "",
                           fmt::format("même personne qu'à la ligne {} ({}) : ligne en double",
                                       earlier->second, identity.substr(identity.find(':') + 1)));
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace kiosk
