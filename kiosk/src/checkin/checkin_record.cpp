#include "checkin_rules.hpp"
#include "kiosk/base/sanitise.hpp"
#include "kiosk/checkin/checkin.hpp"
#include "kiosk/checkin/checkin_refusal.hpp"
#include "kiosk/store/audit.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kiosk {
namespace {

constexpr std::size_t raw_text_limit = 256;

// The outcome as stored with its scan. A session title that is not valid UTF-8 (typed in
// another encoding) must not cost the visitor the entry: such bytes become U+FFFD.
std::string stored(const CheckinOutcome& outcome)
{
    return nlohmann::ordered_json(outcome).dump(-1, ' ', false,
                                                nlohmann::ordered_json::error_handler_t::replace);
}

void bind_optional(SQLite::Statement& statement, int index, std::optional<std::int64_t> value)
{
    if (value)
        statement.bind(index, *value);
    else
        statement.bind(index);
}

const char* flag_of(Verdict verdict)
{
    return verdict == Verdict::ClockUntrusted ? "a_verifier" : nullptr;
}

void bind_flag(SQLite::Statement& statement, int index, Verdict verdict)
{
    if (const char* flag = flag_of(verdict))
        statement.bind(index, flag);
    else
        statement.bind(index);
}

void insert_scan(Store& store, ScanId id, const ScanRequest& request, const Decision& decision)
{
    SQLite::Statement insert(
        database_of(store),
        "INSERT INTO scans (id, at_utc, site, device, verdict, flag, ticket_id, session_id, "
        "detail, raw, raw_bytes, outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
        "?12)");
    insert.bind(1, id.value());
    insert.bind(2, unix_seconds(request.at));
    insert.bind(3, request.site);
    insert.bind(4, request.device);
    insert.bind(5, std::string(to_string(decision.verdict())));
    bind_flag(insert, 6, decision.verdict());
    bind_optional(insert, 7,
                  decision.ticket ? std::optional(decision.ticket->database_value())
                                  : std::nullopt);
    bind_optional(insert, 8,
                  decision.session ? std::optional(decision.session->value()) : std::nullopt);
    insert.bind(9, decision.detail);
    insert.bind(10, sanitised_text(request.payload, raw_text_limit));
    insert.bind(11, static_cast<std::int64_t>(request.payload.size()));
    insert.bind(12, stored(decision.outcome));
    insert.exec();
}

// False when the unique index says the ticket is already in for this session.
bool insert_checkin(Store& store, CheckinId id, ScanId scan, const ScanRequest& request,
                    const Decision& decision, std::string_view kind)
{
    SQLite::Statement insert(
        database_of(store),
        "INSERT INTO checkins (id, ticket_id, session_id, scan_id, kind, flag, at_utc, site, "
        "device) VALUES (?1, ?2, ?3, ?4, ?9, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING");
    insert.bind(1, id.value());
    insert.bind(2, decision.ticket->database_value());
    insert.bind(3, decision.session->value());
    insert.bind(4, scan.value());
    bind_flag(insert, 5, decision.verdict());
    insert.bind(6, unix_seconds(request.at));
    insert.bind(7, request.site);
    insert.bind(8, request.device);
    insert.bind(9, std::string(kind));
    return insert.exec() == 1;
}

// Records the scan, and the check-in when the decision admits: one IMMEDIATE transaction
// around the decision and both rows (the caller's).
CheckinResult record(Store& store, const ScanRequest& request, Decision decision,
                     std::string_view kind)
{
    CheckinResult result{std::move(decision), ScanId::random(), std::nullopt,
                         request.site,        request.device,   request.at};
    Decision& admitted = result.decision;
    insert_scan(store, result.scan, request, admitted);
    if (!admits(admitted.verdict()))
        return result;
    const CheckinId checkin = CheckinId::random();
    if (insert_checkin(store, checkin, result.scan, request, admitted, kind)) {
        result.checkin = checkin;
        return result;
    }
    // Only reachable if some writer skipped the IMMEDIATE lock: the index still holds.
    SQLite::Statement first(database_of(store), "SELECT at_utc FROM checkins WHERE ticket_id = ?1 "
                                                "AND session_id = ?2 AND undone_at IS NULL");
    first.bind(1, admitted.ticket->database_value());
    first.bind(2, admitted.session->value());
    first.executeStep();
    CheckinOutcome& outcome = admitted.outcome;
    outcome.verdict = Verdict::AlreadyCheckedIn;
    outcome.first_checkin = from_unix_seconds(first.getColumn(0).getInt64());
    admitted.detail += fmt::format(" ; déjà admis à {}", french_time(*outcome.first_checkin));
    SQLite::Statement update(database_of(store),
                             "UPDATE scans SET verdict = ?2, flag = NULL, detail = ?3, "
                             "outcome = ?4 WHERE id = ?1");
    update.bind(1, result.scan.value());
    update.bind(2, std::string(to_string(outcome.verdict)));
    update.bind(3, admitted.detail);
    update.bind(4, stored(outcome));
    update.exec();
    return result;
}

} // namespace

