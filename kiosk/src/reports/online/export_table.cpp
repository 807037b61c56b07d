#include "export_table.hpp"

#include "kiosk/base/sanitise.hpp"
#include "kiosk/tickets/registration.hpp"

#include <algorithm>
#include <cctype>
#include <fmt/format.h>
#include <map>

namespace kiosk::online {
namespace {

void append_utf8(std::string& out, std::uint32_t code)
{
    if (code < 0x80) {
        out += static_cast<char>(code);
    } else if (code < 0x800) {
        out += static_cast<char>(0xC0 | (code >> 6));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += static_cast<char>(0xE0 | (code >> 12));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (code >> 18));
        out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (code & 0x3F));
    }
}

// UTF-16 to UTF-8; a lone surrogate becomes U+FFFD.
std::string from_utf16(std::string_view bytes, bool little_endian)
{
    std::string out;
    out.reserve(bytes.size());
    auto unit = [&](std::size_t at) {
        const auto first = static_cast<unsigned char>(bytes[at]);
        const auto second = static_cast<unsigned char>(bytes[at + 1]);
        return static_cast<std::uint32_t>(little_endian ? first | (second << 8)
                                                        : (first << 8) | second);
    };
    for (std::size_t at = 0; at + 1 < bytes.size(); at += 2) {
        std::uint32_t code = unit(at);
        if (code >= 0xD800 && code <= 0xDBFF && at + 3 < bytes.size()) {
            const std::uint32_t low = unit(at + 2);
            if (low >= 0xDC00 && low <= 0xDFFF) {
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                at += 2;
            } else {
                code = 0xFFFD;
            }
        } else if (code >= 0xD800 && code <= 0xDFFF) {
            code = 0xFFFD;
        }
        append_utf8(out, code);
    }
    return out;
}

std::string decoded(std::string_view bytes)
{
    if (bytes.starts_with("\xFF\xFE"))
        return from_utf16(bytes.substr(2), true);
    if (bytes.starts_with("\xFE\xFF"))
        return from_utf16(bytes.substr(2), false);
    // UTF-16 without its mark: every other byte of the first characters is zero.
    if (bytes.size() >= 4 && bytes[0] != '\0' && bytes[1] == '\0' && bytes[3] == '\0')
        return from_utf16(bytes, true);
    if (bytes.starts_with("\xEF\xBB\xBF"))
        bytes.remove_prefix(3);
    return std::string(bytes);
}

char separator_of(std::string_view text)
{
    std::size_t start = 0;
    for (int line = 0; line < 8 && start < text.size(); ++line) {
        const auto end = std::min(text.find('\n', start), text.size());
        if (text.substr(start, end - start).find('\t') != std::string_view::npos)
            return '\t';
        start = end + 1;
    }
    for (start = 0; start < text.size();) {
        const auto end = std::min(text.find('\n', start), text.size());
        const auto line = text.substr(start, end - start);
        if (line.find_first_of(",;") != std::string_view::npos)
            return detect_separator(line);
        start = end + 1;
    }
    return ',';
}

std::string lowered(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
        text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
        text.remove_suffix(1);
    return text;
}

// Reads digits at `at`, moving past them.
std::optional<int> number_at(std::string_view text, std::size_t& at)
{
    const auto begin = at;
    int value = 0;
    while (at < text.size() && std::isdigit(static_cast<unsigned char>(text[at])) && at - begin < 6)
        value = value * 10 + (text[at++] - '0');
    return at == begin ? std::nullopt : std::optional(value);
}

} // namespace

