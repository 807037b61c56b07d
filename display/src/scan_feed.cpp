#include "kiosk_display/scan_feed.hpp"

#include "kiosk/session_store.hpp"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>

namespace kiosk_display {

ScanFeed::ScanFeed(std::string site_id) : site_id_(std::move(site_id)) {}

std::vector<std::pair<std::int64_t, std::int64_t>> ScanFeed::unseen_since(kiosk::Store& store,
                                                                           std::int64_t from)
{
    SQLite::Statement select(store.connection(),
                             "SELECT id, at_utc FROM scans WHERE site = ?1 AND at_utc >= ?2 "
                             "ORDER BY at_utc");
    select.bind(1, site_id_);
    select.bind(2, from);
    std::vector<std::pair<std::int64_t, std::int64_t>> rows;
    while (select.executeStep()) {
        const std::int64_t id = select.getColumn(0).getInt64();
        if (!seen_.contains(id))
            rows.emplace_back(id, select.getColumn(1).getInt64());
    }
    return rows;
}

void ScanFeed::remember(std::int64_t id, std::int64_t at)
{
    newest_at_ = std::max(newest_at_, at);
    if (!seen_.insert(id).second)
        return;
    seen_order_.push_back(id);
    if (seen_order_.size() > remembered) {
        seen_.erase(seen_order_.front());
        seen_order_.pop_front();
    }
}

void ScanFeed::skip_existing(kiosk::Store& store, kiosk::Instant now)
{
    SQLite::Statement newest(store.connection(),
                             "SELECT coalesce(max(at_utc), 0) FROM scans WHERE site = ?1");
    newest.bind(1, site_id_);
    newest.executeStep();
    const std::int64_t from = std::min(newest.getColumn(0).getInt64(), kiosk::unix_seconds(now));
    for (const auto& [id, at] : unseen_since(store, from - 24 * 3600))
        remember(id, at);
}

std::vector<ScanEvent> ScanFeed::read_new(kiosk::Store& store, kiosk::Instant now)
{
    // One read transaction: the scans, their tickets and sessions as of one commit.
    SQLite::Transaction snapshot(store.connection(), SQLite::TransactionBehavior::DEFERRED);
    std::vector<ScanEvent> events;
    SQLite::Statement select(store.connection(),
                             "SELECT s.verdict, s.message, s.session_id, t.first_name, t.note "
                             "FROM scans s LEFT JOIN tickets t ON t.id = s.ticket_id "
                             "WHERE s.id = ?1");
    kiosk::SessionStore sessions(store);
    const std::int64_t from = std::min(newest_at_, kiosk::unix_seconds(now)) - margin_seconds;
    for (const auto& [id, at] : unseen_since(store, from)) {
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
