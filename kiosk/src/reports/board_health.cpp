#include "board_health.hpp"

#include "kiosk/reports/site_health.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace kiosk::board_health {
namespace {

constexpr const char* topic = "ecran";

std::string elapsed(BoardHealth::RealTime since, BoardHealth::RealTime now)
{
    // Heartbeat instants are fractional seconds: rounded, ten minutes read as "10 min".
    return french_duration(std::chrono::round<std::chrono::seconds>(now - since));
}

} // namespace

HealthFinding site_finding(const BoardHealth& board, BoardHealth::RealTime now)
{
    const std::string last_picture =
        board.picture_at ? " (dernière " + picture_age(*board.picture_at, now) + ")" : "";
    switch (board.condition) {
    case BoardCondition::Drawing:
        if (!board.picture_at)
            return {Severity::Ok, topic,
                    "Le tableau vient de démarrer : pas encore d'image de l'écran."};
        if (!board.picture)
            return {Severity::Warning, topic,
                    fmt::format("Le tableau s'affiche, mais son image ne se lit pas : {}.",
                                board.picture_problem)};
        return {Severity::Ok, topic,
                fmt::format("Le tableau s'affiche ({}).", picture_age(*board.picture_at, now))};
    case BoardCondition::ScreenOff:
        return {Severity::Ok, topic,
                fmt::format("Écran éteint hors des horaires d'ouverture{}.", last_picture)};
    case BoardCondition::Stale: {
        const auto since = board.picture_at ? board.picture_at : board.started;
        return {Severity::Problem, topic,
                fmt::format("L'écran n'a rien dessiné depuis {}{}.",
                            since ? elapsed(*since, now) : std::string("son démarrage"),
                            board.picture_at ? last_picture
                                             : std::string(" (aucune image depuis le démarrage "
                                                           "du tableau)"))};
    }
    case BoardCondition::Stalled:
        return {Severity::Problem, topic,
                board.heartbeat ? fmt::format("Le programme du tableau ne répond plus depuis {}{}.",
                                              elapsed(*board.heartbeat, now), last_picture)
                                : std::string("Le programme du tableau ne répond plus.")};
    case BoardCondition::Stopped:
        return {Severity::Problem, topic,
                fmt::format("Le programme du tableau est arrêté{}.", last_picture)};
    case BoardCondition::NoStatus:
        break;
    }
    return {Severity::Problem, topic, "Le programme du tableau n'a pas démarré."};
}

std::optional<HealthFinding> office_finding(std::optional<BoardCondition> condition,
                                            std::optional<Instant> picture_at)
{
    if (!condition)
        return std::nullopt;
    const auto problem = [](std::string message) {
        return HealthFinding{Severity::Problem, topic, std::move(message)};
    };
    switch (*condition) {
    case BoardCondition::Drawing:
    case BoardCondition::ScreenOff:
        return std::nullopt;
    case BoardCondition::Stale:
        return problem(picture_at
                           ? fmt::format("Au dernier relevé, l'écran n'avait rien dessiné depuis "
                                         "le {}.",
                                         format_local_datetime(*picture_at))
                           : std::string("Au dernier relevé, l'écran n'avait encore rien "
                                         "dessiné."));
    case BoardCondition::Stalled:
        return problem("Au dernier relevé, le programme du tableau ne répondait plus.");
    case BoardCondition::Stopped:
        return problem("Au dernier relevé, le programme du tableau était arrêté.");
    case BoardCondition::NoStatus:
        break;
    }
    return problem("Au dernier relevé, le programme du tableau n'avait pas démarré.");
}

void record_picture(Store& store, const std::string& site, const BoardHealth& board)
{
    if (!board.picture || !board.picture_at)
        return;
    const auto taken_at = unix_seconds(std::chrono::round<std::chrono::seconds>(*board.picture_at));
    SQLite::Statement kept(database_of(store),
                           "SELECT taken_at FROM board_pictures WHERE site = ?");
    kept.bind(1, site);
    if (kept.executeStep() && kept.getColumn(0).getInt64() == taken_at)
        return;
    const auto& picture = *board.picture;
    SQLite::Statement upsert(
        database_of(store),
        "INSERT INTO board_pictures (site, taken_at, width, height, png) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (site) DO UPDATE SET taken_at = excluded.taken_at, width = excluded.width, "
        "height = excluded.height, png = excluded.png");
    upsert.bind(1, site);
    upsert.bind(2, taken_at);
    upsert.bind(3, static_cast<std::int64_t>(picture.size.width));
    upsert.bind(4, static_cast<std::int64_t>(picture.size.height));
    upsert.bind(5, picture.png.data(), static_cast<int>(picture.png.size()));
    upsert.exec();
}

} // namespace kiosk::board_health

namespace kiosk {

std::optional<RecordedBoardPicture> recorded_board_picture(Store& store, std::string_view site)
{
    SQLite::Statement row(database_of(store),
                          "SELECT taken_at, png FROM board_pictures WHERE site = ?");
    row.bind(1, std::string(site));
    if (!row.executeStep())
        return std::nullopt;
    const auto png = row.getColumn(1);
    RecordedBoardPicture recorded{from_unix_seconds(row.getColumn(0).getInt64()),
                                  {std::string(static_cast<const char*>(png.getBlob()),
                                               static_cast<std::size_t>(png.getBytes())),
                                   {}}};
    const auto size = check_board_picture(recorded.picture.png);
    if (!size)
        return std::nullopt;
    recorded.picture.size = *size;
    return recorded;
}

} // namespace kiosk
