#include "kiosk/checkin/scan_feed.hpp"

#include "store/change_log.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>

namespace kiosk {
namespace {

// A scan older than this when the board reads it is no visitor standing there: a row rewritten
// later (a purge erases the raw text of past days' scans) moves in the change log like a new
// one. Ten minutes leaves room for a scan retried after a busy database, which keeps its
// instant, and for a reader whose clock is a little ahead of the board's.
constexpr std::chrono::minutes recent{10};

CheckinOutcome outcome_of(const SQLite::Column& verdict, const SQLite::Column& stored)
{
    CheckinOutcome outcome;
    const auto document = nlohmann::ordered_json::parse(stored.getString(), nullptr, false);
    if (document.is_object())
        outcome = document.get<CheckinOutcome>();
    // The verdict's column is the record; a scan written before outcomes were kept, or brought
    // by sync without one, still reads as what it was.
    outcome.verdict = parse_verdict(verdict.getString()).value_or(Verdict::NotATicket);
    return outcome;
}

} // namespace

ScanFeed::ScanFeed(Store& store, std::string site)
    : site_(std::move(site))
    , cursor_(change_log_end(store))
{}

std::vector<RecordedScan> ScanFeed::read_new(Store& store, Instant now)
{
    return store.read([&] {
        std::vector<RecordedScan> scans;
        const std::int64_t end = change_log_end(store);
        // A database put in place of the one read before (a restore) numbers its log anew:
        // read it from the start, the time window keeping its history out.
        if (end < cursor_)
            cursor_ = 0;
        const Instant oldest = now - recent;
        SQLite::Statement select(
            database_of(store),
            "SELECT s.id, s.at_utc, s.verdict, s.outcome, t.first_name, t.note, s.raw_bytes "
            "FROM sync_changes c JOIN scans s ON s.id = c.row_key "
            "LEFT JOIN tickets t ON t.id = s.ticket_id "
            "WHERE c.owner = ?1 AND c.table_name = 'scans' AND c.seq > ?2 AND c.seq <= ?3 "
            "AND c.deleted = 0 AND s.site = ?1 AND s.at_utc >= ?4 "
            "ORDER BY c.seq");
        select.bind(1, site_);
        select.bind(2, cursor_);
        select.bind(3, end);
        select.bind(4, unix_seconds(oldest));
        while (select.executeStep()) {
            RecordedScan scan;
            scan.scan = ScanId{select.getColumn(0).getInt64()};
            scan.at = from_unix_seconds(select.getColumn(1).getInt64());
            scan.outcome = outcome_of(select.getColumn(2), select.getColumn(3));
            // An entry staff typed (no code read) that was refused is theirs to handle: the
            // room never sees a refusal banner for it.
            if (select.getColumn(6).getInt64() == 0 && !admits(scan.outcome.verdict))
                continue;
            scan.first_name = select.getColumn(4).isNull() ? "" : select.getColumn(4).getString();
            scan.staff_note =
                !select.getColumn(5).isNull() && !select.getColumn(5).getString().empty();
            scans.push_back(std::move(scan));
        }
        cursor_ = end;
        return scans;
    });
}

} // namespace kiosk
