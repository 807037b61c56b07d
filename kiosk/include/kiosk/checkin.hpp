#pragma once

// The check-in rules: whatever read the code (camera, handheld scanner, kioskctl, console),
// check_in() takes the decision and records it, the same way every time.

#include "kiosk/config.hpp"
#include "kiosk/ids.hpp"
#include "kiosk/store.hpp"
#include "kiosk/ticket.hpp"
#include "kiosk/time.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace kiosk {

using ScanId = Id<struct ScanTag>;
using CheckinId = Id<struct CheckinTag>;

enum class Verdict {
    Accepted,
    AlreadyCheckedIn, // the holder came in already: shown amber, never counted twice
    WrongSite,
    WrongDay,
    TooEarly,
    Closed, // the session is over, or started longer ago than the late-entry grace
    SessionCancelled,
    Revoked,
    UnknownKey, // signed by a key this site does not trust, or no longer trusts
    BadSignature,
    NotATicket,
    // The system clock is not synchronised: a ticket valid today is admitted all the same,
    // its check-in flagged "à vérifier" for staff, rather than refused on a doubtful time.
    ClockUntrusted,
};

[[nodiscard]] std::string_view to_string(Verdict verdict); // "accepted", "wrong_site"…
[[nodiscard]] std::optional<Verdict> parse_verdict(std::string_view text);
// Whether the verdict lets the holder in (and makes a check-in).
[[nodiscard]] bool admits(Verdict verdict);

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
    Verdict verdict = Verdict::NotATicket;
    std::string message; // for the visitor, in French: "Ce billet est pour Nancy"
    std::string detail;  // for staff: ids, the session's title, why
    // Known only once the signature is verified: nothing unverified is trusted.
    std::optional<TicketId> ticket;
    std::optional<SessionId> session;
    std::optional<Instant> first_checkin; // when the holder was admitted, for AlreadyCheckedIn
};

// Decides from the database without writing to it.
[[nodiscard]] Decision decide(Store& store, const ScanRequest& request, const CheckinRules& rules);

struct CheckinResult {
    Decision decision;
    ScanId scan;
    std::optional<CheckinId> checkin; // when this scan admitted the holder
};

// Decides and records in one IMMEDIATE transaction: the scan always, and a check-in when the
// verdict admits. The partial unique index on check-ins is the final judge: of two kiosks
// racing on one ticket, exactly one admits it, the other reads AlreadyCheckedIn.
CheckinResult check_in(Store& store, const ScanRequest& request, const CheckinRules& rules);

struct UndoneCheckin {
    CheckinId checkin;
    SessionId session;
    Instant checked_in_at;
};

// Staff undo a mistaken check-in, the same day; the ticket can then admit again. The message
// says why nothing was undone.
[[nodiscard]] tl::expected<UndoneCheckin, std::string>
undo_checkin(Store& store, TicketId ticket, Instant now, std::string_view by);

} // namespace kiosk
