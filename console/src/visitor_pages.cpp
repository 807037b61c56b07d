// A session's visitors: registrations found by name, checked in by hand when the ticket stayed
// at home, walk-ins, and undoing either. The rules are the core's (check_in_by_hand,
// record_walkin): the console decides nothing the kiosk would decide differently.

#include "kiosk/checkin/walkins.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk/tickets/registration.hpp"
#include "kiosk/tickets/name_search.hpp"
#include "kiosk/tickets/ticket_store.hpp"
#include "kiosk_console/console.hpp"
#include "views.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kiosk_console {
namespace {

using html::escape;

std::string visitors_path(kiosk::SessionId id) { return session_path(id) + "/visiteurs"; }

kiosk::ClockTrust clock_trust(const Request& request)
{
    return request.options.clock.trust();
}

std::string ticket_row(const Request& request, kiosk::SessionId session,
                       const kiosk::TicketListing& ticket)
{
    const auto& holder = ticket.holder;
    // The office reads whole names; a site, which never has last names, "Élodie L.".
    std::string name = holder.last_name.empty() ? kiosk::holder_short_name(ticket)
                                                : holder.first_name + " " + holder.last_name;
    if (name.empty())
        name = "(billet sans nom) " + ticket.id.to_string();
    std::string state, action;
    const std::string hidden =
        html::csrf_field(request.csrf) +
        fmt::format(R"(<input type="hidden" name="ticket" value="{}">)", ticket.id.to_string());
    if (ticket.revoked_at)
        state = "billet révoqué";
    else if (ticket.checked_in_at) {
        state = "entré·e à " + kiosk::french_time(*ticket.checked_in_at);
        action = fmt::format(R"(<form method="post" action="{}/annuler-entree" class="inline">{}<button type="submit">Annuler l'entrée</button></form>)",
                             session_path(session), hidden);
    } else {
        state = "attendu·e";
        action = fmt::format(R"(<form method="post" action="{}/entree" class="inline">{}<button type="submit">Faire entrer</button></form>)",
                             session_path(session), hidden);
    }
    return fmt::format(R"(<li class="visitor"><span class="name">{}</span>{} <span class="state">{}</span> {}</li>
)",
                       escape(name),
                       holder.note.empty() ? "" : " <em>(" + escape(holder.note) + ")</em>",
                       escape(state), action);
}

void show_visitors(Request& request)
{
    const auto id = session_in_path(request);
    const auto session = kiosk::SessionStore(request.store).find(id);
    if (!session)
        return reply_missing_session(request);
    const std::string query = request.form().optional_text("q", "Recherche", 100).value_or("");
    const kiosk::HolderSearch search(query);
    // Alphabetical, as staff look a name up: last name (its initial at a site), then first
    // name, accents and case aside.
    auto tickets = kiosk::TicketStore(request.store).list(id);
    std::stable_sort(tickets.begin(), tickets.end(), [](const auto& left, const auto& right) {
        const auto key = [](const kiosk::TicketListing& ticket) {
            return std::pair{kiosk::fold_name(ticket.holder.last_name.empty()
                                                  ? ticket.last_initial
                                                  : ticket.holder.last_name),
                             kiosk::fold_name(ticket.holder.first_name)};
        };
        return key(left) < key(right);
    });
    std::string rows;
    int shown = 0;
    for (const auto& ticket : tickets) {
        if (!search.matches(ticket))
            continue;
        rows += ticket_row(request, id, ticket);
        ++shown;
    }
    std::string walkins;
    for (const auto& walkin : kiosk::list_walkins(request.store, id))
        walkins += fmt::format(
            R"(<li class="visitor"><span class="name">{}</span> <span class="state">sans billet, à {}</span> <form method="post" action="{}/sans-billet/annuler" class="inline">{}<input type="hidden" name="walkin" value="{}"><button type="submit">Annuler</button></form></li>
)",
            escape(walkin.first_name.empty() ? "(sans prénom)" : walkin.first_name),
            kiosk::french_time(walkin.at), session_path(id), html::csrf_field(request.csrf),
            walkin.id.to_string());
    const std::string body = fmt::format(
        R"(<p>{}–{} · {} · {} · <a href="{}">Modifier la session</a></p>
<form method="get" action="{}" class="search"><label for="q">Chercher un nom</label> <input id="q" name="q" type="search" value="{}" maxlength="100" autocomplete="off"> <button type="submit">Chercher</button></form>
<h2>Inscrits ({} sur {})</h2>
<ul class="visitors">
{}</ul>
<h2>Sans billet</h2>
<ul class="visitors">
{}</ul>
<form method="post" action="{}/sans-billet" class="card">{}<label for="first_name">Prénom (facultatif)</label><input id="first_name" name="first_name" maxlength="100"> <button type="submit">Faire entrer sans billet</button></form>)",
        kiosk::format_local_hm(session->effective_start()),
        kiosk::format_local_hm(session->effective_end()),
        escape(session->room.empty() ? "sans salle" : session->room),
        escape(status_label(*session)), session_path(id), visitors_path(id), escape(query), shown,
        tickets.size(), rows.empty() ? "<li>Personne.</li>\n" : rows,
        walkins.empty() ? "<li>Personne.</li>\n" : walkins, session_path(id),
        html::csrf_field(request.csrf));
    request.reply({"Visiteurs — " + session->title, "jour", "", false, "", {}, body});
}

