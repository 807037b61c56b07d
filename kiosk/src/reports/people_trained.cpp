#include "kiosk/reports/people_trained.hpp"

#include "kiosk/store/purge.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <array>
#include <cstdint>
#include <fmt/format.h>
#include <unordered_map>

namespace kiosk {
namespace {

enum class Source : std::uint8_t { OnSite, WalkIn, Online };
constexpr std::uint64_t any_source = 3;

// One attendance, reduced to small numbers: a year at the office is some 150 000 of them, and
// distinct people per row are then counted by sorting, not by sets of strings.
struct Attendance {
    std::uint32_t person = 0;
    std::uint32_t month = 0; // index in Months
    std::uint32_t kind = 0;  // index in Labels
    std::uint32_t site = 0;
    Source source = Source::OnSite;
};

// The local months of the period, as the instants they begin: a month is found by a binary
// search instead of a time-zone conversion per row.
class Months {
public:
    Months(Day from, Day to)
    {
        auto month = date::year_month{from.year(), from.month()};
        const auto last = date::year_month{to.year(), to.month()};
        for (; month <= last; month += date::months{1}) {
            names_.push_back(format_day(Day{month / 1}).substr(0, 7));
            starts_.push_back(unix_seconds(local_day_range(Day{month / 1}).begin));
        }
    }
    [[nodiscard]] std::uint32_t of(std::int64_t at) const
    {
        const auto after = std::upper_bound(starts_.begin(), starts_.end(), at);
        return static_cast<std::uint32_t>(std::max<std::ptrdiff_t>(0, after - starts_.begin() - 1));
    }
    [[nodiscard]] const std::vector<std::string>& names() const { return names_; }

private:
    std::vector<std::string> names_;
    std::vector<std::int64_t> starts_;
};

// Kinds and sites, numbered as they come.
class Labels {
public:
    std::uint32_t of(const std::string& label)
    {
        const auto found = std::find(names_.begin(), names_.end(), label);
        if (found != names_.end())
            return static_cast<std::uint32_t>(found - names_.begin());
        names_.push_back(label);
        return static_cast<std::uint32_t>(names_.size() - 1);
    }
    [[nodiscard]] const std::vector<std::string>& names() const { return names_; }

private:
    std::vector<std::string> names_;
};

// People numbered by their key.
class People {
public:
    std::uint32_t of(std::string key)
    {
        return numbers_.try_emplace(std::move(key), static_cast<std::uint32_t>(numbers_.size()))
            .first->second;
    }

private:
    std::unordered_map<std::string, std::uint32_t> numbers_;
};

// Distinct people per value of one breakdown (all values 0 for the total), per source and in all.
std::vector<TrainedCount> distinct(const std::vector<Attendance>& rows, std::size_t values,
                                   std::uint32_t Attendance::*breakdown)
{
    std::vector<std::uint64_t> keys;
    keys.reserve(rows.size() * 2);
    for (const auto& row : rows) {
        const std::uint64_t value = breakdown ? row.*breakdown : 0;
        keys.push_back(value << 34 | static_cast<std::uint64_t>(row.source) << 32 | row.person);
        keys.push_back(value << 34 | any_source << 32 | row.person);
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    std::vector<TrainedCount> counts(values);
    for (const auto key : keys) {
        auto& count = counts[key >> 34];
        switch ((key >> 32) & 3) {
        case 0:
            ++count.on_site;
            break;
        case 1:
            ++count.walk_ins;
            break;
        case 2:
            ++count.online;
            break;
        default:
            ++count.people;
            break;
        }
    }
    return counts;
}

std::string blob(const SQLite::Column& column)
{
    return {static_cast<const char*>(column.getBlob()),
            static_cast<std::size_t>(column.getBytes())};
}

// The rows of `counts` that have people, named, in the order of `order` then the others.
std::vector<TrainedCount> named(std::vector<TrainedCount> counts,
                                const std::vector<std::string>& names,
                                const std::vector<std::string>& order)
{
    std::vector<TrainedCount> result;
    std::vector<bool> taken(counts.size(), false);
    auto take = [&](std::size_t index) {
        if (taken[index] || counts[index].people == 0)
            return;
        taken[index] = true;
        counts[index].key = names[index].empty() ? "inconnu" : names[index];
        result.push_back(counts[index]);
    };
    for (const auto& wanted : order)
        if (const auto found = std::find(names.begin(), names.end(), wanted); found != names.end())
            take(static_cast<std::size_t>(found - names.begin()));
    for (std::size_t index = 0; index < counts.size(); ++index)
        take(index);
    return result;
}

} // namespace

PeopleTrained people_trained(Store& store, Day from, Day to)
{
    PeopleTrained report;
    report.from = from;
    report.to = to;
    const auto begin = unix_seconds(local_day_range(from).begin);
    const auto end = unix_seconds(local_day_range(to).end);
    const Months months(from, to);
    Labels kinds, sites;
    People people;
    std::vector<Attendance> rows;
    store.read([&] {
        const PersonKeys keys(store, SaltUse::InMemory);
        // Tickets, sessions and check-ins are each read in one pass and joined here: looking
        // each check-in's ticket up by its random id costs more than reading every ticket.
        std::unordered_map<std::int64_t, std::uint32_t> ticket_people;
        SQLite::Statement holders(database_of(store),
                                  "SELECT id, holder FROM tickets WHERE holder IS NOT NULL");
        while (holders.executeStep())
            ticket_people[holders.getColumn(0).getInt64()] =
                people.of(keys.key(holders.getColumn(1).getString()));
        // The keys kept when purge erased the holders.
        SQLite::Statement kept(database_of(store),
                               "SELECT ticket_id, person_key FROM ticket_person_keys");
        while (kept.executeStep())
            ticket_people[kept.getColumn(0).getInt64()] = people.of(blob(kept.getColumn(1)));
        std::unordered_map<std::int64_t, std::uint32_t> session_kinds;
        SQLite::Statement sessions(database_of(store), "SELECT id, kind FROM sessions");
        while (sessions.executeStep())
            session_kinds[sessions.getColumn(0).getInt64()] =
                kinds.of(sessions.getColumn(1).getString());
        const auto kind_of = [&](std::int64_t session) {
            const auto found = session_kinds.find(session);
            return found != session_kinds.end() ? found->second : kinds.of("");
        };

        // NOT INDEXED: "undone_at IS NULL" matches the partial index checkins_once, which would
        // visit the check-ins in ticket order, each a random jump into the table (30 times
        // slower than reading the table through).
        SQLite::Statement checkins(database_of(store),
                                   "SELECT at_utc, session_id, site, ticket_id FROM checkins"
                                   " NOT INDEXED"
                                   " WHERE undone_at IS NULL AND at_utc >= ?1 AND at_utc < ?2");
        checkins.bind(1, begin);
        checkins.bind(2, end);
        while (checkins.executeStep()) {
            const auto ticket = checkins.getColumn(3).getInt64();
            const auto found = ticket_people.find(ticket);
            // A ticket without a holder (issued before holders were kept) is one person.
            const auto person = found != ticket_people.end()
                                    ? found->second
                                    : people.of(keys.key("billet:" + std::to_string(ticket)));
            rows.push_back({person, months.of(checkins.getColumn(0).getInt64()),
                            kind_of(checkins.getColumn(1).getInt64()),
                            sites.of(checkins.getColumn(2).getString()), Source::OnSite});
        }
        SQLite::Statement walkins(database_of(store),
                                  "SELECT at_utc, session_id, site, id FROM walkins"
                                  " WHERE undone_at IS NULL AND at_utc >= ?1 AND at_utc < ?2");
        walkins.bind(1, begin);
        walkins.bind(2, end);
        while (walkins.executeStep())
            rows.push_back(
                {people.of("sans-billet:" + std::to_string(walkins.getColumn(3).getInt64())),
                 months.of(walkins.getColumn(0).getInt64()),
                 kind_of(walkins.getColumn(1).getInt64()),
                 sites.of(walkins.getColumn(2).getString()), Source::WalkIn});
        SQLite::Statement online(database_of(store),
                                 "SELECT s.start_utc, s.id, o.person_key FROM online_attendance o"
                                 " JOIN sessions s ON s.id = o.session_id"
                                 " WHERE o.present = 1 AND s.start_utc >= ?1 AND s.start_utc < ?2");
        online.bind(1, begin);
        online.bind(2, end);
        const auto online_site = sites.of(std::string(online_site_key));
        while (online.executeStep())
            rows.push_back({people.of(blob(online.getColumn(2))),
                            months.of(online.getColumn(0).getInt64()),
                            kind_of(online.getColumn(1).getInt64()), online_site, Source::Online});
    });
    report.by_month =
        named(distinct(rows, months.names().size(), &Attendance::month), months.names(), {});
    report.by_kind = named(distinct(rows, kinds.names().size(), &Attendance::kind), kinds.names(),
                           {"atelier", "live", "coaching", "privee"});
    report.by_site =
        named(distinct(rows, sites.names().size(), &Attendance::site), sites.names(),
              {"rennes", "nancy", "montpellier", "saint-etienne", std::string(online_site_key)});
    const auto total = distinct(rows, 1, nullptr);
    report.total = total.empty() ? TrainedCount{} : total.front();
    return report;
}

} // namespace kiosk
