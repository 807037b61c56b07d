#pragma once

// The check-in rules: whatever read the code (camera, handheld scanner, kioskctl, console),
// check_in() takes the decision and records it, the same way every time.

#include "kiosk/base/ids.hpp"
#include "kiosk/base/time.hpp"
#include "kiosk/checkin/outcome.hpp"
#include "kiosk/config/config.hpp"
#include "kiosk/store/store.hpp"
#include "kiosk/tickets/ticket.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace kiosk {

using ScanId = Id<struct ScanTag>;
using CheckinId = Id<struct CheckinTag>;

struct CheckinRules {
    Minutes doors_open_lead{30};  // tickets admit this long before the (delayed) start
    Minutes late_entry_grace{15}; // and until this long after it

    [[nodiscard]] static CheckinRules from(const SiteConfig& config)
    {
        return {config.doors_open_lead, config.late_entry_grace};
    }
};

struct ScanRequest {
    std::string_view payload; // exactly what was read, whatever it is
    std::string site;         // where it was read
    std::string device;       // which reader, recorded with the scan
    Instant at;
    ClockTrust clock = ClockTrust::Synchronised;
};

struct Decision {
    CheckinOutcome outcome; // what the visitor is told, as facts
    std::string detail;     // for staff: ids, the session's title, why
    // Known only once the signature is verified: nothing unverified is trusted.
    std::optional<TicketId> ticket;
    std::optional<SessionId> session;

    [[nodiscard]] Verdict verdict() const { return outcome.verdict; }
    // For the visitor, in French: "Ce billet est pour Nancy" (see visitor_sentence()).
    [[nodiscard]] std::string message() const { return visitor_sentence(outcome); }
};

// Decides from the database without writing to it.
[[nodiscard]] Decision decide(Store& store, const ScanRequest& request, const CheckinRules& rules);

// A scan as recorded: the decision, and what it wrote.
struct CheckinResult {
    Decision decision;
    ScanId scan;
    std::optional<CheckinId> checkin; // when this scan admitted the holder
    std::string site;                 // where, by which reader, when
    std::string device;
    Instant at;

    [[nodiscard]] bool admitted() const { return checkin.has_value(); }
};

// The answer as the programs print it (kioskctl checkin --json, kiosk-checkin's lines):
// "verdict", "admitted", "flag", "message", "detail", "ticket", "session", "first_checkin",
// "scan", "checkin", "site", "device", "at" and the "outcome" itself.
void to_json(nlohmann::ordered_json& document, const CheckinResult& result);
// Reads such a document back (a program reading kiosk-checkin's lines): what is missing or
// malformed stays unset.
void from_json(const nlohmann::ordered_json& document, CheckinResult& result);

// Decides and records in one IMMEDIATE transaction: the scan always, and a check-in when the
// verdict admits. The partial unique index on check-ins is the final judge: of two kiosks
// racing on one ticket, exactly one admits it, the other reads AlreadyCheckedIn.
CheckinResult check_in(Store& store, const ScanRequest& request, const CheckinRules& rules);

// How many scans `device` recorded in [from, to).
[[nodiscard]] int scans_recorded(Store& store, std::string_view device, Instant from, Instant to);

// A holder who came without the ticket, found by name by staff.
struct ManualCheckin {
    TicketId ticket;
    std::string site;   // where the holder stands
    std::string device; // "console"
    std::string by;     // the staff account
    Instant at;
    ClockTrust clock = ClockTrust::Synchronised;
    // Admit anyway: staff let in a holder the doors' rules refuse (too early, too late, another
    // site or day), for this reason, recorded with the check-in. Never a revoked ticket, a
    // cancelled session or a holder already in.
    std::string override_reason;
};

// Whether staff may admit anyway a holder refused with this verdict.
[[nodiscard]] bool can_override(Verdict verdict);

// Admits by hand under the same rules as a scan (revoked, cancelled, wrong site or day,
// already in, doors), unless overridden: the ticket row stands in for the signature, since
// only the database's own tickets can be picked. Recorded as a scan with no payload and a
// 'manual' check-in (with its reason when admitted anyway), counted present like any other,
// and an audit row naming `by`.
CheckinResult check_in_by_hand(Store& store, const ManualCheckin& request,
                               const CheckinRules& rules);

struct UndoneCheckin {
    CheckinId checkin;
    SessionId session;
    Instant checked_in_at;
};

// Staff undo a mistaken check-in, the same day; the ticket can then admit again, and the audit
// trail names `by`. The message says why nothing was undone.
[[nodiscard]] tl::expected<UndoneCheckin, std::string>
undo_checkin(Store& store, TicketId ticket, Instant now, std::string_view by);

} // namespace kiosk