kiosk::TicketId ticket_field(const Request& request)
{
    const auto text = request.form().text("ticket", "Billet", 16);
    const auto id = kiosk::TicketId::parse(text);
    if (!id)
        throw FormError("ticket", "Billet : identifiant non valide");
    return *id;
}

// The holder as staff call them: "Élodie L.".
std::string holder_name(Request& request, kiosk::SessionId session, kiosk::TicketId ticket)
{
    for (const auto& listed : kiosk::TicketStore(request.store).list(session))
        if (listed.id == ticket && !listed.holder.first_name.empty())
            return kiosk::holder_short_name(listed);
    return "Ce visiteur";
}

void check_in(Request& request)
{
    const auto session_id = session_in_path(request);
    const auto ticket = ticket_field(request);
    const std::string reason = request.form().optional_text("raison", "Raison", 500).value_or("");
    const kiosk::ManualCheckin manual{ticket,      request.site(),       "console",
                                      request.account.name, request.now, clock_trust(request),
                                      reason};
    const auto result = kiosk::check_in_by_hand(request.store, manual, checkin_rules(request));
    const auto session = kiosk::SessionStore(request.store).find(session_id);
    const std::string who = holder_name(request, session_id, ticket);
    const std::string what = session ? "« " + session->title + " »" : "cette session";
    // A tap on the wrong line of a phone is undone at once, from the message itself.
    if (result.checkin)
        return request.redirect(
            visitors_path(session_id),
            {html::Tone::Success,
             reason.empty() ? fmt::format("{} est entré·e à {}.", who, what)
                            : fmt::format("{} est entré·e à {} (admis·e quand même : {}).", who,
                                          what, reason),
             html::Offer{session_path(session_id) + "/annuler-entree",
                         {{"ticket", ticket.to_string()}, {"confirme", "oui"}},
                         "Annuler cette entrée"}});
    const std::string refused = fmt::format("{} n'est pas entré·e à {} : {}.", who, what,
                                            result.decision.message());
    if (!reason.empty() || !kiosk::can_override(result.decision.verdict()))
        return request.redirect(visitors_path(session_id), {html::Tone::Problem, refused});
    // Late, early, another site or day: staff may still let them in, saying why.
    const std::string body = fmt::format(
        R"(<form method="post" action="{0}/entree" class="admit">{1}<input type="hidden" name="ticket" value="{2}"><label for="raison">Raison (enregistrée avec l'entrée)</label><input id="raison" name="raison" required maxlength="500" autocomplete="off"><button type="submit">Admettre quand même</button></form>
<p><a href="{3}">Revenir aux visiteurs</a></p>)",
        session_path(session_id), html::csrf_field(request.csrf), ticket.to_string(),
        visitors_path(session_id));
    request.reply({"Entrée refusée", "jour", "", false, "", {html::Tone::Problem, refused}, body},
                  409);
}

