// The day at this site: every session with its state and seats, quick actions inline (delay,
// room, full, cancel, remove), and a form to add a last-minute session.

#include "kiosk/schedule/session_edit.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk/store/audit.hpp"
#include "views.hpp"

#include <fmt/format.h>

namespace kiosk_console {
namespace {

using html::escape;

std::string quick_actions(const Request& request, const kiosk::Session& session)
{
    const std::string path = session_path(session.id);
    const std::string hidden = html::csrf_field(request.csrf) +
                               fmt::format(R"(<input type="hidden" name="seen" value="{}">)",
                                           kiosk::session_fingerprint(session));
    if (session.status == kiosk::Status::Cancelled)
        return fmt::format(R"(<form method="post" action="{0}/retablir">{1}<button type="submit">Rétablir</button></form>)",
                           path, hidden);
    return fmt::format(
        R"(<form method="post" action="{0}/retard" class="inline">{1}<label>Retard <input name="minutes" type="number" min="0" max="240" step="5" value="{2}" inputmode="numeric"></label> <button type="submit">min</button></form>
<form method="post" action="{0}/salle" class="inline">{1}<label>Salle <input name="room" value="{3}" maxlength="80"></label> <button type="submit">Changer</button></form>
<form method="post" action="{0}/complet" class="inline">{1}<button type="submit">Complet</button></form>
<form method="post" action="{0}/annuler" class="inline" data-confirm="Annuler cette session ?">{1}<button type="submit" class="danger">Annuler</button></form>
<form method="post" action="{0}/supprimer" class="inline" data-confirm="Supprimer cette session ?">{1}<button type="submit" class="danger">Supprimer</button></form>)",
        path, hidden, session.delay_minutes > 0 ? session.delay_minutes : 10,
        escape(session.room));
}

std::string session_card(const Request& request, const kiosk::Session& session, int taken)
{
    std::string seats;
    if (session.capacity)
        seats = fmt::format(" · {} / {} places prises", taken, *session.capacity);
    const std::string where = session.room.empty() ? "" : " · " + escape(session.room);
    return fmt::format(
        R"(<li class="session {}">
<p class="when">{}–{} <span class="state">{}</span></p>
<p class="what"><a href="{}">{}</a> <span class="kind">{}</span></p>
<p class="where">{}{}{}</p>
<details class="quick"><summary>Retard, salle, complet, annuler…</summary><div class="actions">{}</div></details>
<p><a href="{}/visiteurs">Visiteurs</a></p>
</li>
)",
        std::string(kiosk::to_string(session.status)), kiosk::french_time(session.effective_start()),
        kiosk::french_time(session.effective_end()), escape(status_label(session)),
        session_path(session.id), escape(session.title), kind_label(session.kind),
        escape(site_label(session.site.value_or(""))), where, seats,
        quick_actions(request, session), session_path(session.id));
}

std::string add_form(const Request& request, kiosk::Day day)
{
    return fmt::format(
        R"(<details class="card"><summary>Ajouter une session ce jour</summary>
<form method="post" action="/sessions">{}
<input type="hidden" name="date" value="{}">
<label for="kind">Type</label>
<select id="kind" name="kind"><option value="atelier">atelier</option><option value="live">en ligne</option><option value="coaching">accompagnement</option><option value="privee">privée</option></select>
<label for="title">Titre</label><input id="title" name="title" required maxlength="200">
<label for="start">Début</label><input id="start" name="start" type="time" required>
<label for="end">Fin</label><input id="end" name="end" type="time" required>
<label for="room">Salle</label><input id="room" name="room" maxlength="80">
<label for="capacity">Places</label><input id="capacity" name="capacity" type="number" min="0" max="1000" inputmode="numeric">
<label for="trainer">Formateur ou formatrice</label><input id="trainer" name="trainer" maxlength="120">
<label for="url">Lien (en ligne)</label><input id="url" name="url" type="url" maxlength="500">
<button type="submit">Ajouter</button>
</form></details>)",
        html::csrf_field(request.csrf), kiosk::format_day(day));
}

void show_day(Request& request)
{
    const kiosk::Day day = day_field(request, "date");
    const auto sessions = kiosk::SessionStore(request.store).day(request.site(), day);
    const auto taken = kiosk::seats_taken(request.store, sessions, request.now, seat_rules(request));
    const auto previous = kiosk::Day{date::sys_days{day} - date::days{1}};
    const auto next = kiosk::Day{date::sys_days{day} + date::days{1}};
    std::string body = fmt::format(
        R"(<nav class="days"><a href="/jour?date={0}">← veille</a>
<form method="get" action="/jour" class="inline"><input name="date" type="date" value="{1}" aria-label="Jour"> <button type="submit">Voir</button></form>
<a href="/jour?date={2}">lendemain →</a></nav>
)",
        kiosk::format_day(previous), kiosk::format_day(day), kiosk::format_day(next));
    if (sessions.empty())
        body += "<p>Aucune session ce jour.</p>\n";
    else {
        body += "<ul class=\"sessions\">\n";
        for (const auto& session : sessions) {
            const auto found = taken.find(session.id);
            body += session_card(request, session, found == taken.end() ? 0 : found->second);
        }
        body += "</ul>\n";
    }
    body += add_form(request, day);
    request.reply({fmt::format("{} — {}", site_label(request.site()), kiosk::french_day(day)),
                   "jour", "", false, "", {}, body});
}

void add_session(Request& request)
{
    const auto form = request.form();
    const kiosk::Day day = day_field(request, "date");
    kiosk::Session session;
    const auto kind = kiosk::parse_kind(form.text("kind", "Type", 20));
    if (!kind)
        throw FormError("kind", "Type : inconnu (atelier, live, coaching, privee)");
    session.kind = *kind;
    session.site = request.site();
    session.title = form.text("title", "Titre");
    session.start = time_field(request, day, "start", "Début");
    session.end = time_field(request, day, "end", "Fin");
    session.room = form.optional_text("room", "Salle", 80).value_or("");
    session.capacity = form.optional_number("capacity", "Places", 0, 1000);
    session.trainer = form.optional_text("trainer", "Formateur", 120).value_or("");
    session.join_url = form.optional_text("url", "Lien", 500).value_or("");
    kiosk::SessionChange defaults; // only the room's capacity from the site configuration
    (void)kiosk::apply(defaults, session, request.config());
    if (auto problem = kiosk::validate(session))
        throw FormError(problem->field, fmt::format("{} : {}", problem->field, problem->message));
    request.store.write([&] {
        session.id = kiosk::SessionStore(request.store).add(session, request.now);
        audit(request, "session.add", session.id.to_string(), "", session_json(session));
    });
    request.redirect("/jour?date=" + kiosk::format_day(day),
                     {html::Tone::Success,
                      fmt::format("« {} » ajoutée à {}.", session.title,
                                  kiosk::french_time(session.start))});
}

} // namespace

void add_day_pages(Routes& routes)
{
    routes.get("/jour", Access::Staff, show_day);
    routes.post("/sessions", Access::Staff, add_session);
}

} // namespace kiosk_console
