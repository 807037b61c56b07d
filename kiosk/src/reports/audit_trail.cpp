#include "kiosk/reports/audit_trail.hpp"

#include "kiosk/base/site.hpp"
#include "kiosk/checkin/walkins.hpp"
#include "kiosk/reports/labels.hpp"
#include "kiosk/schedule/notice.hpp"
#include "kiosk/schedule/session_changes.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk/tickets/name_search.hpp"
#include "kiosk/tickets/ticket.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kiosk {

std::vector<AuditEntry> find_audit_entries(Store& store, const AuditQuery& query)
{
    // A session's rows: its own (target), and those whose document names it (tickets,
    // check-ins, walk-ins). json_valid first: old rows may hold an empty document.
    SQLite::Statement select(
        database_of(store),
        "SELECT id, at_utc, actor, action, target, before_state, after_state FROM audit_log "
        "WHERE (?1 IS NULL OR at_utc >= ?1) AND (?2 IS NULL OR at_utc < ?2) "
        "AND (?3 IS NULL OR actor = ?3) "
        "AND (?4 IS NULL OR target = ?4 "
        "  OR CASE WHEN json_valid(after_state) THEN json_extract(after_state, '$.session') END = ?4 "
        "  OR CASE WHEN json_valid(before_state) THEN json_extract(before_state, '$.session') END "
        "     = ?4 "
        "  OR (action = 'ticket.issue_batch' AND CASE WHEN json_valid(after_state) THEN EXISTS "
        "     (SELECT 1 FROM json_each(after_state, '$.sessions') "
        "      WHERE json_extract(value, '$.session') = ?4) END)) "
        "ORDER BY at_utc DESC, id DESC LIMIT ?5 OFFSET ?6");
    if (query.since)
        select.bind(1, unix_seconds(*query.since));
    if (query.until)
        select.bind(2, unix_seconds(*query.until));
    if (!query.by.empty())
        select.bind(3, query.by);
    if (query.session)
        select.bind(4, query.session->to_string());
    select.bind(5, std::clamp(query.limit, 0, AuditQuery::max_limit));
    select.bind(6, std::max(query.offset, 0));
    std::vector<AuditEntry> entries;
    while (select.executeStep())
        entries.push_back({select.getColumn(0).getInt64(),
                           from_unix_seconds(select.getColumn(1).getInt64()),
                           select.getColumn(2).getString(), select.getColumn(3).getString(),
                           select.getColumn(4).getString(), select.getColumn(5).getString(),
                           select.getColumn(6).getString()});
    return entries;
}

namespace {

using Json = nlohmann::ordered_json;

Json document(const std::string& text)
{
    auto parsed = Json::parse(text, nullptr, false);
    return parsed.is_object() ? parsed : Json::object();
}

std::string text_in(const Json& json, const char* key)
{
    const auto found = json.find(key);
    return found != json.end() && found->is_string() ? found->get<std::string>() : std::string();
}

long long number_in(const Json& json, const char* key)
{
    const auto found = json.find(key);
    return found != json.end() && found->is_number_integer() ? found->get<long long>() : 0;
}

// What the journal needs from the database, looked up once per id.
class Names {
public:
    explicit Names(Store& store)
        : store_(store)
    {}

    // "Élodie L.", "Élodie" at a site (last names stay at the office), else "le billet …".
    std::string holder(const std::string& ticket_text)
    {
        const auto ticket = TicketId::parse(ticket_text);
        if (!ticket)
            return "un visiteur";
        SQLite::Statement select(database_of(store_), "SELECT first_name, last_name, last_initial "
                                                      "FROM tickets WHERE id = ?1");
        select.bind(1, ticket->database_value());
        if (!select.executeStep() || select.getColumn(0).getString().empty())
            return "un visiteur sans nom ici (billet national, ou nom effacé)";
        TicketListing listed;
        listed.holder.first_name = select.getColumn(0).getString();
        listed.holder.last_name = select.getColumn(1).getString();
        listed.last_initial = select.getColumn(2).getString();
        return holder_short_name(listed);
    }

    // A walk-in's first name, until the purge erases it (the trail keeps no copy).
    std::string walkin(const std::string& walkin_text)
    {
        if (const auto walkin = WalkinId::parse(walkin_text)) {
            SQLite::Statement select(database_of(store_),
                                     "SELECT first_name FROM walkins WHERE id = ?1");
            select.bind(1, walkin->value());
            if (select.executeStep() && !select.getColumn(0).getString().empty())
                return select.getColumn(0).getString();
        }
        return "une personne";
    }

    std::string title(SessionId session)
    {
        const auto found = SessionStore(store_).find(session);
        return found ? found->title : std::string();
    }

