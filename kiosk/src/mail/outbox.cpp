#include "kiosk/mail/outbox.hpp"

#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <array>
#include <stdexcept>

namespace kiosk {
namespace {

struct KindName {
    MailKind kind;
    std::string_view name;
    std::string_view french;
};
constexpr std::array kind_names{
    KindName{MailKind::Ticket, "ticket", "billet"},
    KindName{MailKind::Reminder, "reminder", "rappel"},
    KindName{MailKind::Revocation, "revocation", "billet annulé"},
    KindName{MailKind::SessionChanged, "session_changed", "session modifiée"},
    KindName{MailKind::SessionCancelled, "session_cancelled", "session annulée"},
    KindName{MailKind::Organiser, "organiser", "organisateur"},
};

struct StatusName {
    MailStatus status;
    std::string_view name;
    std::string_view french;
};
constexpr std::array status_names{
    StatusName{MailStatus::Queued, "queued", "en file"},
    StatusName{MailStatus::Sending, "sending", "en cours d'envoi"},
    StatusName{MailStatus::Sent, "sent", "envoyé"},
    StatusName{MailStatus::Failed, "failed", "refusé"},
    StatusName{MailStatus::Dropped, "dropped", "abandonné"},
};

MailKind parse_kind_name(std::string_view text)
{
    for (const auto& entry : kind_names)
        if (entry.name == text)
            return entry.kind;
    throw std::runtime_error("mail_outbox: unknown kind");
}

MailStatus parse_status_name(std::string_view text)
{
    for (const auto& entry : status_names)
        if (entry.name == text)
            return entry.status;
    throw std::runtime_error("mail_outbox: unknown status");
}

constexpr std::string_view entry_columns =
    "o.id, o.kind, o.ticket_id, o.session_id, o.recipient, o.payload, o.status, o.attempts, "
    "o.next_attempt_at, o.last_error, o.created_at, o.sent_at, coalesce(t.first_name, ''), "
    "t.revoked_at IS NOT NULL";

OutboxEntry read_entry(SQLite::Statement& select)
{
    OutboxEntry entry;
    entry.id = select.getColumn(0).getInt64();
    entry.kind = parse_kind_name(select.getColumn(1).getString());
    entry.ticket = TicketId::from_database(select.getColumn(2).getInt64());
    entry.session = SessionId{select.getColumn(3).getInt64()};
    entry.recipient = select.getColumn(4).getString();
    entry.payload = select.getColumn(5).getString();
    entry.status = parse_status_name(select.getColumn(6).getString());
    entry.attempts = select.getColumn(7).getInt();
    entry.next_attempt_at = from_unix_seconds(select.getColumn(8).getInt64());
    entry.last_error = select.getColumn(9).getString();
    entry.created_at = from_unix_seconds(select.getColumn(10).getInt64());
    if (!select.getColumn(11).isNull())
        entry.sent_at = from_unix_seconds(select.getColumn(11).getInt64());
    entry.first_name = select.getColumn(12).getString();
    entry.ticket_revoked = select.getColumn(13).getInt() != 0;
    return entry;
}

std::string select_entries(std::string_view where)
{
    return std::string("SELECT ") + std::string(entry_columns) +
           " FROM mail_outbox o LEFT JOIN tickets t ON t.id = o.ticket_id " + std::string(where);
}

// Records what became of message `id`: its status, the relay's last word or why it was given
// up (kept to 1000 characters, empty once sent) and, when sent, the time it left.
void set_status(Store& store, std::int64_t id, MailStatus status, const std::string& error,
                std::optional<Instant> sent_at = std::nullopt)
{
    store.write([&] {
        SQLite::Statement update(database_of(store),
                                 "UPDATE mail_outbox SET status = ?2, last_error = substr(?3, 1, "
                                 "1000), sent_at = coalesce(?4, sent_at) WHERE id = ?1");
        update.bind(1, id);
        update.bind(2, std::string(mail_status_name(status)));
        update.bind(3, error);
        if (sent_at)
            update.bind(4, unix_seconds(*sent_at));
        update.exec();
    });
}

// Whether another message for the entry's ticket meets `condition`, where ?1 is the ticket
// and ?2 the entry.
bool any_other_message(Store& store, const OutboxEntry& entry, std::string_view condition)
{
    SQLite::Statement select(database_of(store),
                             std::string("SELECT EXISTS (SELECT 1 FROM mail_outbox WHERE "
                                         "ticket_id = ?1 AND id <> ?2 AND ") +
                                 std::string(condition) + ")");
    select.bind(1, entry.ticket.database_value());
    select.bind(2, entry.id);
    select.executeStep();
    return select.getColumn(0).getInt() != 0;
}

} // namespace

std::string_view mail_kind_name(MailKind kind)
{
    return std::find_if(kind_names.begin(), kind_names.end(),
                        [&](const auto& entry) { return entry.kind == kind; })
        ->name;
}

std::string_view french_mail_kind(MailKind kind)
{
    return std::find_if(kind_names.begin(), kind_names.end(),
                        [&](const auto& entry) { return entry.kind == kind; })
        ->french;
}

std::string_view mail_status_name(MailStatus status)
{
    return std::find_if(status_names.begin(), status_names.end(),
                        [&](const auto& entry) { return entry.status == status; })
        ->name;
}

std::string_view french_mail_status(MailStatus status)
{
    return std::find_if(status_names.begin(), status_names.end(),
                        [&](const auto& entry) { return entry.status == status; })
        ->french;
}

std::chrono::minutes mail_back_off(int attempts)
{
    const int doublings = std::clamp(attempts - 1, 0, 6);
    return std::min(std::chrono::minutes{1 << doublings}, std::chrono::minutes{60});
}

std::optional<std::string> reason_to_drop(Store& store, const OutboxEntry& entry,
                                          const std::optional<Session>& session, Instant now)
{
    if (entry.recipient.empty())
        return "adresse effacée (données personnelles purgées)";
    if (!session)
        return "la session n'existe plus";
    if (entry.kind != MailKind::Revocation && entry.ticket_revoked)
        return "billet révoqué entre-temps";
    if (session->effective_end() <= now)
        return "la session est passée";
    const bool cancelled = session->status == Status::Cancelled;
    if (cancelled && entry.kind != MailKind::SessionCancelled && entry.kind != MailKind::Revocation)
        return "la session est annulée";
    if (entry.kind == MailKind::SessionCancelled && !cancelled)
        return "la session n'est plus annulée";
    if (entry.kind == MailKind::Ticket) {
        // Issued again with a new text (the session moved to another day): only the newest
        // ticket admits at the door.
        if (any_other_message(store, entry, "id > ?2 AND kind = 'ticket'"))
            return "remplacé par un billet plus récent";
        return std::nullopt;
    }
    if (entry.kind == MailKind::SessionCancelled) {
        // Cancelled by the office and by the site's day-of state: told once.
        if (any_other_message(store, entry,
                              "kind = 'session_cancelled' AND (status = 'sent' OR (id < ?2 AND "
                              "status IN ('queued', 'sending')))"))
            return "annulation déjà annoncée";
        return std::nullopt;
    }
    if (entry.kind != MailKind::SessionChanged)
        return std::nullopt;
    // A change is told once, by the latest message: an earlier change, or a ticket mail still
    // to leave (composed with the new time and room), already says it.
    if (any_other_message(store, entry,
                          "status IN ('queued', 'sending') AND (kind = 'ticket' OR (kind IN "
                          "('session_changed', 'session_cancelled') AND id > ?2))"))
        return "remplacé par un message plus récent";
    return std::nullopt;
}

std::vector<OutboxEntry> Outbox::due(Instant now, int limit, std::chrono::seconds stale)
{
    return store_.read([&] {
        SQLite::Statement select(database_of(store_),
                                 select_entries("WHERE (o.status = 'queued' AND o.next_attempt_at "
                                                "<= ?1) OR (o.status = 'sending' AND "
                                                "o.next_attempt_at <= ?1 - ?3) ORDER BY o.id "
                                                "LIMIT ?2"));
        select.bind(1, unix_seconds(now));
        select.bind(2, limit);
        select.bind(3, static_cast<std::int64_t>(stale.count()));
        std::vector<OutboxEntry> entries;
        while (select.executeStep())
            entries.push_back(read_entry(select));
        return entries;
    });
}

int Outbox::queue_reminders(Instant now, std::chrono::minutes lead)
{
    return store_.write([&] {
        // The payload comes from the ticket's latest mail: a reminder carries the same ticket.
        SQLite::Statement queue(
            database_of(store_),
            "INSERT INTO mail_outbox (kind, ticket_id, session_id, recipient, payload, created_at) "
            "SELECT 'reminder', t.id, t.session_id, t.email, m.payload, ?1 "
            "FROM tickets t JOIN sessions_now s ON s.id = t.session_id "
            "JOIN mail_outbox m ON m.id = (SELECT max(id) FROM mail_outbox WHERE ticket_id = "
            "t.id AND kind = 'ticket' AND status = 'sent') "
            "WHERE t.revoked_at IS NULL AND t.email <> '' AND s.status <> 'cancelled' "
            "AND s.start_utc + 60 * s.delay_min > ?1 AND s.start_utc + 60 * s.delay_min <= ?2 "
            "AND m.payload <> '' AND m.sent_at <= s.start_utc + 60 * s.delay_min - ?3 "
            "ON CONFLICT (ticket_id) WHERE kind = 'reminder' DO NOTHING");
        queue.bind(1, unix_seconds(now));
        queue.bind(2, unix_seconds(now + lead));
        queue.bind(3, static_cast<std::int64_t>(std::chrono::seconds{lead}.count()));
        return queue.exec();
    });
}

int Outbox::queue_organiser_mails(const std::map<std::string, std::string>& address_of,
                                  Instant now)
{
    return store_.write([&] {
        int queued = 0;
        for (const auto& [organiser, address] : address_of) {
            SQLite::Statement queue(
                database_of(store_),
                "INSERT INTO mail_outbox (kind, ticket_id, session_id, recipient, created_at) "
                "SELECT 'organiser', 0, s.id, ?2, ?3 FROM sessions_now s WHERE s.kind = 'privee' "
                "AND s.organiser = ?1 AND s.join_url <> '' AND s.status <> 'cancelled' "
                "AND s.start_utc + 60 * s.delay_min > ?3 AND EXISTS (SELECT 1 FROM tickets t "
                "WHERE t.session_id = s.id AND t.revoked_at IS NULL) "
                "ON CONFLICT (session_id, recipient) WHERE kind = 'organiser' DO NOTHING");
            queue.bind(1, organiser);
            queue.bind(2, address);
            queue.bind(3, unix_seconds(now));
            queued += queue.exec();
        }
        return queued;
    });
}

bool Outbox::claim(std::int64_t id, Instant now, std::chrono::seconds stale)
{
    return store_.write([&] {
        SQLite::Statement update(database_of(store_),
                                 "UPDATE mail_outbox SET status = 'sending', attempts = attempts "
                                 "+ 1, next_attempt_at = ?2 WHERE id = ?1 AND ((status = "
                                 "'queued' AND next_attempt_at <= ?2) OR (status = 'sending' AND "
                                 "next_attempt_at <= ?2 - ?3))");
        update.bind(1, id);
        update.bind(2, unix_seconds(now));
        update.bind(3, static_cast<std::int64_t>(stale.count()));
        return update.exec() == 1;
    });
}

void Outbox::mark_sent(std::int64_t id, Instant now)
{
    set_status(store_, id, MailStatus::Sent, "", now);
}

void Outbox::mark_retry(std::int64_t id, Instant now, const std::string& error)
{
    store_.write([&] {
        SQLite::Statement update(
            database_of(store_),
            "UPDATE mail_outbox SET status = 'queued', next_attempt_at = ?2 + 60 * min(60, "
            "1 << min(6, max(0, attempts - 1))), last_error = substr(?3, 1, 1000) WHERE id = ?1");
        update.bind(1, id);
        update.bind(2, unix_seconds(now));
        update.bind(3, error);
        update.exec();
    });
}

void Outbox::mark_failed(std::int64_t id, const std::string& error)
{
    set_status(store_, id, MailStatus::Failed, error);
}

void Outbox::mark_dropped(std::int64_t id, const std::string& why)
{
    set_status(store_, id, MailStatus::Dropped, why);
}

bool Outbox::retry(std::int64_t id)
{
    return store_.write([&] {
        SQLite::Statement update(database_of(store_),
                                 "UPDATE mail_outbox SET status = 'queued', next_attempt_at = 0, "
                                 "attempts = 0 WHERE id = ?1 AND status IN ('failed', 'dropped')");
        update.bind(1, id);
        return update.exec() == 1;
    });
}

std::vector<OutboxEntry> Outbox::list(const OutboxFilter& filter)
{
    return store_.read([&] {
        SQLite::Statement select(database_of(store_),
                                 select_entries("WHERE (?1 IS NULL OR o.status = ?1) AND (?2 IS "
                                                "NULL OR o.session_id = ?2) ORDER BY o.id DESC LIMIT ?3"));
        if (filter.status)
            select.bind(1, std::string(mail_status_name(*filter.status)));
        if (filter.session)
            select.bind(2, filter.session->value());
        select.bind(3, filter.limit);
        std::vector<OutboxEntry> entries;
        while (select.executeStep())
            entries.push_back(read_entry(select));
        return entries;
    });
}

std::optional<OutboxEntry> Outbox::find(std::int64_t id)
{
    return store_.read([&]() -> std::optional<OutboxEntry> {
        SQLite::Statement select(database_of(store_), select_entries("WHERE o.id = ?1"));
        select.bind(1, id);
        if (!select.executeStep())
            return std::nullopt;
        return read_entry(select);
    });
}

int Outbox::count(MailStatus status)
{
    return store_.read([&] {
        SQLite::Statement select(database_of(store_),
                                 "SELECT count(*) FROM mail_outbox WHERE status = ?1");
        select.bind(1, std::string(mail_status_name(status)));
        select.executeStep();
        return select.getColumn(0).getInt();
    });
}

} // namespace kiosk
