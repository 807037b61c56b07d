#include "kiosk_display/scan_feed.hpp"

#include "kiosk/session_store.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

namespace kiosk_display {

ScanFeed::ScanFeed(std::string site_id) : site_id_(std::move(site_id)) {}

std::vector<std::pair<std::int64_t, std::int64_t>> ScanFeed::unseen_rows(kiosk::Store& store)
{
    SQLite::Statement select(store.connection(),
                             "SELECT id, at_utc FROM scans WHERE site = ?1 AND at_utc >= ?2 "
                             "ORDER BY at_utc");
    select.bind(1, site_id_);
    select.bind(2, newest_at_ - margin_seconds);
    std::vector<std::pair<std::int64_t, std::int64_t>> rows;
    while (select.executeStep()) {
        const std::int64_t id = select.getColumn(0).getInt64();
        const std::int64_t at = select.getColumn(1).getInt64();
        if (!seen_.contains({at, id}))
            rows.emplace_back(id, at);
    }
    return rows;
}

void ScanFeed::remember(std::int64_t id, std::int64_t at)
{
    seen_.insert({at, id});
    newest_at_ = std::max(newest_at_, at);
    // Older than the margin: never asked for again, so no longer worth remembering.
    seen_.erase(seen_.begin(), seen_.lower_bound({newest_at_ - margin_seconds, INT64_MIN}));
}

void ScanFeed::skip_existing(kiosk::Store& store)
{
    SQLite::Statement newest(store.connection(),
                             "SELECT coalesce(max(at_utc), 0) FROM scans WHERE site = ?1");
    newest.bind(1, site_id_);
    newest.executeStep();
    newest_at_ = newest.getColumn(0).getInt64();
    for (const auto& [id, at] : unseen_rows(store))
        remember(id, at);
}

std::vector<ScanEvent> ScanFeed::read_new(kiosk::Store& store)
{
    // One read transaction: the scans, their tickets and sessions as of one commit.
    SQLite::Transaction snapshot(store.connection(), SQLite::TransactionBehavior::DEFERRED);
    std::vector<ScanEvent> events;
    SQLite::Statement select(store.connection(),
                             "SELECT s.verdict, s.message, s.session_id, t.first_name, t.note "
                             "FROM scans s LEFT JOIN tickets t ON t.id = s.ticket_id "
                             "WHERE s.id = ?1");
    kiosk::SessionStore sessions(store);
    for (const auto& [id, at] : unseen_rows(store)) {
        remember(id, at);
        select.reset();
        select.bind(1, id);
        if (!select.executeStep())
            continue;
        ScanEvent event;
        event.scan = kiosk::ScanId{id};
        event.at = kiosk::from_unix_seconds(at);
        event.verdict = kiosk::parse_verdict(select.getColumn(0).getString())
                            .value_or(kiosk::Verdict::NotATicket);
        event.message = select.getColumn(1).getString();
        if (!select.getColumn(2).isNull())
            event.session = sessions.find(kiosk::SessionId{select.getColumn(2).getInt64()});
        event.first_name = select.getColumn(3).isNull() ? "" : select.getColumn(3).getString();
        event.staff_note = !select.getColumn(4).isNull() && !select.getColumn(4).getString().empty();
        events.push_back(std::move(event));
    }
    snapshot.commit();
    return events;
}

} // namespace kiosk_display
