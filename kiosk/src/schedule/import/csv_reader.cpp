#include "base/csv_records.hpp"
#include "kiosk/base/sanitise.hpp"
#include "content_lines.hpp"
#include "import_records.hpp"

#include <array>
#include <charconv>
#include <fmt/format.h>
#include <set>

namespace kiosk {
namespace {

std::string normalised(std::string_view name)
{
    std::string result;
    for (std::size_t i = 0; i < name.size(); ++i) {
        if (name.substr(i).starts_with("é") || name.substr(i).starts_with("É")) {
            result += 'e';
            ++i;
        } else if (name[i] != ' ' && name[i] != '_' && name[i] != '\t') {
            result += static_cast<char>(std::tolower(static_cast<unsigned char>(name[i])));
        }
    }
    return result;
}

enum class Column {
    Uid,
    Title,
    Kind,
    Start,
    End,
    Room,
    Capacity,
    Trainer,
    Organiser,
    Link,
    Tags,
    Status
};

constexpr std::array<std::pair<std::string_view, Column>, 24> column_names{{
    {"uid", Column::Uid},
    {"titre", Column::Title},
    {"title", Column::Title},
    {"type", Column::Kind},
    {"kind", Column::Kind},
    {"debut", Column::Start},
    {"start", Column::Start},
    {"fin", Column::End},
    {"end", Column::End},
    {"salle", Column::Room},
    {"room", Column::Room},
    {"places", Column::Capacity},
    {"capacity", Column::Capacity},
    {"formateur", Column::Trainer},
    {"trainer", Column::Trainer},
    {"organisateur", Column::Organiser},
    {"organiser", Column::Organiser},
    {"lien", Column::Link},
    {"url", Column::Link},
    {"etiquettes", Column::Tags},
    {"tags", Column::Tags},
    {"statut", Column::Status},
    {"status", Column::Status},
    {"id", Column::Uid},
}};

constexpr std::string_view known_columns =
    "uid, titre, type, debut, fin, salle, places, formateur, organisateur, lien, etiquettes, "
    "statut";

std::string_view canonical(Column column)
{
    for (const auto& [name, value] : column_names)
        if (value == column)
            return name;
    return "?";
}

// A stable identity for rows without a uid: the title and the start, as typed.
std::string derived_uid(const Session& session)
{
    std::uint64_t hash = 14695981039346656037ull;
    for (const char c : session.title + '|' + format_local_datetime(session.start)) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 1099511628211ull;
    }
    return fmt::format("csv-{:016x}", hash);
}

// A file that is not text at all is refused before it is split into records.
std::optional<tl::unexpected<ImportError>> refuse_non_text(std::string_view text,
                                                           const ReadContext& context)
{
    if (text.find('\0') != std::string_view::npos)
        return context.error(0, "", "fichier binaire (octets nuls) : ce n'est pas un tableau CSV");
    int number = 1;
    for (std::string_view rest = text; !rest.empty(); ++number) {
        const auto end = rest.find('\n');
        if (!is_utf8_text(rest.substr(0, end)))
            return context.error(number, "",
                                 "texte illisible : ni UTF-8 valide, ni caractères "
                                 "imprimables");
        rest.remove_prefix(end == std::string_view::npos ? rest.size() : end + 1);
    }
    return std::nullopt;
}

// The header row: each cell a known column, none twice, the required ones there.
tl::expected<std::vector<Column>, ImportError> read_header(const Record& header,
                                                           const ReadContext& context)
{
    std::vector<Column> columns;
    std::set<Column> present;
    for (const auto& cell : header) {
        const std::string name = normalised(cell.text);
        const auto found = std::find_if(column_names.begin(), column_names.end(),
                                        [&](const auto& entry) { return entry.first == name; });
        if (found == column_names.end())
            return context.error(
                cell.line, cell.text,
                fmt::format("colonne inconnue « {} » (colonnes : {})", excerpt(cell.text), known_columns));
        if (!present.insert(found->second).second)
            return context.error(cell.line, cell.text, "colonne en double");
        columns.push_back(found->second);
    }
    for (const Column required : {Column::Title, Column::Start, Column::End})
        if (!present.contains(required))
            return context.error(header.front().line, std::string(canonical(required)),
                                 fmt::format("colonne « {} » manquante (obligatoires : titre, "
                                             "debut, fin)",
                                             canonical(required)));
    return columns;
}

std::string trimmed(std::string value)
{
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
        value.pop_back();
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t'))
        value.erase(value.begin());
    return value;
}

// One row, before the import's own checks: the session it describes, its uid column and its
// end as typed (which may be a bare time of the start's day).
struct Row {
    Session session;
    std::string uid;
    std::string end_text;
};

std::optional<tl::unexpected<ImportError>> read_cell(Column column, const Field& field, Row& row,
                                                     const ReadContext& context)
{
    const auto name = std::string(canonical(column));
    const std::string value = trimmed(field.text);
    Session& session = row.session;
    switch (column) {
    case Column::Uid:
        row.uid = value;
        break;
    case Column::Title:
        session.title = value;
        break;
    case Column::Kind:
        if (!value.empty()) {
            auto kind = kind_from_category(value);
            if (!kind)
                return context.error(field.line, name,
                                     fmt::format("type inconnu « {} » (atelier, live, "
                                                 "coaching, privee)",
                                                 excerpt(value)));
            session.kind = *kind;
        }
        break;
    case Column::Start: {
        auto start = parse_local_time(value);
        if (!start)
            return context.error(field.line, name, start.error());
        session.start = *start;
        break;
    }
    case Column::End:
        row.end_text = value;
        break;
    case Column::Room:
        session.room = value;
        break;
    case Column::Capacity:
        if (!value.empty()) {
            int capacity = 0;
            const auto [end, error] =
                std::from_chars(value.data(), value.data() + value.size(), capacity);
            if (error != std::errc{} || end != value.data() + value.size())
                return context.error(field.line, name,
                                     fmt::format("nombre de places « {} » invalide", excerpt(value)));
            session.capacity = capacity;
        }
        break;
    case Column::Trainer:
        session.trainer = value;
        break;
    case Column::Organiser:
        session.organiser = value;
        break;
    case Column::Link:
        session.join_url = value;
        break;
    case Column::Tags:
        session.tags = split_tags(value);
        break;
    case Column::Status: {
        const std::string status = normalised(value);
        if (status == "annulee" || status == "annule" || status == "cancelled")
            session.status = Status::Cancelled;
        else if (!status.empty() && status != "prevue" && status != "scheduled")
            return context.error(
                field.line, name,
                fmt::format("statut « {} » inconnu (vide, prévue ou annulée)", excerpt(value)));
        break;
    }
    }
    return std::nullopt;
}

tl::expected<Session, ImportError>
read_row(const Record& record, const std::vector<Column>& columns, const ReadContext& context)
{
    const auto& options = context.options;
    if (record.size() != columns.size())
        return context.error(record.front().line, "",
                             fmt::format("{} champs au lieu de {}", record.size(), columns.size()));
    Row row;
    row.session.site = options.site;
    row.session.kind = options.default_kind;
    for (std::size_t c = 0; c < columns.size(); ++c)
        if (auto problem = read_cell(columns[c], record[c], row, context))
            return *problem;
    Session& session = row.session;
    const auto end_field = std::find(columns.begin(), columns.end(), Column::End);
    const int end_line = record[static_cast<std::size_t>(end_field - columns.begin())].line;
    // "16:30" alone means 16:30 on the day the session starts, as on the command line.
    if (row.end_text.size() == 5 && row.end_text[2] == ':')
        row.end_text = format_day(local_day(session.start)) + ' ' + row.end_text;
    auto end = parse_local_time(row.end_text);
    if (!end)
        return context.error(end_line, "fin", end.error());
    session.end = *end;
    session.uid =
        imported_uid_prefix(options.site) + (row.uid.empty() ? derived_uid(session) : row.uid);
    return session;
}

// The import's name for a session field, as the spreadsheet's columns call it.
std::string column_of(const std::string& field)
{
    return field == "url"        ? "lien"
           : field == "capacity" ? "places"
           : field == "end"      ? "fin"
                                 : field;
}

} // namespace

