#include "kiosk_mail/sender.hpp"

#include "kiosk/mail/outbox.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk_mail/compose.hpp"
#include "kiosk_print/output_file.hpp"

#include <fmt/format.h>

namespace kiosk_mail {

SendReport send_outbox(kiosk::Store& store, const MailConfig& config,
                       const kiosk_print::Fonts& fonts, Transport* transport, kiosk::Instant now,
                       const SendOptions& options)
{
    kiosk::Outbox outbox(store);
    SendReport report;
    if (!options.dry_run)
        report.reminders_queued = outbox.queue_reminders(now, config.reminder_lead);
    kiosk::SessionStore sessions(store);
    for (const auto& entry : outbox.due(now, options.limit)) {
        const auto session = sessions.find(entry.session);
        if (auto why = kiosk::reason_to_drop(store, entry, session, now)) {
            ++report.dropped;
            if (!options.dry_run)
                outbox.mark_dropped(entry.id, *why);
            continue;
        }
        const auto mail = compose(entry, *session, config, fonts, now);
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
        // leaves it Sending, and the next run sends it again under the same Message-ID.
        outbox.mark_sending(entry.id, now);
        const auto result = transport->send(mail.from_address, mail.recipient, mail.bytes);
        switch (result.outcome) {
        case Delivery::Accepted:
            outbox.mark_sent(entry.id, now);
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