tl::expected<std::vector<Record>, ExportProblem> export_rows(std::string_view bytes)
{
    if (bytes.size() > max_export_file_bytes)
        return tl::unexpected(ExportProblem{0, "",
                                            fmt::format("fichier trop gros ({} octets, au plus {})",
                                                        bytes.size(), max_export_file_bytes)});
    const std::string text = decoded(bytes);
    if (text.find('\0') != std::string::npos)
        return tl::unexpected(ExportProblem{0, "", "fichier binaire : ce n'est pas un export CSV"});
    if (static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) > max_export_lines)
        return tl::unexpected(
            ExportProblem{0, "", fmt::format("trop de lignes (au plus {})", max_export_lines)});
    auto records = split_records(text, separator_of(text));
    if (!records)
        return tl::unexpected(ExportProblem{records.error().line, "", records.error().message});
    for (auto& record : *records)
        for (auto& field : record) {
            if (field.text.size() > max_export_field_bytes)
                return tl::unexpected(ExportProblem{
                    field.line, "",
                    fmt::format("champ trop long ({} octets, au plus {}) : « {} »",
                                field.text.size(), max_export_field_bytes, excerpt(field.text))});
            field.text = sanitised_text(trimmed(field.text), max_export_field_bytes);
        }
    return std::move(*records);
}

std::optional<std::size_t> column_of(const Record& row,
                                     std::initializer_list<std::string_view> names)
{
    for (std::size_t index = 0; index < row.size(); ++index)
        for (const auto name : names)
            if (cell_is(row, index, name))
                return index;
    return std::nullopt;
}

bool cell_is(const Record& row, std::size_t index, std::string_view name)
{
    return index < row.size() && lowered(trimmed(row[index].text)) == lowered(name);
}

std::string cell(const Record& row, std::optional<std::size_t> index)
{
    return index && *index < row.size() ? row[*index].text : std::string();
}

std::optional<Instant> parse_export_time(std::string_view text)
{
    text = trimmed(text);
    if (text.size() >= 16 && text[4] == '-') {
        // parse_local_time() reads seconds but keeps whole minutes: they are added here.
        const auto parsed = parse_local_time(text.substr(0, 16));
        std::size_t at = 17;
        const auto seconds =
            text.size() >= 19 && text[16] == ':' ? number_at(text, at) : std::optional(0);
        return parsed && seconds && *seconds < 60
                   ? std::optional(*parsed + std::chrono::seconds(*seconds))
                   : std::nullopt;
    }
    std::size_t at = 0;
    const auto first = number_at(text, at);
    if (!first || at >= text.size() || text[at++] != '/')
        return std::nullopt;
    const auto second = number_at(text, at);
    if (!second || at >= text.size() || text[at++] != '/')
        return std::nullopt;
    auto year = number_at(text, at);
    if (!year)
        return std::nullopt;
    if (*year < 100)
        *year += 2000;
    while (at < text.size() && (text[at] == ',' || text[at] == ' '))
        ++at;
    const auto hour = number_at(text, at);
    if (!hour || at >= text.size() || text[at++] != ':')
        return std::nullopt;
    const auto minute = number_at(text, at);
    int seconds = 0;
    if (!minute)
        return std::nullopt;
    if (at < text.size() && text[at] == ':') {
        ++at;
        const auto read = number_at(text, at);
        if (!read)
            return std::nullopt;
        seconds = *read;
    }
    const auto suffix = lowered(trimmed(text.substr(at)));
    const bool twelve_hour = suffix == "am" || suffix == "pm";
    if (!suffix.empty() && !twelve_hour)
        return std::nullopt;
    int hours = *hour;
    if (twelve_hour) {
        if (hours < 1 || hours > 12)
            return std::nullopt;
        hours = hours % 12 + (suffix == "pm" ? 12 : 0);
    }
    // The English exports write the month first and a 12-hour clock; French ones neither.
    const int month = twelve_hour ? *first : *second;
    const int day = twelve_hour ? *second : *first;
    if (seconds > 59)
        return std::nullopt;
    const auto parsed = parse_local_time(
        fmt::format("{:04}-{:02}-{:02} {:02}:{:02}", *year, month, day, hours, *minute));
    return parsed ? std::optional(*parsed + std::chrono::seconds(seconds)) : std::nullopt;
}

