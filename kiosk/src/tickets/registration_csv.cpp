#include "base/csv_records.hpp"
#include "kiosk/base/sanitise.hpp"
#include "kiosk/tickets/registration.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fmt/format.h>
#include <map>

namespace kiosk {
namespace {

enum class Column { FirstName, LastName, Email, Note, Session, Other };

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

constexpr std::array<std::pair<std::string_view, Column>, 18> column_names{{
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
    {"session", Column::Session},
    {"sessionid", Column::Session},
    {"idsession", Column::Session},
    {"uid", Column::Session},
    {"seance", Column::Session},
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
    case Column::Session:
        return "session";
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

CsvProblem problem(int line, int column, std::string_view field, std::string message)
{
    return CsvProblem{line, column, std::string(field), std::move(message)};
}

} // namespace

RegistrationSheet read_registration_sheet(std::string_view text)
{
    RegistrationSheet sheet;
    auto& problems = sheet.problems;
    if (text.size() > max_registrations_file_bytes) {
        problems.push_back(problem(0, 0, "",
                                   fmt::format("fichier trop gros : {} octets, {} au plus",
                                               text.size(), max_registrations_file_bytes)));
        return sheet;
    }
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    if (text.find('\0') != std::string_view::npos) {
        problems.push_back(
            problem(0, 0, "", "fichier binaire (octets nuls) : ce n'est pas un tableau CSV"));
        return sheet;
    }
    auto records = split_records(text, detect_separator(text));
    if (!records) {
        problems.push_back(problem(records.error().line, 0, "", records.error().message));
        return sheet;
    }
    if (records->empty()) {
        problems.push_back(problem(0, 0, "",
                                   "fichier vide : la première ligne nomme les "
                                   "colonnes (prenom, nom, email, note, session)"));
        return sheet;
    }

    const Record& header = records->front();
    std::vector<Column> columns;
    std::map<Column, int> position; // 1-based
    for (std::size_t c = 0; c < header.size(); ++c) {
        const Column column = column_of(trimmed(header[c].text));
        const int number = static_cast<int>(c) + 1;
        if (column != Column::Other && !position.emplace(column, number).second)
            problems.push_back(
                problem(header[c].line, number, column_name(column),
                        fmt::format("colonne « {} » en double", column_name(column))));
        columns.push_back(column);
    }
    for (const Column required : {Column::FirstName, Column::LastName})
        if (!position.contains(required))
            problems.push_back(
                problem(header.front().line, 0, column_name(required),
                        fmt::format("colonne « {} » manquante (obligatoires : prenom, nom ; "
                                    "facultatives : email, note, session)",
                                    column_name(required))));
    if (!problems.empty())
        return sheet; // rows cannot be read without their columns
    if (position.contains(Column::Session))
        sheet.session_column = position.at(Column::Session);

    if (records->size() - 1 > max_registrations_rows)
        problems.push_back(
            problem((*records)[max_registrations_rows + 1].front().line, 0, "",
                    fmt::format("{} inscriptions, {} au plus par fichier : partagez-le (les lignes "
                                "suivantes ne sont pas lues)",
                                records->size() - 1, max_registrations_rows)));
    const std::size_t last = std::min(records->size(), max_registrations_rows + 1);
    std::map<std::pair<std::string, std::string>, int> seen; // session, identity → line
    for (std::size_t r = 1; r < last; ++r) {
        const Record& record = (*records)[r];
        const int line = record.front().line;
        if (record.size() != columns.size()) {
            problems.push_back(
                problem(line, 0, "",
                        fmt::format("{} champs au lieu de {}", record.size(), columns.size())));
            continue;
        }
        RegistrationRow row;
        row.line = line;
        bool readable = true;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            if (record[c].text.size() > max_registrations_field_bytes) {
                problems.push_back(
                    problem(record[c].line, static_cast<int>(c) + 1, column_name(columns[c]),
                            fmt::format("champ trop long : {} octets, {} au plus",
                                        record[c].text.size(), max_registrations_field_bytes)));
                readable = false;
                continue;
            }
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
            case Column::Session:
                row.session = std::move(value);
                break;
            case Column::Other:
                break;
            }
        }
        if (!readable)
            continue;
        const auto invalid = problems_of(row.registration);
        for (const auto& field_problem : invalid) {
            const auto field =
                std::find_if(column_names.begin(), column_names.end(),
                             [&](const auto& entry) { return entry.first == field_problem.field; });
            const int number = position.at(field->second);
            problems.push_back(problem(record[static_cast<std::size_t>(number - 1)].line, number,
                                       field_problem.field, field_problem.message));
        }
        if (!invalid.empty())
            continue;
        const auto identity = registration_identity(row.registration);
        if (const auto [earlier, inserted] = seen.emplace(std::pair{row.session, identity}, line);
            !inserted) {
            problems.push_back(problem(
                line, 0, "",
                fmt::format("même personne qu'à la ligne {} ({}) : ligne en double",
                            earlier->second, excerpt(identity.substr(identity.find(':') + 1)))));
            continue;
        }
        sheet.rows.push_back(std::move(row));
    }
    return sheet;
}

tl::expected<std::vector<RegistrationRow>, CsvProblem> read_registrations_csv(std::string_view text)
{
    auto sheet = read_registration_sheet(text);
    if (!sheet.problems.empty())
        return tl::unexpected(std::move(sheet.problems.front()));
    return std::move(sheet.rows);
}

} // namespace kiosk
