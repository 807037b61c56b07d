// One session: the full edit form, and the quick actions of the day page. Every change goes
// through kiosk::save_change with the fingerprint of what the page showed, so of two people
// editing one session the later save is told, not silently overwriting the first.

#include "kiosk/base/site.hpp"
#include "kiosk/schedule/session_edit.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "views.hpp"

#include <fmt/format.h>

namespace kiosk_console {
namespace {

using html::escape;

std::string day_of(const kiosk::Session& session)
{
    return "/jour?date=" + kiosk::format_day(kiosk::local_day(session.start));
}

// The session as it is now, for whoever was told it changed under them.
void refuse_changed(Request& request, kiosk::SessionId id)
{
    const auto current = kiosk::SessionStore(request.store).find(id);
    std::string body;
    if (current)
        body = fmt::format(R"(<p>Maintenant : <strong>{}</strong>, {}–{}, {}, {}.</p>
<p><a href="{}">Revoir la session</a> · <a href="{}">Revenir à la journée</a></p>)",
                           escape(current->title), kiosk::french_time(current->effective_start()),
                           kiosk::french_time(current->effective_end()),
                           escape(current->room.empty() ? "sans salle" : current->room),
                           escape(status_label(*current)), session_path(id), day_of(*current));
    request.reply({"Session modifiée entre-temps", "jour", "", false, "",
                   {html::Tone::Problem,
                    "Quelqu'un d'autre a modifié cette session depuis que vous l'avez ouverte : "
                    "votre changement n'a pas été enregistré. Vérifiez la version actuelle et "
                    "recommencez si besoin."},
                   body},
                  409);
}

// A change to a plan this database does not own (the office planned the session): said as
// such, with what staff can change here instead.
void refuse_not_planner(Request& request, kiosk::SessionId id, const std::string& reason)
{
    request.reply({"Changement refusé", "jour", "", false, "",
                   {html::Tone::Problem, reason + "."},
                   fmt::format(R"(<p><a href="{}">Revoir la session</a></p>)", session_path(id))},
                  409);
}

void save(Request& request, const kiosk::SessionChange& change, const std::string& action,
          const std::string& done)
{
    const auto id = session_in_path(request);
    const std::string seen = request.form().text("seen", "Version vue", 64);
    const auto saved = request.store.write([&] {
        auto result = kiosk::save_change(request.store, id, change, seen, request.config(),
                                         request.now);
        if (result)
            audit(request, action, id.to_string(), session_json(result->before),
                  session_json(result->after));
        return result;
    });
    if (saved)
        return request.redirect(day_of(saved->after),
                                {html::Tone::Success,
                                 fmt::format("« {} » : {}.", saved->after.title, done)});
    switch (saved.error().reason) {
    case kiosk::SaveRefusal::ChangedMeanwhile:
        return refuse_changed(request, id);
    case kiosk::SaveRefusal::Missing:
        return reply_missing_session(request);
    case kiosk::SaveRefusal::NotPlanner:
        return refuse_not_planner(request, id, saved.error().problem->message);
    case kiosk::SaveRefusal::Invalid:
        break;
    }
    const auto& problem = *saved.error().problem;
    throw FormError(problem.field, fmt::format("{} : {}", problem.field, problem.message));
}

void delay(Request& request)
{
    kiosk::SessionChange change;
    const int minutes = request.form().number("minutes", "Retard", 0, 240);
    change.delay_minutes = minutes;
    save(request, change, "session.delay",
         minutes > 0 ? fmt::format("retardée de {} min", minutes) : "retard retiré");
}

void change_room(Request& request)
{
    kiosk::SessionChange change;
    change.room = request.form().text("room", "Salle", 80);
    save(request, change, "session.room", "salle " + *change.room);
}

void set_status(Request& request, kiosk::Status status, const std::string& action,
                const std::string& done)
{
    kiosk::SessionChange change;
    change.status = status;
    save(request, change, action, done);
}

void remove(Request& request)
{
    const auto id = session_in_path(request);
    const std::string seen = request.form().text("seen", "Version vue", 64);
    kiosk::SessionStore sessions(request.store);
    enum class Outcome { Removed, Missing, Changed, HasHistory, NotPlanner };
    std::optional<std::string> refusal;
    std::optional<kiosk::Session> before;
    const Outcome outcome = request.store.write([&] {
        before = sessions.find(id);
        if (!before)
            return Outcome::Missing;
        if (kiosk::session_fingerprint(*before) != seen)
            return Outcome::Changed;
        // Tickets, scans or check-ins exist: removing would lose what people did.
        if (sessions.has_history(id))
            return Outcome::HasHistory;
        if (const auto here = sessions.here(); here && *here != kiosk::office_name)
            if ((refusal = sessions.planning_refusal(*before)))
                return Outcome::NotPlanner;
        sessions.remove(id);
        audit(request, "session.remove", id.to_string(), session_json(*before), "");
        return Outcome::Removed;
    });
    switch (outcome) {
    case Outcome::Removed:
        return request.redirect(day_of(*before), {html::Tone::Success,
                                                  fmt::format("« {} » supprimée.", before->title)});
    case Outcome::Changed:
        return refuse_changed(request, id);
    case Outcome::HasHistory:
        return request.reply({"Suppression refusée", "jour", "", false, "",
                              {html::Tone::Problem,
                               "Des billets ou des entrées existent pour cette session : "
                               "annulez-la plutôt, rien ne sera perdu."},
                              fmt::format(R"(<p><a href="{}">Revenir à la journée</a></p>)",
                                          day_of(*before))},
                             409);
    case Outcome::NotPlanner:
        return refuse_not_planner(request, id, *refusal);
    case Outcome::Missing:
        break;
    }
    reply_missing_session(request);
}

void show_edit(Request& request)
{
    const auto id = session_in_path(request);
    const auto session = kiosk::SessionStore(request.store).find(id);
    if (!session)
        return reply_missing_session(request);
    const std::string body = fmt::format(
        R"(<p>{} · {} · <a href="{}/visiteurs">Visiteurs</a></p>
<form method="post" action="{}" class="card">{}
<input type="hidden" name="seen" value="{}">
<label for="title">Titre</label><input id="title" name="title" value="{}" required maxlength="200">
<label for="date">Jour</label><input id="date" name="date" type="date" value="{}" required>
<label for="start">Début</label><input id="start" name="start" type="time" value="{}" required>
<label for="end">Fin</label><input id="end" name="end" type="time" value="{}" required>
<label for="room">Salle</label><input id="room" name="room" value="{}" maxlength="80">
<label for="capacity">Places</label><input id="capacity" name="capacity" type="number" min="0" max="1000" value="{}" inputmode="numeric">
<label for="trainer">Formateur ou formatrice</label><input id="trainer" name="trainer" value="{}" maxlength="120">
<label for="url">Lien (en ligne)</label><input id="url" name="url" type="url" value="{}" maxlength="500">
<button type="submit">Enregistrer</button>
</form>)",
        kind_label(session->kind), escape(status_label(*session)), session_path(id),
        session_path(id), html::csrf_field(request.csrf), kiosk::session_fingerprint(*session),
        escape(session->title), kiosk::format_day(kiosk::local_day(session->start)),
        kiosk::format_local_hm(session->start), kiosk::format_local_hm(session->end),
        escape(session->room), session->capacity ? std::to_string(*session->capacity) : "",
        escape(session->trainer), escape(session->join_url));
    request.reply({session->title, "jour", "", false, "", {}, body});
}

