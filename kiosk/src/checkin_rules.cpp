#include "checkin_messages.hpp"
#include "checkin_rules.hpp"
#include "kiosk/checkin.hpp"
#include "kiosk/session_store.hpp"
#include "kiosk/site.hpp"
#include "kiosk/ticket_store.hpp"
#include "kiosk/trusted_keys.hpp"

#include <SQLiteCpp/Statement.h>
#include <array>
#include <fmt/format.h>
#include <utility>

namespace kiosk {
namespace {

constexpr std::array<std::pair<Verdict, std::string_view>, 12> verdict_names{{
    {Verdict::Accepted, "accepted"},
    {Verdict::AlreadyCheckedIn, "already_checked_in"},
    {Verdict::WrongSite, "wrong_site"},
    {Verdict::WrongDay, "wrong_day"},
    {Verdict::TooEarly, "too_early"},
    {Verdict::Closed, "closed"},
    {Verdict::SessionCancelled, "session_cancelled"},
    {Verdict::Revoked, "revoked"},
    {Verdict::UnknownKey, "unknown_key"},
    {Verdict::BadSignature, "bad_signature"},
    {Verdict::NotATicket, "not_a_ticket"},
    {Verdict::ClockUntrusted, "clock_untrusted"},
}};

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
    SQLite::Statement select(store.connection(), "SELECT at_utc FROM checkins WHERE ticket_id = ?1 "
                                                 "AND session_id = ?2 AND undone_at IS NULL");
    select.bind(1, ticket.database_value());
    select.bind(2, session.value());
    if (!select.executeStep())
        return std::nullopt;
    return from_unix_seconds(select.getColumn(0).getInt64());
}

} // namespace

std::string_view to_string(Verdict verdict)
{
    for (const auto& [value, name] : verdict_names)
        if (value == verdict)
            return name;
    return "?";
}

std::optional<Verdict> parse_verdict(std::string_view text)
{
    for (const auto& [value, name] : verdict_names)
        if (name == text)
            return value;
    return std::nullopt;
}

bool admits(Verdict verdict)
{
    return verdict == Verdict::Accepted || verdict == Verdict::ClockUntrusted;
}

Decision decide(Store& store, const ScanRequest& request, const CheckinRules& rules)
{
    // The signature first: until it is checked, nothing in the payload means anything.
    const auto keys = TrustedKeys(store).list();
    const auto verified = verify_ticket(request.payload, keys);
    if (!verified) {
        Decision decision;
        decision.verdict = verdict_of(verified.error().reason);
        decision.message = messages::plain(decision.verdict);
        decision.detail = verified.error().detail;
        return decision;
    }
    const VerifiedTicket& ticket = *verified;
    return decide_claims(store,
                         TicketClaims{ticket.ticket(), ticket.session(), ticket.signed_site(),
                                      ticket.signed_day()},
                         request, rules);
}

Decision decide_claims(Store& store, const TicketClaims& ticket, const ScanRequest& request,
                       const CheckinRules& rules)
{
    Decision decision;
    auto refuse = [&](Verdict verdict, std::string message, std::string detail) {
        decision.verdict = verdict;
        decision.message = std::move(message);
        decision.detail = std::move(detail);
        return decision;
    };
    decision.ticket = ticket.ticket;
    decision.session = ticket.session;
    // The session as this database knows it now wins over what was signed: a workshop moved
    // to another day or site keeps its tickets.
    const auto session = SessionStore(store).find(ticket.session);
    const std::string summary = messages::ticket_summary(ticket, session);
    if (const auto issued = TicketStore(store).find(ticket.ticket); issued && issued->revoked_at)
        return refuse(
            Verdict::Revoked, messages::plain(Verdict::Revoked),
            fmt::format("{} ; révoqué le {}", summary, format_local_datetime(*issued->revoked_at)));
    if (session && session->status == Status::Cancelled)
        return refuse(Verdict::SessionCancelled, messages::plain(Verdict::SessionCancelled),
                      summary + " ; session annulée");

    const std::optional<std::string> site = session ? session->site : ticket.site;
    if (site && *site != request.site)
        return refuse(Verdict::WrongSite, messages::wrong_site(*site),
                      fmt::format("{} ; scanné à {}", summary,
                                  find_site(request.site) ? find_site(request.site)->name
                                                          : std::string_view(request.site)));

    const Day day = session ? local_day(session->start) : ticket.day;
    const Day today = local_day(request.at);
    if (day != today)
        return refuse(Verdict::WrongDay, messages::wrong_day(day, today),
                      fmt::format("{} ; scanné le {}", summary, french_day(today)));

    if (const auto first = active_checkin_time(store, ticket.ticket, ticket.session)) {
        decision.first_checkin = first;
        return refuse(Verdict::AlreadyCheckedIn, messages::already_checked_in(*first),
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
            if (clock_trusted)
                return refuse(Verdict::TooEarly, messages::too_early(*session, doors_open),
                              fmt::format("{} ; ouverture des portes à {}", summary,
                                          french_time(doors_open)));
            doubt = " ; l'horloge dit trop tôt";
        } else if (request.at > entry_closes || request.at >= session->effective_end()) {
            if (clock_trusted)
                return refuse(
                    Verdict::Closed, messages::closed(*session, request.at, entry_closes),
                    fmt::format("{} ; entrée fermée à {}", summary, french_time(entry_closes)));
            doubt = " ; l'horloge dit trop tard";
        }
    }

    decision.verdict = clock_trusted ? Verdict::Accepted : Verdict::ClockUntrusted;
    decision.message = messages::welcome(session);
    decision.detail =
        clock_trusted
            ? summary
            : fmt::format("{} ; horloge non synchronisée : admis, à vérifier{}", summary, doubt);
    return decision;
}

} // namespace kiosk