// Undoing is asked twice (the person may have left, and a closed door would not let them in
// again), except from the message that has just said they came in.
void undo_check_in(Request& request)
{
    const auto session = session_in_path(request);
    const auto ticket = ticket_field(request);
    const std::string who = holder_name(request, session, ticket);
    if (request.form().optional_text("confirme", "Confirmation", 3).value_or("") != "oui") {
        std::optional<kiosk::Instant> entered;
        for (const auto& listed : kiosk::TicketStore(request.store).list(session))
            if (listed.id == ticket)
                entered = listed.checked_in_at;
        if (!entered)
            return request.redirect(visitors_path(session),
                                    {html::Tone::Problem,
                                     fmt::format("{} n'a pas d'entrée à annuler.", who)});
        const std::string body = fmt::format(
            R"(<p>{0} est entré·e à {1}. Annuler cette entrée ? Le billet pourra de nouveau servir.</p>
<form method="post" action="{2}/annuler-entree" class="confirm">{3}<input type="hidden" name="ticket" value="{4}"><input type="hidden" name="confirme" value="oui"><button type="submit">Oui, annuler l'entrée</button></form>
<p><a href="{5}">Non, revenir aux visiteurs</a></p>)",
            escape(who), kiosk::french_time(*entered), session_path(session),
            html::csrf_field(request.csrf), ticket.to_string(), visitors_path(session));
        return request.reply({"Annuler l'entrée ?", "jour", "", false, "", {}, body});
    }
    const auto undone =
        kiosk::undo_checkin(request.store, ticket, request.now, request.account.name);
    if (!undone)
        return request.redirect(visitors_path(session), {html::Tone::Problem, undone.error()});
    request.redirect(visitors_path(session),
                     {html::Tone::Success, fmt::format("Entrée de {} annulée.", who),
                      html::Offer{session_path(session) + "/entree",
                                  {{"ticket", ticket.to_string()}},
                                  "Faire entrer de nouveau"}});
}

void walk_in(Request& request)
{
    const auto session = session_in_path(request);
    const std::string first_name =
        request.form().optional_text("first_name", "Prénom", 100).value_or("");
    const auto recorded = kiosk::record_walkin(
        request.store,
        {session, first_name, request.site(), "console", request.now, request.account.name},
        seat_rules(request));
    if (!recorded)
        return request.redirect(visitors_path(session),
                                {html::Tone::Problem, recorded.error().message});
    request.redirect(visitors_path(session),
                     {html::Tone::Success,
                      recorded->seats_left
                          ? fmt::format("Entrée sans billet enregistrée : {} place(s) restante(s).",
                                        *recorded->seats_left)
                          : std::string("Entrée sans billet enregistrée.")});
}

void undo_walk_in(Request& request)
{
    const auto session = session_in_path(request);
    const auto id = kiosk::WalkinId::parse(request.form().text("walkin", "Entrée", 16));
    if (!id)
        throw FormError("walkin", "Entrée : identifiant non valide");
    const auto undone = kiosk::undo_walkin(request.store, *id, request.now, request.account.name);
    request.redirect(visitors_path(session),
                     undone ? html::Message{html::Tone::Success, "Entrée sans billet annulée."}
                            : html::Message{html::Tone::Problem, undone.error()});
}

} // namespace

void add_visitor_pages(Routes& routes)
{
    const std::string session = "/session/([0-9a-f]{16})";
    routes.get(session + "/visiteurs", Access::Staff, show_visitors);
    routes.post(session + "/entree", Access::Staff, check_in);
    routes.post(session + "/annuler-entree", Access::Staff, undo_check_in);
    routes.post(session + "/sans-billet", Access::Staff, walk_in);
    routes.post(session + "/sans-billet/annuler", Access::Staff, undo_walk_in);
}

} // namespace kiosk_console
