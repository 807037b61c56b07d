#include "kiosk/reports/people_trained.hpp"

#include "kiosk/store/purge.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <map>
#include <unordered_set>

namespace kiosk {
namespace {

enum class Source { OnSite, WalkIn, Online };

// The distinct people of one row of a breakdown, per source and together.
struct Tally {
    std::unordered_set<std::string> all, on_site, walk_ins, online;

    void add(const std::string& person, Source source)
    {
        all.insert(person);
        (source == Source::OnSite ? on_site : source == Source::WalkIn ? walk_ins : online)
            .insert(person);
    }
    [[nodiscard]] TrainedCount count(std::string key) const
    {
        return {std::move(key), static_cast<int>(all.size()), static_cast<int>(on_site.size()),
                static_cast<int>(walk_ins.size()), static_cast<int>(online.size())};
    }
};

struct Tallies {
    std::map<std::string, Tally> months, kinds, sites;
    Tally total;
    // Months are computed once per local day: the same day comes back thousands of times.
    std::map<std::int64_t, std::string> month_of_day;

    std::string month(Instant at)
    {
        const auto day = local_day(at);
        const auto days = date::sys_days(day).time_since_epoch().count();
        auto found = month_of_day.find(days);
        if (found == month_of_day.end())
            found = month_of_day.emplace(days, format_day(day).substr(0, 7)).first;
        return found->second;
    }

    void add(const std::string& person, Source source, Instant at, const std::string& kind,
             const std::string& site)
    {
        months[month(at)].add(person, source);
        kinds[kind].add(person, source);
        sites[site].add(person, source);
        total.add(person, source);
    }
};

std::string blob(const SQLite::Column& column)
{
    return {static_cast<const char*>(column.getBlob()), static_cast<std::size_t>(column.getBytes())};
}

} // namespace

PeopleTrained people_trained(Store& store, Day from, Day to)
{
    PeopleTrained report;
    report.from = from;
    report.to = to;
    const auto begin = unix_seconds(local_day_range(from).begin);
    const auto end = unix_seconds(local_day_range(to).end);
    Tallies tallies;
    store.read([&] {
        const PersonKeys keys(store);
        SQLite::Statement checkins(
            database_of(store),
            "SELECT c.at_utc, coalesce(s.kind, ''), c.site, c.ticket_id, k.person_key,"
            " t.holder FROM checkins c"
            " LEFT JOIN sessions s ON s.id = c.session_id"
            " LEFT JOIN tickets t ON t.id = c.ticket_id"
            " LEFT JOIN ticket_person_keys k ON k.ticket_id = c.ticket_id"
            " WHERE c.undone_at IS NULL AND c.at_utc >= ?1 AND c.at_utc < ?2");
        checkins.bind(1, begin);
        checkins.bind(2, end);
        while (checkins.executeStep()) {
            // The key kept at purge, else the holder's identity, else the ticket itself.
            std::string person;
            if (!checkins.getColumn(4).isNull())
                person = blob(checkins.getColumn(4));
            else if (!checkins.getColumn(5).isNull())
                person = keys.key(checkins.getColumn(5).getString());
            else
                person = keys.key("billet:" + std::to_string(checkins.getColumn(3).getInt64()));
            tallies.add(person, Source::OnSite, from_unix_seconds(checkins.getColumn(0).getInt64()),
                        checkins.getColumn(1).getString(), checkins.getColumn(2).getString());
        }
        SQLite::Statement walkins(database_of(store),
                                  "SELECT w.at_utc, coalesce(s.kind, ''), w.site, w.id"
                                  " FROM walkins w LEFT JOIN sessions s ON s.id = w.session_id"
                                  " WHERE w.undone_at IS NULL AND w.at_utc >= ?1"
                                  " AND w.at_utc < ?2");
        walkins.bind(1, begin);
        walkins.bind(2, end);
        while (walkins.executeStep())
            tallies.add("sans-billet:" + std::to_string(walkins.getColumn(3).getInt64()),
                        Source::WalkIn, from_unix_seconds(walkins.getColumn(0).getInt64()),
                        walkins.getColumn(1).getString(), walkins.getColumn(2).getString());
        SQLite::Statement online(database_of(store),
                                 "SELECT s.start_utc, s.kind, o.person_key FROM online_attendance o"
                                 " JOIN sessions s ON s.id = o.session_id"
                                 " WHERE o.present = 1 AND s.start_utc >= ?1 AND s.start_utc < ?2");
        online.bind(1, begin);
        online.bind(2, end);
        while (online.executeStep())
            tallies.add(blob(online.getColumn(2)), Source::Online,
                        from_unix_seconds(online.getColumn(0).getInt64()),
                        online.getColumn(1).getString(), std::string(online_site_key));
    });
    for (const auto& [month, tally] : tallies.months)
        report.by_month.push_back(tally.count(month));
    for (const std::string kind : {"atelier", "live", "coaching", "privee"})
        if (const auto found = tallies.kinds.find(kind); found != tallies.kinds.end())
            report.by_kind.push_back(found->second.count(kind));
    for (const auto& [kind, tally] : tallies.kinds)
        if (kind != "atelier" && kind != "live" && kind != "coaching" && kind != "privee")
            report.by_kind.push_back(tally.count(kind.empty() ? "inconnu" : kind));
    for (const std::string& site : {std::string("rennes"), std::string("nancy"),
                                   std::string("montpellier"), std::string("saint-etienne"),
                                   std::string(online_site_key)})
        if (const auto found = tallies.sites.find(site); found != tallies.sites.end())
            report.by_site.push_back(found->second.count(site));
    for (const auto& [site, tally] : tallies.sites)
        if (site != "rennes" && site != "nancy" && site != "montpellier" &&
            site != "saint-etienne" && site != online_site_key)
            report.by_site.push_back(tally.count(site));
    report.total = tallies.total.count("");
    return report;
}

} // namespace kiosk