CheckinResult check_in(Store& store, const ScanRequest& request, const CheckinRules& rules)
{
    return store.write(
        [&] { return record(store, request, decide(store, request, rules), "scan"); });
}

CheckinResult check_in_by_hand(Store& store, const ManualCheckin& manual, const CheckinRules& rules)
{
    const ScanRequest request{"", manual.site, manual.device, manual.at, manual.clock};
    return store.write([&] {
        SQLite::Statement ticket(database_of(store),
                                 "SELECT t.session_id, s.site, s.start_utc FROM tickets t "
                                 "LEFT JOIN sessions s ON s.id = t.session_id WHERE t.id = ?1");
        ticket.bind(1, manual.ticket.database_value());
        if (!ticket.executeStep() || ticket.getColumn(2).isNull()) {
            Decision unknown;
            unknown.outcome.verdict = Verdict::NotATicket;
            unknown.detail = fmt::format("billet {} inconnu ici (ou sa session) ; saisie de {}",
                                         manual.ticket.to_string(), manual.by);
            record_audit(store, {0, manual.at, manual.by, "checkin.manual",
                                 manual.ticket.to_string(), "",
                                 nlohmann::ordered_json{
                                     {"verdict", std::string(to_string(Verdict::NotATicket))}}
                                     .dump()});
            return record(store, request, std::move(unknown), "manual");
        }
        TicketClaims claims{manual.ticket, SessionId{ticket.getColumn(0).getInt64()}, std::nullopt,
                            local_day(from_unix_seconds(ticket.getColumn(2).getInt64()))};
        if (!ticket.getColumn(1).isNull())
            claims.site = ticket.getColumn(1).getString();
        ticket.reset();
        Decision decision = decide_claims(store, claims, request, rules);
        const bool overridden = !manual.override_reason.empty() && can_override(decision.verdict());
        if (overridden) {
            decision.detail = fmt::format("admis quand même par {} : {} (sinon : {})", manual.by,
                                          manual.override_reason, decision.message());
            decision.outcome.verdict = Verdict::Accepted;
        } else {
            decision.detail += fmt::format(" ; saisie à la main par {}", manual.by);
        }
        auto result = record(store, request, std::move(decision), "manual");
        if (overridden && result.checkin) {
            SQLite::Statement reason(database_of(store),
                                     "UPDATE checkins SET override_reason = ?2 WHERE id = ?1");
            reason.bind(1, result.checkin->value());
            reason.bind(2, manual.override_reason);
            reason.exec();
        }
        nlohmann::ordered_json after;
        after["verdict"] = std::string(to_string(result.decision.verdict()));
        after["session"] = claims.session.to_string();
        if (overridden)
            after["reason"] = manual.override_reason;
        record_audit(store, {0, manual.at, manual.by, "checkin.manual", manual.ticket.to_string(),
                             "", after.dump()});
        return result;
    });
}

