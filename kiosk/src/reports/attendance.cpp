#include "kiosk/reports/attendance.hpp"

#include "kiosk/base/site.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <unordered_map>

namespace kiosk {
namespace {

// The sessions a report covers, as a condition on `s` with parameters ?1 (site or NULL), ?2 and
// ?3 (start range). Every aggregate joins on it, so each runs once for the whole period
// instead of once per session: a year of check-ins stays well under a second.
constexpr const char* in_scope =
    " (?1 IS NULL OR s.site = ?1) AND s.start_utc >= ?2 AND s.start_utc < ?3 ";

struct Range {
    Instant begin;
    Instant end;
};

Range range_of(const AttendanceScope& scope)
{
    return {local_day_range(scope.from).begin, local_day_range(scope.to).end};
}

void bind_scope(SQLite::Statement& statement, const AttendanceScope& scope, Range range)
{
    if (scope.site)
        statement.bind(1, *scope.site);
    statement.bind(2, unix_seconds(range.begin));
    statement.bind(3, unix_seconds(range.end));
}

// Quarter-hours relative to the start, rounded down: 14 minutes early is -15, on time is 0.
int arrival_bucket(Instant start, Instant arrival)
{
    const auto minutes = std::chrono::floor<Minutes>(arrival - start).count();
    return static_cast<int>(std::floor(static_cast<double>(minutes) / 15.0)) * 15;
}

void record_arrival(SessionAttendance& row, Instant at)
{
    if (!row.first_arrival || at < *row.first_arrival)
        row.first_arrival = at;
    if (!row.last_arrival || at > *row.last_arrival)
        row.last_arrival = at;
    ++row.arrivals[arrival_bucket(row.session.effective_start(), at)];
}

class Aggregator {
public:
    Aggregator(Store& store, const AttendanceScope& scope, std::vector<SessionAttendance>& rows)
        : store_(store)
        , scope_(scope)
        , range_(range_of(scope))
        , rows_(rows)
    {
        for (std::size_t index = 0; index < rows_.size(); ++index)
            index_[rows_[index].session.id.value()] = index;
    }

    void count_tickets()
    {
        for_each_row("SELECT t.session_id, count(*) FROM tickets t"
                     " JOIN sessions s ON s.id = t.session_id"
                     " WHERE t.revoked_at IS NULL AND" +
                         std::string(in_scope) + "GROUP BY t.session_id",
                     [](SessionAttendance& row, SQLite::Statement& result) {
                         row.tickets = result.getColumn(1).getInt();
                     });
    }

    void add_arrivals(const std::string& table, int SessionAttendance::*counter)
    {
        for_each_row("SELECT a.session_id, a.at_utc FROM " + table +
                         " a JOIN sessions s ON s.id = a.session_id"
                         " WHERE a.undone_at IS NULL AND" +
                         in_scope,
                     [counter](SessionAttendance& row, SQLite::Statement& result) {
                         ++(row.*counter);
                         record_arrival(row, from_unix_seconds(result.getColumn(1).getInt64()));
                     });
    }

    void count_refusals()
    {
        for_each_row("SELECT c.session_id, c.verdict, count(*) FROM scans c"
                     " JOIN sessions s ON s.id = c.session_id WHERE" +
                         std::string(in_scope) + "GROUP BY c.session_id, c.verdict",
                     [](SessionAttendance& row, SQLite::Statement& result) {
                         const auto verdict = parse_verdict(result.getColumn(1).getString());
                         if (verdict && !admits(*verdict))
                             row.refusals[*verdict] += result.getColumn(2).getInt();
                     });
    }

    // Scans read at the sites in scope during the period that name no session this database
    // knows: not a ticket, a forged or unknown signature, a ticket for a session held elsewhere.
    [[nodiscard]] std::map<std::string, std::map<Verdict, int>> unattributed()
    {
        SQLite::Statement select(database_of(store_),
                                 "SELECT c.site, c.verdict, count(*) FROM scans c"
                                 " LEFT JOIN sessions s ON s.id = c.session_id"
                                 " WHERE s.id IS NULL AND (?1 IS NULL OR c.site = ?1)"
                                 " AND c.at_utc >= ?2 AND c.at_utc < ?3"
                                 " GROUP BY c.site, c.verdict");
        bind_scope(select, scope_, range_);
        std::map<std::string, std::map<Verdict, int>> result;
        while (select.executeStep()) {
            const auto verdict = parse_verdict(select.getColumn(1).getString());
            if (verdict && !admits(*verdict))
                result[select.getColumn(0).getString()][*verdict] += select.getColumn(2).getInt();
        }
        return result;
    }

private:
    template <typename Apply> void for_each_row(const std::string& sql, Apply apply)
    {
        SQLite::Statement select(database_of(store_), sql);
        bind_scope(select, scope_, range_);
        while (select.executeStep()) {
            const auto found = index_.find(select.getColumn(0).getInt64());
            if (found != index_.end())
                apply(rows_[found->second], select);
        }
    }

