#include "kiosk/checkin/walkins.hpp"

#include "kiosk/base/site.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk/tickets/registration.hpp"
#include "kiosk/store/audit.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kiosk {
namespace {

tl::unexpected<WalkinProblem> refuse(WalkinRefusal reason, std::string message)
{
    return tl::unexpected(WalkinProblem{reason, std::move(message)});
}

std::string counted(int count, std::string_view one, std::string_view several)
{
    return fmt::format("{} {}", count, count > 1 ? several : one);
}

std::string full_message(const Session& session, const SeatCount& count, Instant now,
                         const SeatRules& rules)
{
    const int holders =
        count.released ? count.checked_in : count.tickets + count.checked_in_unlisted;
    auto message = fmt::format(
        "session complète : {} places, toutes prises ({}, {})", *session.capacity,
        count.released ? counted(holders, "billet présenté", "billets présentés")
                       : counted(holders, "billet", "billets"),
        counted(count.walkins, "entrée sans billet", "entrées sans billet"));
    if (!count.released && count.checked_in < holders)
        message += fmt::format(" ; les places des absents se libèrent à {}",
                               french_time(std::max(seats_released_at(session, rules), now)));
    return message;
}

} // namespace

tl::expected<RecordedWalkin, WalkinProblem> record_walkin(Store& store,
                                                          const WalkinRequest& request,
                                                          const SeatRules& rules)
{
    if (const auto invalid =
            validate(Registration{request.first_name, "-", "", ""}))
        return refuse(WalkinRefusal::InvalidName, invalid->message);
    return store.write([&]() -> tl::expected<RecordedWalkin, WalkinProblem> {
        auto session = SessionStore(store).find(request.session);
        if (!session)
            return refuse(WalkinRefusal::UnknownSession,
                          fmt::format("aucune session {}", request.session.to_string()));
        if (session->site && !request.site.empty() && *session->site != request.site)
            return refuse(WalkinRefusal::WrongSite,
                          fmt::format("la session {} a lieu à {}, pas à {}",
                                      session->id.to_string(), site_name(*session->site),
                                      site_name(request.site)));
        const std::string site = session->site ? *session->site : request.site;
        if (site.empty())
            return refuse(WalkinRefusal::WrongSite,
                          "session nationale : quel site accueille la personne ? (--site)");
        if (session->status == Status::Cancelled)
            return refuse(WalkinRefusal::Cancelled,
                          fmt::format("la session « {} » est annulée", session->title));
        if (request.at >= session->effective_end())
            return refuse(WalkinRefusal::Over,
                          fmt::format("la session « {} » est terminée depuis {}", session->title,
                                      french_time(session->effective_end())));
        if (session->status == Status::Full)
            return refuse(WalkinRefusal::Full,
                          fmt::format("la session « {} » est marquée complète", session->title));
        const auto count = count_seats(store, *session, request.at, rules);
        if (session->capacity && count.taken() >= *session->capacity)
            return refuse(WalkinRefusal::Full, full_message(*session, count, request.at, rules));

        const auto id = WalkinId::random();
        SQLite::Statement insert(database_of(store),
                                 "INSERT INTO walkins (id, session_id, site, device, first_name, "
                                 "at_utc) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        insert.bind(1, id.value());
        insert.bind(2, session->id.value());
        insert.bind(3, site);
        insert.bind(4, request.device);
        insert.bind(5, request.first_name);
        insert.bind(6, unix_seconds(request.at));
        insert.exec();
        record_audit(store, {0, request.at, request.by.empty() ? request.device : request.by,
                             "walkin.add", id.to_string(), "",
                             nlohmann::ordered_json{{"session", session->id.to_string()}}.dump()});
        RecordedWalkin recorded{id, *session, std::nullopt};
        if (session->capacity)
            recorded.seats_left = *session->capacity - count.taken() - 1;
        return recorded;
    });
}

tl::expected<UndoneWalkin, std::string> undo_walkin(Store& store, WalkinId id, Instant now,
                                                    std::string_view by)
{
    return store.write([&]() -> tl::expected<UndoneWalkin, std::string> {
        SQLite::Statement select(database_of(store),
                                 "SELECT session_id, first_name, at_utc, undone_at FROM walkins "
                                 "WHERE id = ?1");
        select.bind(1, id.value());
        if (!select.executeStep())
            return tl::unexpected(fmt::format("aucune entrée sans billet {}", id.to_string()));
        if (!select.getColumn(3).isNull())
            return tl::unexpected(
                fmt::format("l'entrée sans billet {} est déjà annulée", id.to_string()));
        UndoneWalkin undone{id, SessionId{select.getColumn(0).getInt64()},
                            select.getColumn(1).getString(),
                            from_unix_seconds(select.getColumn(2).getInt64())};
        SQLite::Statement update(database_of(store),
                                 "UPDATE walkins SET undone_at = ?2, undone_by = ?3 WHERE id = ?1");
        update.bind(1, id.value());
        update.bind(2, unix_seconds(now));
        update.bind(3, std::string(by));
        update.exec();
        record_audit(store, {0, now, std::string(by), "walkin.undo", id.to_string(),
                             nlohmann::ordered_json{{"session", undone.session.to_string()}}.dump(),
                             ""});
        return undone;
    });
}

std::vector<ListedWalkin> list_walkins(Store& store, SessionId session)
{
    SQLite::Statement select(database_of(store),
                             "SELECT id, first_name, at_utc FROM walkins WHERE session_id = ?1 "
                             "AND undone_at IS NULL ORDER BY at_utc, id");
    select.bind(1, session.value());
    std::vector<ListedWalkin> walkins;
    while (select.executeStep())
        walkins.push_back({WalkinId{select.getColumn(0).getInt64()},
                           select.getColumn(1).getString(),
                           from_unix_seconds(select.getColumn(2).getInt64())});
    return walkins;
}

} // namespace kiosk