bool can_override(Verdict verdict)
{
    return verdict == Verdict::TooEarly || verdict == Verdict::Closed ||
           verdict == Verdict::WrongSite || verdict == Verdict::WrongDay;
}

tl::expected<CheckinResult, CheckinNotRecorded>
try_check_in(Store& store, const ScanRequest& request, const CheckinRules& rules)
{
    try {
        return check_in(store, request, rules);
    } catch (const SQLite::Exception& error) {
        // Store::write has rolled the transaction back: neither the scan nor a check-in stays.
        constexpr std::string_view visitor = "Entrée non enregistrée — adressez-vous à l'accueil";
        switch (database_problem(error).value_or(DatabaseProblem::Other)) {
        case DatabaseProblem::Full:
            return tl::unexpected(CheckinNotRecorded{
                CheckinNotRecorded::Reason::DiskFull, std::string(visitor),
                "Disque plein : l'entrée n'a pas été enregistrée et le billet n'a pas été admis. "
                "Libérez de la place sur le kiosque (« kioskctl check » indique l'espace libre) ; "
                "en attendant, notez les entrées à la main. Les billets seront de nouveau "
                "acceptés dès que le disque aura de la place."});
        case DatabaseProblem::Busy:
            return tl::unexpected(CheckinNotRecorded{
                CheckinNotRecorded::Reason::Busy, std::string(visitor),
                fmt::format("Base occupée par un autre programme ({}) : l'entrée n'a pas été "
                            "enregistrée et le billet n'a pas été admis. Le même billet sera "
                            "accepté au prochain passage.",
                            error.what())});
        default:
            throw;
        }
    }
}

int scans_recorded(Store& store, std::string_view device, Instant from, Instant to)
{
    SQLite::Statement select(database_of(store), "SELECT count(*) FROM scans WHERE device = ?1 "
                                                 "AND at_utc >= ?2 AND at_utc < ?3");
    select.bind(1, std::string(device));
    select.bind(2, unix_seconds(from));
    select.bind(3, unix_seconds(to));
    select.executeStep();
    return select.getColumn(0).getInt();
}

tl::expected<UndoneCheckin, std::string> undo_checkin(Store& store, TicketId ticket, Instant now,
                                                      std::string_view by)
{
    return store.write([&]() -> tl::expected<UndoneCheckin, std::string> {
        SQLite::Statement select(database_of(store), "SELECT id, session_id, at_utc FROM checkins "
                                                     "WHERE ticket_id = ?1 AND undone_at IS NULL "
                                                     "ORDER BY at_utc DESC LIMIT 1");
        select.bind(1, ticket.database_value());
        if (!select.executeStep())
            return tl::unexpected(fmt::format("le billet {} n'a pas d'entrée enregistrée à annuler",
                                              ticket.to_string()));
        UndoneCheckin undone{CheckinId{select.getColumn(0).getInt64()},
                             SessionId{select.getColumn(1).getInt64()},
                             from_unix_seconds(select.getColumn(2).getInt64())};
        if (local_day(undone.checked_in_at) != local_day(now))
            return tl::unexpected(
                fmt::format("l'entrée du billet {} date du {} : elle ne s'annule que le jour même",
                            ticket.to_string(), french_day(local_day(undone.checked_in_at))));
        SQLite::Statement update(
            database_of(store), "UPDATE checkins SET undone_at = ?2, undone_by = ?3 WHERE id = ?1");
        update.bind(1, undone.checkin.value());
        update.bind(2, unix_seconds(now));
        update.bind(3, std::string(by));
        update.exec();
        record_audit(store, {0, now, std::string(by), "checkin.undo", ticket.to_string(),
                             nlohmann::ordered_json{{"session", undone.session.to_string()},
                                                    {"checked_in_at",
                                                     format_iso8601(undone.checked_in_at)}}
                                 .dump(),
                             ""});
        return undone;
    });
}

} // namespace kiosk
