#include "kiosk/tickets/ticket_batch.hpp"

#include "kiosk/base/sanitise.hpp"
#include "kiosk/schedule/session_store.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace kiosk {
namespace {

// The session a cell names: its id first, then a calendar UID (which may look like an id).
std::optional<Session> session_named(SessionStore& sessions, const std::string& text)
{
    if (const auto id = SessionId::parse(text))
        if (auto session = sessions.find(*id))
            return session;
    return sessions.find_by_uid(text);
}

} // namespace

BatchPlan plan_batch(Store& store, const RegistrationSheet& sheet,
                     const std::optional<Session>& default_session, WhenRevoked when_revoked,
                     Seats seats)
{
    BatchPlan plan;
    plan.problems = sheet.problems;
    auto refuse = [&](const RegistrationRow& row, bool from_cell, std::string message) {
        plan.problems.push_back(
            {row.line, from_cell ? sheet.session_column : 0, "session", std::move(message)});
    };
    SessionStore sessions(store);
    std::map<std::string, std::optional<Session>> named;   // cell text → session, looked up once
    std::map<SessionId, std::size_t> group_of;             // → index in plan.sessions
    std::map<std::pair<SessionId, std::string>, int> seen; // session, identity → line
    bool default_cancelled_told = false;

    for (std::size_t r = 0; r < sheet.rows.size(); ++r) {
        const auto& row = sheet.rows[r];
        const bool from_cell = !row.session.empty();
        std::optional<Session> session;
        if (from_cell) {
            auto [entry, inserted] = named.try_emplace(row.session);
            if (inserted)
                entry->second = session_named(sessions, row.session);
            session = entry->second;
            if (!session) {
                refuse(row, true,
                       fmt::format("session inconnue « {} » : ni l'identifiant ni l'UID de "
                                   "calendrier d'une session de cette base",
                                   excerpt(row.session)));
                continue;
            }
        } else if (default_session) {
            session = default_session;
        } else {
            refuse(row, sheet.session_column > 0,
                   sheet.session_column > 0
                       ? "session manquante : la cellule est vide et aucune session n'est "
                         "donnée par défaut (--session)"
                       : "aucune session : le fichier n'a pas de colonne session et aucune "
                         "n'est donnée (--session)");
            continue;
        }
        if (session->status == Status::Cancelled) {
            const auto said = fmt::format("la session « {} » ({}) est annulée", session->title,
                                          session->id.to_string());
            if (from_cell)
                refuse(row, true, said);
            else if (!default_cancelled_told) // the same for every row: told once, for the file
                plan.problems.push_back({0, 0, "session", said});
            default_cancelled_told = !from_cell || default_cancelled_told;
            continue;
        }
        const auto identity = registration_identity(row.registration);
        if (const auto [earlier, inserted] =
                seen.emplace(std::pair{session->id, identity}, row.line);
            !inserted) {
            refuse(row, false,
                   fmt::format("même personne qu'à la ligne {} ({}) pour la session « {} » : "
                               "ligne en double",
                               earlier->second, excerpt(identity.substr(identity.find(':') + 1)),
                               session->title));
            continue;
        }
        const auto [group, added] = group_of.try_emplace(session->id, plan.sessions.size());
        if (added)
            plan.sessions.push_back({*session, {}});
        plan.sessions[group->second].rows.push_back(r);
    }

    if (seats == Seats::WithinCapacity) {
        TicketStore tickets(store);
        for (const auto& group : plan.sessions) {
            if (!group.session.capacity)
                continue;
            std::vector<Registration> registrations;
            for (const auto r : group.rows)
                registrations.push_back(sheet.rows[r].registration);
            const auto planned =
                tickets.planned_issues(group.session.id, registrations, when_revoked);
            const int capacity = *group.session.capacity;
            const int valid = tickets.valid_count(group.session.id);
            const int new_tickets =
                static_cast<int>(std::count(planned.begin(), planned.end(), Issue::Issued));
            if (valid + new_tickets <= capacity)
                continue;
            // Told once, at the first row past the seats.
            int counted = valid;
            for (std::size_t i = 0; i < planned.size(); ++i) {
                if (planned[i] != Issue::Issued || ++counted <= capacity)
                    continue;
                const auto& row = sheet.rows[group.rows[i]];
                refuse(row, !row.session.empty(),
                       fmt::format("« {} » a {} places et {} billets valables : les {} de ce "
                                   "fichier la dépasseraient de {}, à partir de cette ligne "
                                   "(--over-capacity pour émettre quand même)",
                                   group.session.title, capacity, valid, new_tickets,
                                   valid + new_tickets - capacity));
                break;
            }
        }
    }
    std::stable_sort(plan.problems.begin(), plan.problems.end(),
                     [](const CsvProblem& a, const CsvProblem& b) { return a.line < b.line; });
    return plan;
}

} // namespace kiosk
