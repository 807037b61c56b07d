#pragma once

// The office's mail outbox: what is to be sent, queued in the transaction that causes it.
// Issuing a ticket to someone with an e-mail address queues its ticket mail, revoking it queues
// "votre billet est annulé" (TicketStore), a session moved or cancelled queues a word to every
// valid holder (the schema's triggers, whoever wrote the change), and reminders are queued the
// day before by queue_reminders(). The sender (kiosk_mail) takes what is due, composes each
// message from what is true when it leaves, and records the relay's answer here.
//
// A message is sent at least once: it is marked `Sending` (committed) before the relay is
// called, and `Sent` after the relay's 250. A sender that dies between the two leaves it
// `Sending`; the next run sends it again with the same Message-ID, so a duplicate is at worst
// recognisable as one. Nothing accepted by the relay and recorded is ever sent again.

#include "kiosk/base/ids.hpp"
#include "kiosk/base/time.hpp"
#include "kiosk/schedule/session.hpp"
#include "kiosk/store/store.hpp"
#include "kiosk/tickets/ticket.hpp"

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk {

enum class MailKind {
    Ticket,
    Reminder,
    Revocation,
    SessionChanged,
    SessionCancelled,
    Organiser, // a private session's link to its organiser (no ticket)
};
enum class MailStatus { Queued, Sending, Sent, Failed, Dropped };

[[nodiscard]] std::string_view mail_kind_name(MailKind kind);     // "ticket", "reminder", …
[[nodiscard]] std::string_view mail_status_name(MailStatus status); // "queued", "sent", …
[[nodiscard]] std::string_view french_mail_kind(MailKind kind);   // "billet", "rappel", …
[[nodiscard]] std::string_view french_mail_status(MailStatus status); // "en file", "envoyé", …

struct OutboxEntry {
    std::int64_t id = 0;
    MailKind kind = MailKind::Ticket;
    TicketId ticket;
    SessionId session;
    std::string recipient;
    std::string payload; // the QR code's text, for ticket mails and reminders
    MailStatus status = MailStatus::Queued;
    int attempts = 0;
    Instant next_attempt_at{};
    std::string last_error;
    Instant created_at{};
    std::optional<Instant> sent_at;
    // From the ticket, when the entry is read to be sent.
    std::string first_name;
    bool ticket_revoked = false;
};

struct OutboxFilter {
    std::optional<MailStatus> status;
    std::optional<SessionId> session;
    int limit = 200;
};

// Why a due message is not sent but dropped; none when it is to be sent.
[[nodiscard]] std::optional<std::string> reason_to_drop(Store& store, const OutboxEntry& entry,
                                                        const std::optional<Session>& session,
                                                        Instant now);

class Outbox {
public:
    explicit Outbox(Store& store)
        : store_(store)
    {
    }

    // What is due at `now`, oldest first: queued messages whose time has come, and any left
    // `Sending` for longer than `stale` by a sender that stopped before recording the relay's
    // answer (one still at work is left to it).
    [[nodiscard]] std::vector<OutboxEntry> due(Instant now, int limit, std::chrono::seconds stale);

    // Reminders for the valid tickets (with an address and a ticket mail the relay accepted at
    // least `lead` before the start: a ticket mailed the day before needs no reminder) of
    // sessions starting within `lead` after `now`, not cancelled; each ticket is reminded once,
    // whatever reruns. Returns how many were queued.
    int queue_reminders(Instant now, std::chrono::minutes lead);

    // For each organiser named (as private sessions name them) with an address: the link of
    // each of their private sessions still to come that has a valid ticket, once per session
    // and address. Returns how many were queued.
    int queue_organiser_mails(const std::map<std::string, std::string>& address_of, Instant now);

    // Marks a due message `Sending` before the relay hears of it. False when another sender
    // took it meanwhile (or it is no longer due): this one must leave it alone.
    [[nodiscard]] bool claim(std::int64_t id, Instant now, std::chrono::seconds stale);
    void mark_sent(std::int64_t id, Instant now);
    // A temporary failure: tried again after a back-off that doubles from one minute to an hour.
    void mark_retry(std::int64_t id, Instant now, const std::string& error);
    // A permanent refusal (5xx) for this address: not tried again unless asked (retry()).
    void mark_failed(std::int64_t id, const std::string& error);
    void mark_dropped(std::int64_t id, const std::string& why);

    // A failed (or dropped) message queued again, due now, its attempts counted afresh. False
    // when there is no such message or it is not failed or dropped.
    bool retry(std::int64_t id);

    // The newest first.
    [[nodiscard]] std::vector<OutboxEntry> list(const OutboxFilter& filter);
    [[nodiscard]] std::optional<OutboxEntry> find(std::int64_t id);
    [[nodiscard]] int count(MailStatus status);

private:
    Store& store_;
};

// The back-off after `attempts` temporary failures: 1, 2, 4 … minutes, at most an hour.
[[nodiscard]] std::chrono::minutes mail_back_off(int attempts);

} // namespace kiosk
