#pragma once

// Reading the audit trail: the rows a question asks for (a period, a person, a session), each
// told as a manager reads it — who, when, and what in words, with the visitor and the session
// by name ("a admis quand même Élodie L. à « Excel débutant » : train en retard") rather than
// the ids and JSON the rows keep.

#include "kiosk/base/ids.hpp"
#include "kiosk/base/time.hpp"
#include "kiosk/store/audit.hpp"
#include "kiosk/store/store.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kiosk {

struct AuditQuery {
    std::optional<Instant> since; // from this instant on
    std::optional<Instant> until; // before this instant
    std::string by;               // this actor only ("lea", "sync:office"); empty: everyone
    // Rows about this session: its own changes, and its tickets', check-ins' and walk-ins'.
    std::optional<SessionId> session;
    int limit = 1000; // the newest first; at most max_limit
    int offset = 0;

    static constexpr int max_limit = 100000;
};

[[nodiscard]] std::vector<AuditEntry> find_audit_entries(Store& store, const AuditQuery& query);

struct AuditLine {
    AuditEntry entry;
    std::string who;                  // "lea"; "Rennes (synchronisation)"
    std::string what;                 // a French sentence, without its subject
    std::optional<SessionId> session; // the session it concerns, when one does
    std::string session_title;        // its title, even when it was removed since
};

// Reads names from the database as it is now (a ticket's holder, a session's title, a notice's
// text); what was removed since is told from the row's own copy, else by its id.
[[nodiscard]] std::vector<AuditLine> describe_audit(Store& store,
                                                    const std::vector<AuditEntry>& entries);

} // namespace kiosk
