#include "kiosk/base/sanitise.hpp"
#include "kiosk/base/site.hpp"
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

constexpr const char* notice_columns =
    "id, site, text, level, created_at, until_utc, author, batch";

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
    notice.author = select.getColumn(6).getString();
    if (!select.getColumn(7).isNull())
        notice.batch = NoticeId{select.getColumn(7).getInt64()};
    return notice;
}

// This database's sync identity ("office" or a site), if it has one.
std::optional<std::string> here(Store& store)
{
    SQLite::Statement select(database_of(store), "SELECT name FROM sync_identity");
    if (!select.executeStep())
        return std::nullopt;
    return select.getColumn(0).getString();
}

// The text as a notice keeps it, or why it cannot be one.
tl::expected<std::string, std::string> notice_text(std::string_view text)
{
    std::string line = one_line(text);
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
    return line;
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
    const std::string sites[] = {std::string(site)};
    auto added = add_to_sites(sites, text, level, until, now);
    if (!added)
        return tl::unexpected(added.error());
    return added->front();
}

tl::expected<std::vector<Notice>, std::string>
NoticeStore::add_to_sites(std::span<const std::string> sites, std::string_view text,
                          NoticeLevel level, std::optional<Instant> until, Instant now)
{
    const auto line = notice_text(text);
    if (!line)
        return tl::unexpected(line.error());
    if (until && *until <= now)
        return tl::unexpected(
            fmt::format("l'heure de fin {} est déjà passée", french_time(*until)));
    if (sites.empty())
        return tl::unexpected(std::string("aucun site pour cet avis"));
    return store_.write([&]() -> tl::expected<std::vector<Notice>, std::string> {
        const auto me = here(store_);
        std::vector<Notice> posted;
        for (const std::string& site : sites) {
            if (me && *me != office_name && site != *me)
                return tl::unexpected(fmt::format(
                    "ce site ({}) n'affiche d'avis que sur son tableau ; pour « {} », passez par "
                    "le bureau",
                    *me, site));
            if (active(site, now).size() >= notice_max_active)
                return tl::unexpected(
                    fmt::format("{} avis sont déjà affichés à {}, le maximum ; retirez-en un "
                                "(kioskctl notice clear ID)",
                                notice_max_active, site));
            Notice notice{NoticeId::random(), site, *line, level, now, until,
                          me.value_or(site), std::nullopt};
            if (!posted.empty() || sites.size() > 1)
                notice.batch = posted.empty() ? notice.id : posted.front().id;
            SQLite::Statement insert(database_of(store_),
                                     "INSERT INTO notices (id, site, text, level, created_at, "
                                     "until_utc, author, batch) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                                     "?7, ?8)");
            insert.bind(1, notice.id.value());
            insert.bind(2, notice.site);
            insert.bind(3, notice.text);
            insert.bind(4, std::string(to_string(level)));
            insert.bind(5, unix_seconds(now));
            if (until)
                insert.bind(6, unix_seconds(*until));
            else
                insert.bind(6);
            insert.bind(7, notice.author);
            if (notice.batch)
                insert.bind(8, notice.batch->value());
            else
                insert.bind(8);
            insert.exec();
            posted.push_back(std::move(notice));
        }
        return posted;
    });
}

tl::expected<int, std::string> NoticeStore::clear(std::string_view site,
                                                  std::optional<NoticeId> id, Instant now)
{
    return store_.write([&]() -> tl::expected<int, std::string> {
        const auto me = here(store_);
        if (id && me) {
            SQLite::Statement author(database_of(store_),
                                     "SELECT author FROM notices WHERE id = ?1");
            author.bind(1, id->value());
            if (author.executeStep() && author.getColumn(0).getString() != *me)
                return tl::unexpected(
                    fmt::format("l'avis {} vient {} : c'est là qu'il se retire", id->to_string(),
                                author.getColumn(0).getString() == office_name
                                    ? std::string("du bureau")
                                    : "du site " + author.getColumn(0).getString()));
        }
        // With an id, the notice and its siblings for other sites; without, what this
        // database posted at `site`.
        SQLite::Statement update(
            database_of(store_),
            "UPDATE notices SET cleared_at = ?2 WHERE cleared_at IS NULL "
            "AND (until_utc IS NULL OR until_utc > ?2) AND (?4 IS NULL OR author = ?4) AND "
            "CASE WHEN ?3 IS NULL THEN site = ?1 ELSE id = ?3 OR batch = (SELECT batch FROM "
            "notices WHERE id = ?3) END");
        update.bind(1, std::string(site));
        update.bind(2, unix_seconds(now));
        if (id)
            update.bind(3, id->value());
        else
            update.bind(3);
        if (me)
            update.bind(4, *me);
        else
            update.bind(4);
        return update.exec();
    });
}

std::vector<Notice> NoticeStore::active(std::string_view site, Instant now)
{
    SQLite::Statement select(database_of(store_),
                             fmt::format("SELECT {} FROM notices "
                             "WHERE site = ?1 AND cleared_at IS NULL "
                             "AND (until_utc IS NULL OR until_utc > ?2) "
                             "ORDER BY level = 'alerte' DESC, created_at, id",
                                         notice_columns));
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