void save_edit(Request& request)
{
    const auto form = request.form();
    const kiosk::Day day = day_field(request, "date");
    kiosk::SessionChange change;
    change.title = form.text("title", "Titre");
    change.start = time_field(request, day, "start", "Début");
    change.end = time_field(request, day, "end", "Fin");
    change.room = form.optional_text("room", "Salle", 80).value_or("");
    change.capacity = form.optional_number("capacity", "Places", 0, 1000);
    change.trainer = form.optional_text("trainer", "Formateur", 120).value_or("");
    change.join_url = form.optional_text("url", "Lien", 500).value_or("");
    save(request, change, "session.edit", "enregistrée");
}

} // namespace

void add_session_pages(Routes& routes)
{
    const std::string session = "/session/([0-9a-f]{16})";
    routes.get(session, Access::Staff, show_edit);
    routes.post(session, Access::Staff, save_edit);
    routes.post(session + "/retard", Access::Staff, delay);
    routes.post(session + "/salle", Access::Staff, change_room);
    routes.post(session + "/complet", Access::Staff, [](Request& request) {
        set_status(request, kiosk::Status::Full, "session.full", "complète");
    });
    routes.post(session + "/annuler", Access::Staff, [](Request& request) {
        set_status(request, kiosk::Status::Cancelled, "session.cancel", "annulée");
    });
    routes.post(session + "/retablir", Access::Staff, [](Request& request) {
        set_status(request, kiosk::Status::Scheduled, "session.restore", "rétablie");
    });
    routes.post(session + "/supprimer", Access::Staff, remove);
}

} // namespace kiosk_console
