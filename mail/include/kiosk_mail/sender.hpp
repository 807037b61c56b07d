#pragma once

// One run of the office's sender: queue the reminders now due, then take what the outbox has
// due, oldest first, and hand each message to the relay — or, for a dry run, write each one as
// an .eml file and change nothing. A relay that cannot be reached ends the run: the message
// tried waits for its back-off, the others for the next run; nothing is dropped. A permanent
// refusal fails that message only. What is no longer true (a revoked ticket, a session over or
// cancelled, a change already told by a later message) is dropped with its reason.

#include "kiosk/base/time.hpp"
#include "kiosk/store/store.hpp"
#include "kiosk_mail/mail_config.hpp"
#include "kiosk_mail/smtp.hpp"
#include "kiosk_print/fonts.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace kiosk_mail {

struct SendOptions {
    int limit = 5000; // messages at most in one run
    std::optional<std::filesystem::path> dry_run; // the folder for .eml files
};

struct SendReport {
    int reminders_queued = 0;
    int organisers_queued = 0; // private sessions' links to their organisers
    int sent = 0;      // accepted by the relay (or written, in a dry run)
    int refused = 0;   // permanently, for these addresses
    int deferred = 0;  // tried again later
    int dropped = 0;   // no longer true, with the reason in the outbox
    int waiting = 0;   // still queued after the run (due later, or the relay was unreachable)
    std::string relay_problem = {}; // why the run stopped early; empty when it did not
    std::vector<std::filesystem::path> written = {}; // a dry run's files
};

// `transport` may be null for a dry run.
[[nodiscard]] SendReport send_outbox(kiosk::Store& store, const MailConfig& config,
                                     const kiosk_print::Fonts& fonts, Transport* transport,
                                     kiosk::Instant now, const SendOptions& options);

} // namespace kiosk_mail