    std::string notice(const std::string& notice_text)
    {
        const auto notice = NoticeId::parse(notice_text);
        if (!notice)
            return {};
        SQLite::Statement select(database_of(store_), "SELECT text FROM notices WHERE id = ?1");
        select.bind(1, notice->value());
        return select.executeStep() ? select.getColumn(0).getString() : std::string();
    }

private:
    Store& store_;
};

std::string in_quotes(const std::string& title)
{
    return title.empty() ? std::string("une session supprimée") : "« " + title + " »";
}

std::string who(const std::string& actor)
{
    if (actor.starts_with("sync:")) {
        const std::string sender = actor.substr(5);
        return fmt::format("{} (synchronisation)",
                           sender == office_name ? std::string("siège") : site_name(sender));
    }
    return actor;
}

std::string plural(long long count, std::string_view one, std::string_view many)
{
    return fmt::format("{} {}", count, count > 1 ? many : one);
}

std::string session_sentence(const AuditEntry& entry, const Json& before, const Json& after,
                             const std::string& title)
{
    Session old_state;
    Session new_state;
    from_json(before, old_state);
    from_json(after, new_state);
    const std::string& action = entry.action;
    if (action == "session.add")
        return fmt::format("a ajouté {} ({}, {} – {})", in_quotes(title),
                           french_day(local_day(new_state.start)), french_time(new_state.start),
                           french_time(new_state.end));
    if (action == "session.remove")
        return fmt::format("a supprimé {}", in_quotes(title));
    if (action == "session.merged")
        return fmt::format("a fusionné {} avec la même session venue d'ailleurs", in_quotes(title));
    if (action == "session.uid_released")
        return fmt::format("a séparé {} de la session du même agenda venue d'ailleurs",
                           in_quotes(title));
    if (before.empty() || after.empty())
        return fmt::format("a modifié {}", in_quotes(title));
    return fmt::format("a modifié {} : {}", in_quotes(title),
                       describe_changes(old_state, new_state));
}

std::string visitor_sentence(const AuditEntry& entry, const Json& before, const Json& after,
                             const std::string& place, Names& names)
{
    const std::string& action = entry.action;
    if (action == "checkin.manual") {
        const std::string person = names.holder(entry.target);
        const std::string reason = text_in(after, "reason");
        if (!reason.empty())
            return fmt::format("a admis quand même {} à {} : {}", person, place, reason);
        const auto verdict = parse_verdict(text_in(after, "verdict"));
        if (!verdict || admits(*verdict))
            return fmt::format("a fait entrer {} à {}", person, place);
        return fmt::format("a voulu faire entrer {} à {} : refusé ({})", person, place,
                           verdict_label(*verdict));
    }
    if (action == "checkin.undo") {
        const auto at = parse_iso8601(text_in(before, "checked_in_at"));
        return fmt::format("a annulé l'entrée de {} à {}{}", names.holder(entry.target), place,
                           at ? " (entrée à " + french_time(*at) + ")" : std::string());
    }
    if (action == "walkin.add")
        return fmt::format("a fait entrer sans billet {} à {}", names.walkin(entry.target), place);
    if (action == "walkin.undo")
        return fmt::format("a annulé l'entrée sans billet de {} à {}", names.walkin(entry.target),
                           place);
    if (action == "ticket.issue")
        return fmt::format("a émis un billet pour {} à {}", names.holder(entry.target), place);
    if (action == "ticket.revoke")
        return fmt::format("a révoqué le billet de {} pour {}", names.holder(entry.target), place);
    return {};
}

std::string office_sentence(const AuditEntry& entry, const Json& before, const Json& after,
                            Names& names)
{
    const std::string& action = entry.action;
    if (action == "notice.add")
        return fmt::format("a affiché l'avis « {} »{}{}", text_in(after, "text"),
                           text_in(after, "level") == "alerte" ? " (alerte)" : "",
                           text_in(after, "site").empty()
                               ? std::string()
                               : " à " + site_label(text_in(after, "site")));
    if (action == "notice.clear") {
        const std::string text = names.notice(entry.target);
        return text.empty()
                   ? fmt::format("a retiré {}",
                                 plural(std::max(number_in(after, "cleared"), 1LL), "avis", "avis"))
                   : fmt::format("a retiré l'avis « {} »", text);
    }
    if (action == "schedule.import")
        return fmt::format("a importé le programme « {} » : {} ajoutée(s), {} modifiée(s), {} "
                           "annulée(s), {} supprimée(s)",
                           entry.target, number_in(after, "added"), number_in(after, "updated"),
                           number_in(after, "cancelled"), number_in(after, "removed"));
    if (action == "ticket.issue_batch") {
        long long issued = 0;
        long long sessions = 0;
        if (const auto found = after.find("sessions"); found != after.end() && found->is_array())
            for (const auto& session : *found) {
                issued += number_in(session, "issued");
                ++sessions;
            }
        return fmt::format("a émis {} pour {} depuis le fichier « {} »",
                           plural(issued, "billet", "billets"),
                           plural(sessions, "session", "sessions"), entry.target);
    }
    if (action == "staff.add")
        return fmt::format("a créé le compte « {} » ({})", entry.target, text_in(after, "role"));
    if (action == "staff.remove")
        return fmt::format("a supprimé le compte « {} »", entry.target);
    if (action == "staff.password")
        return fmt::format("a changé le mot de passe du compte « {} »", entry.target);
    if (action == "key.trust")
        return fmt::format("a accepté la clé de billets {}", entry.target);
    if (action == "key.retire")
        return fmt::format("a retiré la clé de billets {} : ses billets sont refusés",
                           entry.target);
    if (action == "sync.apply")
        return fmt::format("a apporté {} et {}",
                           plural(number_in(after, "rows"), "changement", "changements"),
                           plural(number_in(after, "deletions"), "suppression", "suppressions"));
    if (action == "sync.invite")
        return fmt::format("a invité {} à rejoindre le siège", site_name(entry.target));
    if (action == "sync.joined")
        return fmt::format("a rejoint le siège avec son invitation (appareil {})",
                           text_in(after, "device"));
    if (action == "sync.join")
        return fmt::format("a relié {} au siège", site_name(entry.target));
    if (action == "sync.identity")
        return fmt::format("a donné à la base l'identité « {} » (clé {})", entry.target,
                           text_in(after, "key"));
    if (action == "sync.device_registered")
        return fmt::format("a enregistré l'appareil {} de {}", text_in(after, "device"),
                           site_name(entry.target));
    if (action == "sync.device_retired")
        return fmt::format("a retiré l'appareil {} de {}", text_in(after, "device"),
                           site_name(entry.target));
    if (action == "sync.certificate_announced")
        return "a annoncé un nouveau certificat du siège";
    if (action == "sync.certificate_retired")
        return "a retiré un certificat du siège";
    if (action == "attendance.purge")
        return fmt::format(
            "a effacé les données personnelles d'avant le {} : {}, {}, {}", entry.target,
            plural(number_in(after, "tickets"), "billet", "billets"),
            plural(number_in(after, "walk_ins"), "entrée sans billet", "entrées sans billet"),
            plural(number_in(after, "scans"), "lecture", "lectures"));
    if (action == "attendance.import_online")
        return fmt::format("a importé le rapport de présence en ligne « {} » ({}) : {}, {}, {}",
                           text_in(after, "file"), text_in(after, "platform"),
                           plural(number_in(after, "participants"), "participant", "participants"),
                           plural(number_in(after, "present"), "présent", "présents"),
                           plural(number_in(after, "unmatched"), "non inscrit", "non inscrits"));
    if (action == "sync.log_renumbered")
        return fmt::format("a renuméroté son journal de changements ({} déplacés) : tout est "
                           "renvoyé",
                           number_in(after, "moved"));
    if (action == "database.restore")
        return fmt::format("a remis en place la sauvegarde « {} »", entry.target);
    if (action == "demo.seed")
        return fmt::format("a écrit la démonstration du {}", entry.target);
    (void)before;
    return fmt::format("{} ({})", action, entry.target);
}

} // namespace

std::vector<AuditLine> describe_audit(Store& store, const std::vector<AuditEntry>& entries)
{
    return store.read([&] {
        Names names(store);
        std::vector<AuditLine> lines;
        lines.reserve(entries.size());
        for (const auto& entry : entries) {
            AuditLine line{entry, who(entry.actor), {}, std::nullopt, {}};
            const Json before = document(entry.before);
            const Json after = document(entry.after);
            const bool about_session = entry.action.starts_with("session.");
            line.session =
                SessionId::parse(about_session                        ? entry.target
                                 : !text_in(after, "session").empty() ? text_in(after, "session")
                                                                      : text_in(before, "session"));
            if (line.session) {
                line.session_title = names.title(*line.session);
                if (line.session_title.empty())
                    line.session_title = !text_in(after, "title").empty()
                                             ? text_in(after, "title")
                                             : text_in(before, "title");
            }
            if (about_session)
                line.what = session_sentence(entry, before, after, line.session_title);
            else
                line.what =
                    visitor_sentence(entry, before, after, in_quotes(line.session_title), names);
            if (line.what.empty())
                line.what = office_sentence(entry, before, after, names);
            lines.push_back(std::move(line));
        }
        return lines;
    });
}

} // namespace kiosk