    Store& store_;
    const AttendanceScope& scope_;
    Range range_;
    std::vector<SessionAttendance>& rows_;
    std::unordered_map<std::int64_t, std::size_t> index_;
};

void conclude(SessionAttendance& row, const CheckinRules& rules, Instant now)
{
    const bool online = row.session.kind != Kind::Atelier;
    const bool anything = row.tickets > 0 || row.checked_in > 0 || row.walk_ins > 0;
    row.measured = row.session.status != Status::Cancelled && (!online || anything);
    if (!row.measured)
        return;
    if (row.tickets > 0)
        row.attendance_rate = static_cast<double>(row.checked_in) / row.tickets;
    const Instant door_closes = row.session.effective_start() + rules.late_entry_grace;
    if (now >= door_closes)
        row.no_shows = std::max(0, row.tickets - row.checked_in);
}

SiteTotals& totals_for(std::vector<SiteTotals>& list, const std::string& site,
                       std::optional<Day> day)
{
    for (auto& entry : list)
        if (entry.site == site && entry.day == day)
            return entry;
    SiteTotals entry;
    entry.site = site;
    entry.day = day;
    return list.emplace_back(std::move(entry));
}

int site_rank(const std::string& site)
{
    const auto sites = all_sites();
    for (std::size_t index = 0; index < sites.size(); ++index)
        if (sites[index].id() == site)
            return static_cast<int>(index);
    return static_cast<int>(sites.size()); // national sessions come last
}

} // namespace

std::optional<double> AttendanceTotals::attendance_rate() const
{
    if (tickets == 0)
        return std::nullopt;
    return static_cast<double>(checked_in) / tickets;
}

void AttendanceTotals::add(const SessionAttendance& session)
{
    for (const auto& [verdict, count] : session.refusals)
        refusals[verdict] += count;
    if (!session.measured)
        return;
    ++sessions;
    capacity += session.session.capacity.value_or(0);
    tickets += session.tickets;
    checked_in += session.checked_in;
    walk_ins += session.walk_ins;
    no_shows += session.no_shows.value_or(0);
    for (const auto& [bucket, count] : session.arrivals)
        arrivals[bucket] += count;
}

AttendanceReport attendance(Store& store, const AttendanceScope& scope, const CheckinRules& rules,
                            Instant now)
{
    AttendanceReport report;
    report.scope = scope;
    report.computed_at = now;
    const Range range = range_of(scope);

    // A year of check-ins is tens of megabytes read by several passes: with SQLite's default
    // 2 MB page cache each pass reads it again through system calls. A larger cache for this
    // report (memory taken only as pages are read, given back after) reads each page once.
    const int previous_cache = database_of(store).execAndGet("PRAGMA cache_size").getInt();
    database_of(store).exec("PRAGMA cache_size = -65536");
    struct RestoreCache {
        SQLite::Database& database;
        int size;
        ~RestoreCache() { database.exec("PRAGMA cache_size = " + std::to_string(size)); }
    } restore{database_of(store), previous_cache};
    // One read transaction: the figures come from one state of the database even while the
    // camera keeps recording scans.
    store.read([&] {
        for (auto& session : SessionStore(store).between(scope.site, range.begin, range.end)) {
            SessionAttendance row;
            row.session = std::move(session);
            report.sessions.push_back(std::move(row));
        }

        Aggregator aggregator(store, scope, report.sessions);
        aggregator.count_tickets();
        aggregator.add_arrivals("checkins", &SessionAttendance::checked_in);
        aggregator.add_arrivals("walkins", &SessionAttendance::walk_ins);
        aggregator.count_refusals();
        report.unattributed_refusals = aggregator.unattributed();
    });

    if (!scope.site)
        for (const auto& site : all_sites())
            totals_for(report.per_site, std::string(site.id()), std::nullopt);
    else
        totals_for(report.per_site, *scope.site, std::nullopt);

    for (auto& row : report.sessions) {
        conclude(row, rules, now);
        const std::string site = row.session.site.value_or("");
        totals_for(report.per_site, site, std::nullopt).totals.add(row);
        totals_for(report.per_day, site, local_day(row.session.start)).totals.add(row);
        report.overall.add(row);
    }
    for (const auto& [site, refusals] : report.unattributed_refusals)
        for (const auto& [verdict, count] : refusals) {
            totals_for(report.per_site, site, std::nullopt).totals.refusals[verdict] += count;
            report.overall.refusals[verdict] += count;
        }

    std::ranges::stable_sort(report.per_site, {},
                             [](const SiteTotals& entry) { return site_rank(entry.site); });
    std::ranges::stable_sort(report.per_day, [](const SiteTotals& left, const SiteTotals& right) {
        return std::pair(*left.day, site_rank(left.site)) <
               std::pair(*right.day, site_rank(right.site));
    });
    return report;
}

std::string format_rate(const SessionAttendance& session)
{
    if (session.session.status == Status::Cancelled)
        return "annulée";
    if (!session.measured)
        return "non mesuré";
    if (!session.attendance_rate)
        return "—";
    return fmt::format("{:.0f} %", *session.attendance_rate * 100.0);
}

std::string describe_scope(const AttendanceScope& scope)
{
    const std::string where = scope.site ? site_name(*scope.site) : "tous les sites";
    if (scope.from == scope.to)
        return fmt::format("{}, {} {}", where, french_day(scope.from),
                           static_cast<int>(scope.from.year()));
    return fmt::format("{}, du {} au {}", where, format_day(scope.from), format_day(scope.to));
}

} // namespace kiosk
