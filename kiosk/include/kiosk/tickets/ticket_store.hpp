#pragma once

// Tickets as the office database knows them: issued for a session, perhaps revoked. A site
// database holds the rows sent to it (for first names and revocations); a kiosk still admits
// a valid signed ticket it has no row for.

#include "kiosk/store/store.hpp"
#include "kiosk/tickets/keys.hpp"
#include "kiosk/tickets/registration.hpp"
#include "kiosk/tickets/ticket.hpp"

#include <optional>
#include <span>
#include <string>
#include <tl/expected.hpp>
#include <vector>

namespace kiosk {

struct IssuedTicket {
    TicketId id;
    SessionId session;
    std::string key_id;
    Instant issued_at;
    std::optional<Instant> revoked_at;
};

struct SignedTicket {
    TicketClaims claims;
    std::string payload;
};

// What issuing did for one registration.
enum class Issue {
    Issued,        // a new ticket
    AlreadyIssued, // the person holds a valid ticket for the session: that one, signed again
    Revoked,       // the person's ticket was revoked and the caller asked not to replace it
};

// When the person's only ticket for the session was revoked (lost, or the registration
// cancelled): make a new one (a single issue at the desk), or leave it (a rerun of an import,
// which must not bring a cancelled registration back).
enum class WhenRevoked { IssueAgain, Skip };

// A session's capacity bounds its valid tickets: more is refused unless asked for (a planner who
// knows a fifth of free registrations do not come).
enum class Seats { WithinCapacity, OverCapacity };

struct RegistrationTicket {
    Issue issue = Issue::Issued;
    TicketId id;
    std::string payload; // empty when Revoked
};

struct TicketListing {
    TicketId id;
    Registration holder; // empty names for tickets signed without a registration
    Instant issued_at;
    std::optional<Instant> revoked_at;
    std::optional<Instant> checked_in_at; // the check-in not undone, if any
    // At a site, instead of the last name: its initial and a tag to find it (name_search.hpp).
    std::string last_initial;
    std::string last_name_tag;
};

class TicketStore {
public:
    explicit TicketStore(Store& store)
        : store_(store)
    {
    }

    // Signs a ticket for a session of this database (its current site and day) and records
    // it. Fails, writing nothing, when the session is unknown or cancelled.
    [[nodiscard]] tl::expected<SignedTicket, std::string> issue(SessionId session,
                                                                const SigningKey& key, Instant now);

    // One ticket per registration, in one transaction: all or nothing. A person already holding
    // a valid ticket (same registration_identity()) gets it again, signed again — Ed25519 is
    // deterministic, so the payload is the same while the session keeps its site and day. Fails,
    // writing nothing, for an unknown or cancelled session, an invalid registration, or a ticket
    // to sign again that another key signed, or (Seats::WithinCapacity) more valid tickets than
    // the session has seats.
    [[nodiscard]] tl::expected<std::vector<RegistrationTicket>, std::string>
    issue_for(SessionId session, std::span<const Registration> registrations,
              const SigningKey& key, Instant now, WhenRevoked when_revoked,
              Seats seats = Seats::WithinCapacity);

    // What issue_for() would do for each registration, writing nothing.
    [[nodiscard]] std::vector<Issue> planned_issues(SessionId session,
                                                    std::span<const Registration> registrations,
                                                    WhenRevoked when_revoked);

    // Valid (not revoked) tickets of the session.
    [[nodiscard]] int valid_count(SessionId session);

    // The session's tickets, in the order they were issued.
    [[nodiscard]] std::vector<TicketListing> list(SessionId session);

    // False when there is no such ticket or it was already revoked. Queues the holder's
    // "votre billet est annulé" mail in the same transaction.
    bool revoke(TicketId id, Instant now);

    [[nodiscard]] std::optional<IssuedTicket> find(TicketId id);

private:
    // Records the ticket and, when its holder has an e-mail address, queues its mail with
    // `payload` (the QR code's text) in the same transaction.
    void insert(const TicketClaims& claims, const SigningKey& key, Instant now,
                const Registration* holder, const std::string& payload);
    // A ticket signed again whose text changed (its session moved to another day) is mailed
    // again to its holder, when its first text was.
    void queue_changed_ticket_mail(const TicketClaims& claims, const std::string& payload,
                                   Instant now);

    Store& store_;
};

} // namespace kiosk
