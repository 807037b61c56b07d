#include "csv_records.hpp"

#include "kiosk/base/csv.hpp"

#include <algorithm>

namespace kiosk {

std::string csv_cell(std::string_view text, char separator)
{
    std::string cell;
    if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos)
        cell = "'";
    cell += text;
    if (cell.find_first_of(std::string{separator, '"', '\r', '\n'}) == std::string::npos)
        return cell;
    std::string quoted = "\"";
    for (const char c : cell) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + '"';
}

tl::expected<std::vector<Record>, LineProblem> split_records(std::string_view text, char separator)
{
    std::vector<Record> records;
    Record record;
    Field field;
    int line = 1;
    bool quoted = false, was_quoted = false, field_started = false;
    auto end_field = [&] {
        record.push_back(std::move(field));
        field = Field{};
        field_started = was_quoted = false;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!field_started) {
            field.line = line;
            field_started = true;
        }
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field.text += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                if (c == '\n')
                    ++line;
                if (c != '\r')
                    field.text += c;
            }
        } else if (c == '"' && field.text.empty() && !was_quoted) {
            quoted = was_quoted = true;
        } else if (c == separator) {
            end_field();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            end_field();
            const bool blank = record.size() == 1 && record[0].text.empty();
            if (!blank)
                records.push_back(std::move(record));
            record.clear();
            ++line;
        } else if (was_quoted) {
            return tl::unexpected(LineProblem{line, "texte après un guillemet fermant"});
        } else {
            field.text += c;
        }
    }
    if (quoted)
        return tl::unexpected(
            LineProblem{field.line, "guillemet jamais fermé (fichier tronqué ?)"});
    if (field_started || !record.empty()) {
        end_field();
        if (!(record.size() == 1 && record[0].text.empty()))
            records.push_back(std::move(record));
    }
    return records;
}

char detect_separator(std::string_view text)
{
    const std::string_view header = text.substr(0, text.find('\n'));
    const auto semicolons = std::count(header.begin(), header.end(), ';');
    const auto commas = std::count(header.begin(), header.end(), ',');
    return commas > semicolons ? ',' : ';';
}

} // namespace kiosk
