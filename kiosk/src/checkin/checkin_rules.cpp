#include "checkin_rules.hpp"

#include "kiosk/base/site.hpp"
#include "kiosk/checkin/checkin.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk/tickets/ticket_store.hpp"
#include "kiosk/tickets/trusted_keys.hpp"
#include "staff_detail.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace kiosk {
namespace {

Verdict verdict_of(TicketProblem::Reason reason)
{
    switch (reason) {
    case TicketProblem::Reason::NotATicket:
        return Verdict::NotATicket;
    case TicketProblem::Reason::UnknownKey:
        return Verdict::UnknownKey;
    case TicketProblem::Reason::BadSignature:
        return Verdict::BadSignature;
    }
    return Verdict::NotATicket;
}

std::optional<Instant> active_checkin_time(Store& store, TicketId ticket, SessionId session)
{
    SQLite::Statement select(database_of(store), "SELECT at_utc FROM checkins WHERE ticket_id = ?1 "
                                                 "AND session_id = ?2 AND undone_at IS NULL");
    select.bind(1, ticket.database_value());
    select.bind(2, session.value());
    if (!select.executeStep())
        return std::nullopt;
    return from_unix_seconds(select.getColumn(0).getInt64());
}

} // namespace

Decision decide(Store& store, const ScanRequest& request, const CheckinRules& rules)
{
    // The signature first: until it is checked, nothing in the payload means anything.
    const auto keys = TrustedKeys(store).list();
    const auto verified = verify_ticket(request.payload, keys);
    if (!verified) {
        Decision decision;
        decision.outcome.verdict = verdict_of(verified.error().reason);
        decision.detail = verified.error().detail;
        return decision;
    }
    const VerifiedTicket& ticket = *verified;
    return decide_claims(
        store,
        TicketClaims{ticket.ticket(), ticket.session(), ticket.signed_site(), ticket.signed_day()},
        request, rules);
}

Decision decide_claims(Store& store, const TicketClaims& ticket, const ScanRequest& request,
                       const CheckinRules& rules)
{
    Decision decision;
    CheckinOutcome& outcome = decision.outcome;
    auto refuse = [&](Verdict verdict, std::string detail) {
        outcome.verdict = verdict;
        decision.detail = std::move(detail);
        return decision;
    };
    decision.ticket = ticket.ticket;
    decision.session = ticket.session;
    // The session as this database knows it now wins over what was signed: a workshop moved
    // to another day or site keeps its tickets.
    const auto session = SessionStore(store).find(ticket.session);
    if (session)
        outcome.session = greeted_session(*session);
    const std::string summary = ticket_summary(ticket, session);
    if (const auto issued = TicketStore(store).find(ticket.ticket); issued && issued->revoked_at)
        return refuse(Verdict::Revoked, fmt::format("{} ; révoqué le {}", summary,
                                                    format_local_datetime(*issued->revoked_at)));
    if (session && session->status == Status::Cancelled)
        return refuse(Verdict::SessionCancelled, summary + " ; session annulée");

    const std::optional<std::string> site = session ? session->site : ticket.site;
    if (site && *site != request.site) {
        outcome.ticket_site = site;
        return refuse(Verdict::WrongSite,
                      fmt::format("{} ; scanné à {}", summary, site_name(request.site)));
    }

    const Day day = session ? local_day(session->start) : ticket.day;
    const Day today = local_day(request.at);
    if (day != today) {
        outcome.ticket_day = day;
        outcome.scan_day = today;
        return refuse(Verdict::WrongDay,
                      fmt::format("{} ; scanné le {}", summary, french_day(today)));
    }

    if (const auto first = active_checkin_time(store, ticket.ticket, ticket.session)) {
        outcome.first_checkin = first;
        return refuse(Verdict::AlreadyCheckedIn,
                      fmt::format("{} ; déjà admis à {}", summary, french_time(*first)));
    }

    // A clock that is not synchronised cannot refuse anyone on the time of day: the holder
    // of a ticket for today comes in, and staff check afterwards.
    const bool clock_trusted = request.clock == ClockTrust::Synchronised;
    std::string doubt;
    if (session) {
        const Instant doors_open = session->effective_start() - rules.doors_open_lead;
        const Instant entry_closes = session->effective_start() + rules.late_entry_grace;
        if (request.at < doors_open) {
            if (clock_trusted) {
                outcome.doors_open = doors_open;
                return refuse(Verdict::TooEarly, fmt::format("{} ; ouverture des portes à {}",
                                                             summary, french_time(doors_open)));
            }
            doubt = " ; l'horloge dit trop tôt";
        } else if (request.at > entry_closes || request.at >= session->effective_end()) {
            if (clock_trusted) {
                if (request.at < session->effective_end())
                    outcome.entry_closed = entry_closes;
                return refuse(Verdict::Closed, fmt::format("{} ; entrée fermée à {}", summary,
                                                           french_time(entry_closes)));
            }
            doubt = " ; l'horloge dit trop tard";
        }
    }

    outcome.verdict = clock_trusted ? Verdict::Accepted : Verdict::ClockUntrusted;
    decision.detail =
        clock_trusted
            ? summary
            : fmt::format("{} ; horloge non synchronisée : admis, à vérifier{}", summary, doubt);
    return decision;
}

} // namespace kiosk
