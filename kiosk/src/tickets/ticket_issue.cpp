#include "kiosk/schedule/session_store.hpp"
#include "kiosk/tickets/ticket_store.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace kiosk {
namespace {

struct Existing {
    TicketId id;
    std::string key_id;
    bool revoked = false;
};

// The person's valid ticket for the session if there is one, else their latest revoked one.
std::optional<Existing> existing_ticket(Store& store, SessionId session, const std::string& holder)
{
    SQLite::Statement select(database_of(store),
                             "SELECT id, key_id, revoked_at IS NOT NULL FROM tickets "
                             "WHERE session_id = ?1 AND holder = ?2 "
                             "ORDER BY revoked_at IS NOT NULL, issued_at DESC LIMIT 1");
    select.bind(1, session.value());
    select.bind(2, holder);
    if (!select.executeStep())
        return std::nullopt;
    return Existing{TicketId::from_database(select.getColumn(0).getInt64()),
                    select.getColumn(1).getString(), select.getColumn(2).getInt() != 0};
}

} // namespace

void TicketStore::insert(const TicketClaims& claims, const SigningKey& key, Instant now,
                         const Registration* holder, const std::string& payload)
{
    SQLite::Statement insert(database_of(store_),
                             "INSERT INTO tickets (id, session_id, key_id, issued_at, first_name, "
                             "last_name, email, note, holder) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    insert.bind(1, claims.ticket.database_value());
    insert.bind(2, claims.session.value());
    insert.bind(3, key.public_key().id().to_string());
    insert.bind(4, unix_seconds(now));
    if (holder) {
        insert.bind(5, holder->first_name);
        insert.bind(6, holder->last_name);
        insert.bind(7, holder->email);
        insert.bind(8, holder->note);
        insert.bind(9, registration_identity(*holder));
    } else {
        for (int column = 5; column <= 8; ++column)
            insert.bind(column, "");
        insert.bind(9);
    }
    insert.exec();
    // The holder's ticket mail, in the same transaction as the ticket: issued means queued.
    if (holder && !holder->email.empty()) {
        SQLite::Statement queue(database_of(store_),
                                "INSERT INTO mail_outbox (kind, ticket_id, session_id, recipient, "
                                "payload, created_at) VALUES ('ticket', ?1, ?2, ?3, ?4, ?5)");
        queue.bind(1, claims.ticket.database_value());
        queue.bind(2, claims.session.value());
        queue.bind(3, holder->email);
        queue.bind(4, payload);
        queue.bind(5, unix_seconds(now));
        queue.exec();
    }
}

void TicketStore::queue_changed_ticket_mail(const TicketClaims& claims, const std::string& payload,
                                            Instant now)
{
    // Signed again with the same claims, a ticket is the same text: nothing to send. Its
    // session moved to another day, it is a new text, which its holder needs.
    SQLite::Statement queue(
        database_of(store_),
        "INSERT INTO mail_outbox (kind, ticket_id, session_id, recipient, payload, created_at) "
        "SELECT 'ticket', t.id, t.session_id, t.email, ?2, ?3 FROM tickets t WHERE t.id = ?1 "
        "AND t.email <> '' AND EXISTS (SELECT 1 FROM mail_outbox WHERE ticket_id = ?1 AND kind = "
        "'ticket') AND NOT EXISTS (SELECT 1 FROM mail_outbox WHERE ticket_id = ?1 AND kind = "
        "'ticket' AND payload = ?2)");
    queue.bind(1, claims.ticket.database_value());
    queue.bind(2, payload);
    queue.bind(3, unix_seconds(now));
    queue.exec();
}

tl::expected<std::vector<RegistrationTicket>, std::string>
TicketStore::issue_for(SessionId session_id, std::span<const Registration> registrations,
                       const SigningKey& key, Instant now, WhenRevoked when_revoked,
                       Seats seats)
{
    using Result = tl::expected<std::vector<RegistrationTicket>, std::string>;
    return store_.write([&]() -> Result {
        const auto session = SessionStore(store_).find(session_id);
        if (!session)
            return tl::unexpected(fmt::format("aucune session {}", session_id.to_string()));
        if (session->status == Status::Cancelled)
            return tl::unexpected(fmt::format("la session {} est annulée", session_id.to_string()));
        const auto key_id = key.public_key().id().to_string();
        // Everything that can refuse is checked before the first insert: a refusal is returned,
        // not thrown, so the transaction would keep what was inserted before it.
        for (const auto& registration : registrations) {
            if (const auto invalid = validate(registration))
                return tl::unexpected(invalid->message);
            const auto existing =
                existing_ticket(store_, session->id, registration_identity(registration));
            if (existing && !existing->revoked && existing->key_id != key_id)
                return tl::unexpected(
                    fmt::format("le billet {} de {} {} a été signé avec la clé {}, pas {} : "
                                "utilisez cette clé pour le réémettre",
                                existing->id.to_string(), registration.first_name,
                                registration.last_name, existing->key_id, key_id));
        }
        if (session->capacity && seats == Seats::WithinCapacity) {
            const auto planned = planned_issues(session->id, registrations, when_revoked);
            const int new_tickets =
                static_cast<int>(std::count(planned.begin(), planned.end(), Issue::Issued));
            const int valid = valid_count(session->id);
            if (valid + new_tickets > *session->capacity)
                return tl::unexpected(fmt::format(
                    "« {} » a {} places et {} billets valables : {} de plus la dépasseraient de "
                    "{} (--over-capacity pour émettre quand même)",
                    session->title, *session->capacity, valid, new_tickets,
                    valid + new_tickets - *session->capacity));
        }
        std::vector<RegistrationTicket> tickets;
        tickets.reserve(registrations.size());
        for (const auto& registration : registrations) {
            TicketClaims claims{TicketId::random(), session->id, session->site,
                                local_day(session->start)};
            const auto existing =
                existing_ticket(store_, session->id, registration_identity(registration));
            if (existing && existing->revoked && when_revoked == WhenRevoked::Skip) {
                tickets.push_back({Issue::Revoked, existing->id, ""});
                continue;
            }
            if (existing && !existing->revoked) {
                claims.ticket = existing->id;
                auto payload = sign_ticket(claims, key);
                queue_changed_ticket_mail(claims, payload, now);
                tickets.push_back({Issue::AlreadyIssued, claims.ticket, std::move(payload)});
                continue;
            }
            auto payload = sign_ticket(claims, key);
            insert(claims, key, now, &registration, payload);
            tickets.push_back({Issue::Issued, claims.ticket, std::move(payload)});
        }
        return tickets;
    });
}

std::vector<Issue> TicketStore::planned_issues(SessionId session,
                                               std::span<const Registration> registrations,
                                               WhenRevoked when_revoked)
{
    std::vector<Issue> planned;
    std::set<std::string> seen; // a person twice in the list is issued once
    for (const auto& registration : registrations) {
        const auto identity = registration_identity(registration);
        const auto existing = existing_ticket(store_, session, identity);
        if (!seen.insert(identity).second || (existing && !existing->revoked))
            planned.push_back(Issue::AlreadyIssued);
        else if (existing && when_revoked == WhenRevoked::Skip)
            planned.push_back(Issue::Revoked);
        else
            planned.push_back(Issue::Issued);
    }
    return planned;
}

int TicketStore::valid_count(SessionId session)
{
    SQLite::Statement count(database_of(store_),
                            "SELECT count(*) FROM tickets WHERE session_id = ?1 AND revoked_at "
                            "IS NULL");
    count.bind(1, session.value());
    count.executeStep();
    return count.getColumn(0).getInt();
}

std::vector<TicketListing> TicketStore::list(SessionId session)
{
    SQLite::Statement select(database_of(store_), R"sql(
        SELECT t.id, t.first_name, t.last_name, t.email, t.note, t.issued_at, t.revoked_at,
               (SELECT min(c.at_utc) FROM checkins c
                 WHERE c.ticket_id = t.id AND c.session_id = t.session_id
                   AND c.undone_at IS NULL),
               t.last_initial, t.last_name_key
        FROM tickets t WHERE t.session_id = ?1 ORDER BY t.issued_at, t.rowid)sql");
    select.bind(1, session.value());
    std::vector<TicketListing> tickets;
    while (select.executeStep()) {
        TicketListing ticket;
        ticket.id = TicketId::from_database(select.getColumn(0).getInt64());
        ticket.holder = {select.getColumn(1).getString(), select.getColumn(2).getString(),
                         select.getColumn(3).getString(), select.getColumn(4).getString()};
        ticket.issued_at = from_unix_seconds(select.getColumn(5).getInt64());
        if (!select.getColumn(6).isNull())
            ticket.revoked_at = from_unix_seconds(select.getColumn(6).getInt64());
        if (!select.getColumn(7).isNull())
            ticket.checked_in_at = from_unix_seconds(select.getColumn(7).getInt64());
        ticket.last_initial = select.getColumn(8).getString();
        ticket.last_name_tag = select.getColumn(9).getString();
        tickets.push_back(std::move(ticket));
    }
    return tickets;
}

} // namespace kiosk
