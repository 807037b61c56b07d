// Verdicts by name, and check-in outcomes and results as JSON: how they are stored with a
// scan and how the programs print them.

#include "kiosk/checkin/outcome.hpp"

#include "base/json_fields.hpp"
#include "base/names.hpp"
#include "kiosk/checkin/checkin.hpp"

namespace kiosk {
namespace {

constexpr NameTable<Verdict, 12> verdict_names{{
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

using json_fields::Json;

Json instant_or_null(const std::optional<Instant>& instant)
{
    return instant ? Json(format_iso8601(*instant)) : Json(nullptr);
}

template <typename Value> Json text_or_null(const std::optional<Value>& value)
{
    return value ? Json(value->to_string()) : Json(nullptr);
}

using json_fields::instant;
using json_fields::text;

std::optional<Day> day_in(const Json& document, const char* key)
{
    const auto written = text(document, key);
    if (!written)
        return std::nullopt;
    const auto day = parse_day(*written);
    return day ? std::optional(*day) : std::nullopt;
}

} // namespace

std::string_view to_string(Verdict verdict) { return name_of(verdict_names, verdict); }

std::optional<Verdict> parse_verdict(std::string_view text)
{
    return value_of(verdict_names, text);
}

bool admits(Verdict verdict)
{
    return verdict == Verdict::Accepted || verdict == Verdict::ClockUntrusted;
}

GreetedSession greeted_session(const Session& session)
{
    return {session.id,
            session.kind,
            public_title(session),
            session.room,
            session.effective_start(),
            session.effective_end()};
}

void to_json(Json& document, const GreetedSession& session)
{
    document = Json::object();
    document["id"] = session.id.to_string();
    document["kind"] = to_string(session.kind);
    document["title"] = session.title;
    document["room"] = session.room;
    document["start"] = format_iso8601(session.start);
    document["end"] = format_iso8601(session.end);
}

void from_json(const Json& document, GreetedSession& session)
{
    session = {};
    if (const auto id = text(document, "id"))
        session.id = SessionId::parse(*id).value_or(SessionId{});
    // A kind this program does not know is not taken for a workshop: no room is shown for it.
    session.kind = parse_kind(text(document, "kind").value_or("")).value_or(Kind::Live);
    session.title = text(document, "title").value_or("");
    session.room = text(document, "room").value_or("");
    session.start = instant(document, "start").value_or(Instant{});
    session.end = instant(document, "end").value_or(Instant{});
}

void to_json(Json& document, const CheckinOutcome& outcome)
{
    document = Json::object();
    document["verdict"] = to_string(outcome.verdict);
    document["session"] = outcome.session ? Json(*outcome.session) : Json(nullptr);
    document["first_checkin"] = instant_or_null(outcome.first_checkin);
    document["doors_open"] = instant_or_null(outcome.doors_open);
    document["entry_closed"] = instant_or_null(outcome.entry_closed);
    document["ticket_site"] = outcome.ticket_site ? Json(*outcome.ticket_site) : Json(nullptr);
    document["ticket_day"] =
        outcome.ticket_day ? Json(format_day(*outcome.ticket_day)) : Json(nullptr);
    document["scan_day"] = outcome.scan_day ? Json(format_day(*outcome.scan_day)) : Json(nullptr);
}

void from_json(const Json& document, CheckinOutcome& outcome)
{
    outcome = {};
    if (!document.is_object())
        return;
    if (const auto verdict = text(document, "verdict"))
        outcome.verdict = parse_verdict(*verdict).value_or(Verdict::NotATicket);
    if (const auto session = document.find("session");
        session != document.end() && session->is_object())
        outcome.session = session->get<GreetedSession>();
    outcome.first_checkin = instant(document, "first_checkin");
    outcome.doors_open = instant(document, "doors_open");
    outcome.entry_closed = instant(document, "entry_closed");
    outcome.ticket_site = text(document, "ticket_site");
    outcome.ticket_day = day_in(document, "ticket_day");
    outcome.scan_day = day_in(document, "scan_day");
}

void to_json(Json& document, const CheckinResult& result)
{
    const Decision& decision = result.decision;
    document = Json::object();
    document["verdict"] = to_string(decision.verdict());
    document["admitted"] = result.admitted();
    document["flag"] =
        decision.verdict() == Verdict::ClockUntrusted ? Json("a_verifier") : Json(nullptr);
    document["message"] = decision.message();
    document["detail"] = decision.detail;
    document["ticket"] = text_or_null(decision.ticket);
    document["session"] = text_or_null(decision.session);
    document["first_checkin"] = instant_or_null(decision.outcome.first_checkin);
    document["scan"] = result.scan.to_string();
    document["checkin"] = text_or_null(result.checkin);
    document["site"] = result.site;
    document["device"] = result.device;
    document["at"] = format_iso8601(result.at);
    document["outcome"] = decision.outcome;
}

void from_json(const Json& document, CheckinResult& result)
{
    result = {};
    if (!document.is_object())
        return;
    if (const auto outcome = document.find("outcome"); outcome != document.end())
        result.decision.outcome = outcome->get<CheckinOutcome>();
    else if (const auto verdict = text(document, "verdict")) // a line from before outcomes
        result.decision.outcome.verdict = parse_verdict(*verdict).value_or(Verdict::NotATicket);
    result.decision.detail = text(document, "detail").value_or("");
    if (const auto ticket = text(document, "ticket"))
        result.decision.ticket = TicketId::parse(*ticket);
    if (const auto session = text(document, "session"))
        result.decision.session = SessionId::parse(*session);
    result.scan = ScanId::parse(text(document, "scan").value_or("")).value_or(ScanId{});
    if (const auto checkin = text(document, "checkin"))
        result.checkin = CheckinId::parse(*checkin);
    result.site = text(document, "site").value_or("");
    result.device = text(document, "device").value_or("");
    result.at = instant(document, "at").value_or(Instant{});
}

} // namespace kiosk