std::optional<int> parse_duration_seconds(std::string_view text)
{
    text = trimmed(text);
    if (text.empty())
        return std::nullopt;
    if (std::all_of(text.begin(), text.end(),
                    [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
        std::size_t at = 0;
        const auto minutes = number_at(text, at);
        return minutes && at == text.size() ? std::optional(*minutes * 60) : std::nullopt;
    }
    if (text.find(':') != std::string_view::npos) { // 01:05:03 or 05:03
        int total = 0, parts = 0;
        std::size_t at = 0;
        while (at <= text.size() && parts < 3) {
            const auto part = number_at(text, at);
            if (!part)
                return std::nullopt;
            total = total * 60 + *part;
            ++parts;
            if (at == text.size())
                break;
            if (text[at++] != ':')
                return std::nullopt;
        }
        return at == text.size() && parts >= 2 ? std::optional(parts == 2 ? total * 60 : total)
                                               : std::nullopt;
    }
    int total = 0;
    std::size_t at = 0;
    bool any = false;
    while (at < text.size()) {
        while (at < text.size() && text[at] == ' ')
            ++at;
        if (at == text.size())
            break;
        const auto value = number_at(text, at);
        if (!value)
            return std::nullopt;
        while (at < text.size() && text[at] == ' ')
            ++at;
        std::size_t unit_end = at;
        while (unit_end < text.size() && std::isalpha(static_cast<unsigned char>(text[unit_end])))
            ++unit_end;
        const auto unit = lowered(text.substr(at, unit_end - at));
        at = unit_end;
        if (unit == "h" || unit == "hr" || unit == "hrs" || unit == "hour" || unit == "hours")
            total += *value * 3600;
        else if (unit == "m" || unit == "min" || unit == "mins" || unit == "minutes")
            total += *value * 60;
        else if (unit == "s" || unit == "sec" || unit == "secs" || unit == "seconds")
            total += *value;
        else
            return std::nullopt;
        any = true;
    }
    return any ? std::optional(total) : std::nullopt;
}

std::vector<OnlineParticipant> gather(const std::vector<AttendanceRow>& rows)
{
    struct Gathered {
        OnlineParticipant participant;
        std::vector<TimeInterval> intervals;
        bool every_row_timed = true;
        int seconds = 0;
    };
    std::vector<Gathered> people;
    std::map<std::string, std::size_t> index;
    for (const auto& row : rows) {
        const auto email = lowered(row.email);
        const auto folded = row.name.empty() ? fold_name(row.first_name + ' ' + row.last_name)
                                             : fold_name(row.name);
        const auto key = email.empty() ? "nom:" + folded : "email:" + email;
        auto [found, added] = index.try_emplace(key, people.size());
        if (added) {
            Gathered person;
            person.participant.name =
                row.name.empty() ? row.first_name + ' ' + row.last_name : row.name;
            person.participant.first_name = row.first_name;
            person.participant.last_name = row.last_name;
            person.participant.email = email;
            person.participant.line = row.line;
            people.push_back(std::move(person));
        }
        auto& person = people[found->second];
        person.participant.organiser = person.participant.organiser || row.organiser;
        if (row.interval)
            person.intervals.push_back(*row.interval);
        else
            person.every_row_timed = false;
        person.seconds += row.seconds;
    }
    std::vector<OnlineParticipant> participants;
    for (auto& person : people) {
        auto& intervals = person.intervals;
        std::sort(intervals.begin(), intervals.end(),
                  [](const auto& a, const auto& b) { return a.from < b.from; });
        std::vector<TimeInterval> merged;
        for (const auto& interval : intervals) {
            if (!merged.empty() && interval.from <= merged.back().to)
                merged.back().to = std::max(merged.back().to, interval.to);
            else
                merged.push_back(interval);
        }
        std::int64_t seconds = person.seconds;
        if (person.every_row_timed && !merged.empty()) {
            seconds = 0;
            for (const auto& interval : merged)
                seconds += unix_seconds(interval.to) - unix_seconds(interval.from);
        }
        person.participant.minutes = static_cast<int>((seconds + 30) / 60);
        person.participant.intervals = std::move(merged);
        participants.push_back(std::move(person.participant));
    }
    return participants;
}

ExportProblem missing_columns(MeetingPlatform platform, int line,
                              const std::vector<std::string>& missing)
{
    std::string names;
    for (const auto& name : missing)
        names += (names.empty() ? "« " : ", « ") + name + " »";
    return {line, missing.front(),
            fmt::format("rapport de présence {} incomplet : il manque {} {}",
                        platform_name(platform), missing.size() > 1 ? "les colonnes" : "la colonne",
                        names)};
}

} // namespace kiosk::online
