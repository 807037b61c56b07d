// Attendance for managers: a day or a period, per session, with the chart and the files for a
// spreadsheet (CSV) or a script (JSON) — the same report as `kioskctl attendance`. Today's page
// refreshes itself while visitors arrive.

#include "kiosk/reports/attendance.hpp"
#include "kiosk/reports/attendance_export.hpp"
#include "kiosk/reports/people_trained_export.hpp"
#include "kiosk_console/console.hpp"
#include "kiosk_print/attendance_chart.hpp"
#include "kiosk_print/canvas.hpp"
#include "kiosk_print/fonts.hpp"
#include "views.hpp"

#include <date/date.h>
#include <fmt/format.h>

namespace kiosk_console {
namespace {

using html::escape;

// A year is what the office reports on; more would only make the page wait.
constexpr int longest_period_days = 366;

// The period asked for (du, au: today when absent), checked.
kiosk::AttendanceScope scope_of(Request& request)
{
    kiosk::AttendanceScope scope;
    scope.from = day_field(request, "du");
    scope.to = request.http.has_param("au") ? day_field(request, "au") : scope.from;
    if (scope.to < scope.from)
        throw FormError("au", "La période se termine avant de commencer (champ « au »).");
    if ((date::sys_days{scope.to} - date::sys_days{scope.from}).count() >= longest_period_days)
        throw FormError("au", "La période ne peut dépasser un an (champ « au »).");
    // At the office every site's check-ins come back with sync: the report covers all of them.
    if (request.options.place == Place::Site)
        scope.site = request.site();
    return scope;
}

kiosk::AttendanceReport report_for(Request& request, const kiosk::AttendanceScope& scope)
{
    return kiosk::attendance(request.store, scope, checkin_rules(request), request.now);
}

std::string period_query(const kiosk::AttendanceScope& scope)
{
    return fmt::format("du={}&amp;au={}", kiosk::format_day(scope.from),
                       kiosk::format_day(scope.to));
}

std::string file_name(const kiosk::AttendanceScope& scope, std::string_view extension)
{
    const std::string days =
        scope.from == scope.to ? kiosk::format_day(scope.from)
                               : kiosk::format_day(scope.from) + "_" + kiosk::format_day(scope.to);
    return fmt::format("presence-{}-{}.{}", scope.site.value_or("sites"), days, extension);
}

// At a site each title leads to the session's visitors; the office has no such page.
std::string session_rows(const kiosk::AttendanceReport& report, bool several_days, Place place)
{
    std::string rows;
    for (const auto& row : report.sessions) {
        const auto& session = row.session;
        const std::string title =
            place == Place::Site
                ? fmt::format(R"(<a href="{}/visiteurs">{}</a>)", session_path(session.id),
                              escape(session.title))
                : escape(session.title);
        rows += fmt::format(
            R"(<tr data-session="{0}"><td>{1}</td><td>{2}<br><small>{3}{4}</small></td><td data-field="tickets">{5}</td><td data-field="checked_in">{6}</td><td data-field="walk_ins">{7}</td><td data-field="present">{8}</td><td data-field="no_shows">{9}</td><td data-field="rate">{10}</td></tr>)"
            "\n",
            session.id.to_string(),
            escape((several_days ? kiosk::format_day(kiosk::local_day(session.start)) + " " : "") +
                   kiosk::french_time(session.start)),
            title, escape(site_label(session.site.value_or(""))),
            session.status == kiosk::Status::Scheduled ? "" : " · " + escape(status_label(session)),
            row.tickets, row.checked_in, row.walk_ins, row.present(),
            row.no_shows ? std::to_string(*row.no_shows) : "—", escape(kiosk::format_rate(row)));
    }
    return rows;
}

std::string rate_text(const std::optional<double>& rate)
{
    return rate ? fmt::format("{:.0f} %", *rate * 100) : "—";
}

// At the office, where registrations and online attendance are: the distinct people trained
// over the period, by month (counts only, as `kioskctl attendance --trained`).
std::string trained_section(Request& request, const kiosk::AttendanceScope& scope)
{
    if (request.options.place != Place::Office)
        return {};
    const auto trained = kiosk::people_trained(request.store, scope.from, scope.to);
    std::string months;
    for (const auto& month : trained.by_month)
        months += fmt::format(
            R"(<tr data-month="{}"><td>{}</td><td data-field="people">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>)"
            "\n",
            month.key, escape(kiosk::trained_label(kiosk::TrainedBreakdown::Month, month.key)),
            month.people, month.on_site, month.walk_ins, month.online);
    return fmt::format(
        R"html(<section id="formes">
<h2>Personnes formées</h2>
<p class="totals"><strong data-field="trained_people">{}</strong> personnes distinctes (<span data-field="trained_on_site">{}</span> sur place avec billet, <span data-field="trained_walk_ins">{}</span> sans billet, <span data-field="trained_online">{}</span> en ligne)</p>
<div class="scroll"><table class="attendance">
<thead><tr><th>Mois</th><th>Personnes</th><th>Sur place</th><th>Sans billet</th><th>En ligne</th></tr></thead>
<tbody>
{}</tbody>
</table></div>
<p><small>{}</small></p>
</section>
)html",
        trained.total.people, trained.total.on_site, trained.total.walk_ins, trained.total.online,
        months, escape(std::string(kiosk::people_trained_note)));
}

void show_attendance(Request& request)
{
    const auto scope = scope_of(request);
    const auto report = report_for(request, scope);
    const bool several_days = scope.from != scope.to;
    const auto& totals = report.overall;
    const bool includes_today =
        scope.from <= kiosk::local_day(request.now) && kiosk::local_day(request.now) <= scope.to;
    const std::string query = period_query(scope);
    const std::string period =
        several_days
            ? fmt::format("du {} au {}", kiosk::french_day(scope.from), kiosk::french_day(scope.to))
            : kiosk::french_day(scope.from);
    std::string body = fmt::format(
        R"html(<div id="presence"{0}>
<form method="get" action="/presence" class="period">
<label>Du <input type="date" name="du" value="{1}" required></label>
<label>au <input type="date" name="au" value="{2}" required></label>
<button type="submit">Afficher</button>
</form>
<p class="totals"><strong data-field="total_present">{3}</strong> présents ({4} avec billet, {5} sans billet) sur {6} billets · absents : {7} · taux : {8}</p>
<p class="downloads"><a class="button" href="/presence.csv?{9}" download>Télécharger (CSV)</a> <a class="button" href="/presence.json?{9}" download>Télécharger (JSON)</a></p>
<picture><source media="(max-width: 40rem)" srcset="/presence/graphique.png?{9}&amp;largeur=640&amp;hauteur=760"><img id="graphique" src="/presence/graphique.png?{9}" width="1200" height="700" alt="Graphique de présence {10}"></picture>
<div class="scroll"><table class="attendance">
<thead><tr><th>Heure</th><th>Session</th><th>Billets</th><th>Entrés</th><th>Sans billet</th><th>Présents</th><th>Absents</th><th>Taux</th></tr></thead>
<tbody>
{11}</tbody>
</table></div>
{12}</div>
)html",
        includes_today ? R"( data-refresh="15")" : "", kiosk::format_day(scope.from),
        kiosk::format_day(scope.to), totals.checked_in + totals.walk_ins, totals.checked_in,
        totals.walk_ins, totals.tickets, totals.no_shows, rate_text(totals.attendance_rate()),
        query, escape(period),
        report.sessions.empty()
            ? R"(<tr><td colspan="8">Aucune session sur cette période.</td></tr>)"
              "\n"
            : session_rows(report, several_days, request.options.place),
        trained_section(request, scope));
    request.reply({"Présence — " + period, "presence", "", false, "", {}, body});
}

