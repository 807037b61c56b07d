#pragma once

// What each mail of the outbox says, in French, composed from what is true when it leaves:
// the session as it now stands, the site's sender and visitor information, the ticket.
//   ticket      "Votre billet : …" — the QR code inline (an on-site session) or the join link
//               (online), the PDF attached, the .ics invitation, what to bring, how to come,
//               how to give the seat back (a reply to the site)
//   reminder    "Rappel : … demain à 14 h 30" — the same, the day before
//   revocation  "Votre billet est annulé" — and the calendar entry withdrawn
//   session_changed / session_cancelled — the new time and place, or the cancellation
// Each message has a Message-ID of its own, the same on every attempt, that names the ticket:
// a message sent twice (a crash after the relay's 250) is recognisable as one.

#include "kiosk/mail/outbox.hpp"
#include "kiosk/schedule/session.hpp"
#include "kiosk_mail/mail_config.hpp"
#include "kiosk_print/fonts.hpp"

#include <string>

namespace kiosk_mail {

struct ComposedMail {
    std::string message_id; // without angle brackets
    std::string from_address;
    std::string recipient;
    std::string subject;
    std::string bytes; // the whole message, CRLF line ends
};

[[nodiscard]] std::string message_id(const kiosk::OutboxEntry& entry, const MailConfig& config);

[[nodiscard]] ComposedMail compose(const kiosk::OutboxEntry& entry, const kiosk::Session& session,
                                   const MailConfig& config, const kiosk_print::Fonts& fonts,
                                   kiosk::Instant now);

} // namespace kiosk_mail
