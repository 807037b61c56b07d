#include "kiosk_mail/sender.hpp"

#include "kiosk/mail/outbox.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk_mail/compose.hpp"
#include "kiosk_print/output_file.hpp"

#include <fmt/format.h>

namespace kiosk_mail {

namespace {

// The relay's 250 is recorded whatever the database is doing: a record lost to a busy moment
// would send the message again.
void record_sent(kiosk::Outbox& outbox, std::int64_t id, kiosk::Instant now)
{
    for (int attempt = 1;; ++attempt) {
        try {
            outbox.mark_sent(id, now);
            return;
        } catch (const std::exception& error) {
            if (attempt == 5 || kiosk::database_problem(error) != kiosk::DatabaseProblem::Busy)
                throw;
        }
    }
}

} // namespace

SendReport send_outbox(kiosk::Store& store, const MailConfig& config,
                       const kiosk_print::Fonts& fonts, Transport* transport, kiosk::Instant now,
                       const SendOptions& options)
{
    kiosk::Outbox outbox(store);
    SendReport report;
    if (!options.dry_run) {
        report.reminders_queued = outbox.queue_reminders(now, config.reminder_lead);
        report.organisers_queued = outbox.queue_organiser_mails(config.organisers, now);
    }
    // A message left Sending this long ago was not being sent any more: its sender stopped.
    const auto stale = 2 * config.relay.timeout;
    kiosk::SessionStore sessions(store);
    for (const auto& entry : outbox.due(now, options.limit, stale)) {
        const auto session = sessions.find(entry.session);
        if (auto why = kiosk::reason_to_drop(store, entry, session, now)) {
            ++report.dropped;
            if (!options.dry_run)
                outbox.mark_dropped(entry.id, *why);
            continue;
        }
        ComposedMail mail;
        try {
            mail = compose(entry, *session, config, fonts, now);
        } catch (const std::exception& error) {
            // One message that cannot be made must not hold back the others.
            ++report.refused;
            if (!options.dry_run)
                outbox.mark_failed(entry.id,
                                   fmt::format("message impossible à composer : {}", error.what()));
            continue;
        }
        if (options.dry_run) {
            const auto file = *options.dry_run / fmt::format("{:06}-{}-{}.eml", entry.id,
                                                             kiosk::mail_kind_name(entry.kind),
                                                             entry.ticket.to_string());
            kiosk_print::write_file_atomically(file, mail.bytes);
            report.written.push_back(file);
            ++report.sent;
            continue;
        }
        // Recorded before the relay hears of it: a sender that dies after the relay's 250
        // leaves it Sending, and a later run sends it again under the same Message-ID. Another
        // sender at work may have taken it: then it is that one's.
        if (!outbox.claim(entry.id, now, stale))
            continue;
        DeliveryResult result;
        try {
            result = transport->send(mail.from_address, mail.recipient, mail.bytes);
        } catch (const std::exception& error) {
            result = {Delivery::Deferred, 0, fmt::format("échec de l'envoi : {}", error.what())};
        }
        switch (result.outcome) {
        case Delivery::Accepted:
            record_sent(outbox, entry.id, now);
            ++report.sent;
            break;
        case Delivery::Refused:
            outbox.mark_failed(entry.id, result.detail);
            ++report.refused;
            break;
        case Delivery::Deferred:
            outbox.mark_retry(entry.id, now, result.detail);
            ++report.deferred;
            break;
        case Delivery::Unreachable:
            outbox.mark_retry(entry.id, now, result.detail);
            ++report.deferred;
            report.relay_problem = result.detail;
            break;
        }
        if (!report.relay_problem.empty())
            break;
    }
    report.waiting = outbox.count(kiosk::MailStatus::Queued);
    return report;
}

} // namespace kiosk_mail