void send_file(Request& request, const std::string& content, const std::string& type,
               const std::string& name)
{
    request.response.set_header("Content-Disposition",
                                fmt::format("attachment; filename=\"{}\"", name));
    request.response.set_header("Cache-Control", "no-store");
    request.response.set_content(content, type);
}

void download_csv(Request& request)
{
    const auto scope = scope_of(request);
    send_file(request, kiosk::attendance_csv(report_for(request, scope)), "text/csv; charset=utf-8",
              file_name(scope, "csv"));
}

void download_json(Request& request)
{
    const auto scope = scope_of(request);
    send_file(request, kiosk::attendance_json(report_for(request, scope)).dump(2) + "\n",
              "application/json; charset=utf-8", file_name(scope, "json"));
}

void chart_image(Request& request)
{
    const auto scope = scope_of(request);
    // Narrower for a phone, whose screen would shrink a wide chart's text out of reach.
    const auto form = request.form();
    const double width = form.optional_number("largeur", "Largeur", 320, 2400).value_or(1200);
    const double height = form.optional_number("hauteur", "Hauteur", 240, 2400).value_or(700);
    const auto report = report_for(request, scope);
    const auto fonts = kiosk_print::Fonts::load(kiosk_print::font_directory(request.options.fonts));
    kiosk_print::Canvas canvas(kiosk_print::Format::Png, {width, height}, fonts);
    kiosk_print::draw_attendance_chart(
        canvas, kiosk_print::chart_data(report, "Présence — " + kiosk::describe_scope(scope)));
    request.response.set_header("Cache-Control", "no-store");
    request.response.set_content(canvas.finish(), "image/png");
}

} // namespace

void add_attendance_pages(Routes& routes)
{
    routes.get("/presence", Access::Manager, show_attendance);
    routes.get(R"(/presence\.csv)", Access::Manager, download_csv);
    routes.get(R"(/presence\.json)", Access::Manager, download_json);
    routes.get(R"(/presence/graphique\.png)", Access::Manager, chart_image);
}

} // namespace kiosk_console
