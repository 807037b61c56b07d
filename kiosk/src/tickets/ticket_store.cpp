#include "kiosk/tickets/ticket_store.hpp"

#include "kiosk/schedule/session_store.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace kiosk {

tl::expected<SignedTicket, std::string> TicketStore::issue(SessionId session_id,
                                                           const SigningKey& key, Instant now)
{
    return store_.write([&]() -> tl::expected<SignedTicket, std::string> {
        const auto session = SessionStore(store_).find(session_id);
        if (!session)
            return tl::unexpected(fmt::format("aucune session {}", session_id.to_string()));
        if (session->status == Status::Cancelled)
            return tl::unexpected(fmt::format("la session {} est annulée", session_id.to_string()));
        SignedTicket ticket;
        ticket.claims = {TicketId::random(), session->id, session->site, local_day(session->start)};
        ticket.payload = sign_ticket(ticket.claims, key);
        insert(ticket.claims, key, now, nullptr, ticket.payload);
        return ticket;
    });
}

bool TicketStore::revoke(TicketId id, Instant now)
{
    return store_.write([&] {
        SQLite::Statement revoke(database_of(store_), "UPDATE tickets SET revoked_at = ?2 "
                                                      "WHERE id = ?1 AND revoked_at IS NULL");
        revoke.bind(1, id.database_value());
        revoke.bind(2, unix_seconds(now));
        if (revoke.exec() != 1)
            return false;
        // The holder is told, in the same transaction: "votre billet est annulé". Mails about
        // this ticket not sent yet are no longer true: the sender drops them (mail/outbox).
        SQLite::Statement queue(database_of(store_),
                                "INSERT INTO mail_outbox (kind, ticket_id, session_id, recipient, "
                                "created_at) SELECT 'revocation', id, session_id, email, ?2 "
                                "FROM tickets WHERE id = ?1 AND email <> ''");
        queue.bind(1, id.database_value());
        queue.bind(2, unix_seconds(now));
        queue.exec();
        return true;
    });
}

std::optional<IssuedTicket> TicketStore::find(TicketId id)
{
    SQLite::Statement select(database_of(store_),
                             "SELECT session_id, key_id, issued_at, revoked_at "
                             "FROM tickets WHERE id = ?1");
    select.bind(1, id.database_value());
    if (!select.executeStep())
        return std::nullopt;
    IssuedTicket ticket;
    ticket.id = id;
    ticket.session = SessionId{select.getColumn(0).getInt64()};
    ticket.key_id = select.getColumn(1).getString();
    ticket.issued_at = from_unix_seconds(select.getColumn(2).getInt64());
    if (!select.getColumn(3).isNull())
        ticket.revoked_at = from_unix_seconds(select.getColumn(3).getInt64());
    return ticket;
}

} // namespace kiosk
