#include "kiosk/base/sanitise.hpp"
#include "kiosk/schedule/notice.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace kiosk {
namespace {

std::size_t count_code_points(std::string_view text)
{
    std::size_t count = 0;
    for (const char byte : text)
        if ((static_cast<unsigned char>(byte) & 0xC0) != 0x80)
            ++count;
    return count;
}

// One line on screen: line breaks and tabs read as spaces, runs of spaces as one.
std::string one_line(std::string_view text)
{
    std::string line;
    for (const char character : text) {
        const bool space = character == ' ' || character == '\n' || character == '\r' ||
                           character == '\t';
        if (space) {
            if (!line.empty() && line.back() != ' ')
                line += ' ';
        } else {
            line += character;
        }
    }
    while (!line.empty() && line.back() == ' ')
        line.pop_back();
    return line;
}

Notice read_notice(SQLite::Statement& select)
{
    Notice notice;
    notice.id = NoticeId{select.getColumn(0).getInt64()};
    notice.site = select.getColumn(1).getString();
    notice.text = select.getColumn(2).getString();
    notice.level = parse_notice_level(select.getColumn(3).getString()).value_or(NoticeLevel::Info);
    notice.created_at = from_unix_seconds(select.getColumn(4).getInt64());
    if (!select.getColumn(5).isNull())
        notice.until = from_unix_seconds(select.getColumn(5).getInt64());
    return notice;
}

} // namespace

std::string_view to_string(NoticeLevel level)
{
    return level == NoticeLevel::Alerte ? "alerte" : "info";
}

std::optional<NoticeLevel> parse_notice_level(std::string_view text)
{
    if (text == "info")
        return NoticeLevel::Info;
    if (text == "alerte" || text == "alert")
        return NoticeLevel::Alerte;
    return std::nullopt;
}

tl::expected<Notice, std::string> NoticeStore::add(std::string_view site, std::string_view text,
                                                   NoticeLevel level, std::optional<Instant> until,
                                                   Instant now)
{
    const std::string line = one_line(text);
    if (line.empty())
        return tl::unexpected(std::string("l'avis est vide"));
    if (sanitised_text(line, line.size()) != line)
        return tl::unexpected(
            std::string("l'avis contient des caractères de contrôle ou n'est pas en UTF-8"));
    const std::size_t length = count_code_points(line);
    if (length > notice_max_characters)
        return tl::unexpected(fmt::format(
            "l'avis fait {} caractères ; {} au plus (l'écran n'en montre que les premières lignes)",
            length, notice_max_characters));
    if (until && *until <= now)
        return tl::unexpected(
            fmt::format("l'heure de fin {} est déjà passée", french_time(*until)));
    return store_.write([&]() -> tl::expected<Notice, std::string> {
        if (active(site, now).size() >= notice_max_active)
            return tl::unexpected(fmt::format(
                "{} avis sont déjà affichés, le maximum ; retirez-en un (kioskctl notice clear ID)",
                notice_max_active));
        Notice notice{NoticeId::random(), std::string(site), line, level, now, until};
        SQLite::Statement insert(database_of(store_),
                                 "INSERT INTO notices (id, site, text, level, created_at, "
                                 "until_utc) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        insert.bind(1, notice.id.value());
        insert.bind(2, notice.site);
        insert.bind(3, notice.text);
        insert.bind(4, std::string(to_string(level)));
        insert.bind(5, unix_seconds(now));
        if (until)
            insert.bind(6, unix_seconds(*until));
        else
            insert.bind(6);
        insert.exec();
        return notice;
    });
}

int NoticeStore::clear(std::string_view site, std::optional<NoticeId> id, Instant now)
{
    return store_.write([&] {
        SQLite::Statement update(database_of(store_),
                                 "UPDATE notices SET cleared_at = ?2 WHERE site = ?1 "
                                 "AND cleared_at IS NULL AND (until_utc IS NULL OR until_utc > ?2) "
                                 "AND (?3 IS NULL OR id = ?3)");
        update.bind(1, std::string(site));
        update.bind(2, unix_seconds(now));
        if (id)
            update.bind(3, id->value());
        else
            update.bind(3);
        return update.exec();
    });
}

std::vector<Notice> NoticeStore::active(std::string_view site, Instant now)
{
    SQLite::Statement select(database_of(store_),
                             "SELECT id, site, text, level, created_at, until_utc FROM notices "
                             "WHERE site = ?1 AND cleared_at IS NULL "
                             "AND (until_utc IS NULL OR until_utc > ?2) "
                             "ORDER BY level = 'alerte' DESC, created_at, id");
    select.bind(1, std::string(site));
    select.bind(2, unix_seconds(now));
    std::vector<Notice> notices;
    while (select.executeStep())
        notices.push_back(read_notice(select));
    return notices;
}

tl::expected<Instant, std::string> local_time_today(std::string_view hh_mm, Instant now)
{
    const bool shaped = hh_mm.size() == 5 && hh_mm[2] == ':';
    if (!shaped)
        return tl::unexpected(fmt::format("heure « {} » invalide : attendu HH:MM", hh_mm));
    return parse_local_time(fmt::format("{} {}", format_day(local_day(now)), hh_mm));
}

} // namespace kiosk