tl::expected<ReadSchedule, ImportError> read_csv(std::string_view text, const ReadContext& context)
{
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);
    if (auto refusal = refuse_non_text(text, context))
        return *refusal;
    auto records = split_records(text, detect_separator(text));
    if (!records)
        return context.error(records.error().line, "", records.error().message);
    if (records->empty())
        return context.error(0, "", "fichier vide : la première ligne nomme les colonnes");
    const auto columns = read_header(records->front(), context);
    if (!columns)
        return tl::unexpected(columns.error());

    ReadSchedule schedule;
    std::set<std::string> seen;
    const auto& options = context.options;
    for (std::size_t r = 1; r < records->size(); ++r) {
        const int line = (*records)[r].front().line;
        auto session = read_row((*records)[r], *columns, context);
        if (!session)
            return tl::unexpected(session.error());
        if (!seen.insert(session->uid).second) {
            schedule.skipped.push_back(ImportEntry{session->uid, session->title, session->start,
                                                   session->room, line, "ligne en double"});
            continue;
        }
        if (session->start < options.range_begin || session->start >= options.range_end) {
            ++schedule.outside_range.occurrences;
            continue;
        }
        const auto checked = complete_and_check(*session, options);
        if (checked.fate == RecordFate::Refuse)
            return context.error(line, column_of(checked.field), checked.message);
        if (checked.fate == RecordFate::Skip) {
            schedule.skipped.push_back(ImportEntry{session->uid, session->title, session->start,
                                                   session->room, line, checked.message});
            continue;
        }
        schedule.sessions.push_back(ImportedSession{std::move(*session), line});
        if (schedule.sessions.size() > max_imported_sessions)
            return context.error(
                line, "",
                fmt::format("plus de {} sessions : découpez le fichier", max_imported_sessions));
    }
    return schedule;
}

} // namespace kiosk
