// Is the kiosk fit to greet visitors? Anyone signed in sees the camera, the board and what its
// screen shows, the disk, the data and the sync at a glance; at the office, the same page lists
// the four sites as sync reported them, each with the latest picture of its entrance screen.
// The page refreshes itself (console.js) so a stopped camera shows within seconds.

#include "kiosk/base/site.hpp"
#include "kiosk/platform/runtime.hpp"
#include "kiosk/reports/site_health.hpp"
#include "kiosk_console/console.hpp"
#include "views.hpp"

#include <chrono>
#include <fmt/format.h>

namespace kiosk_console {
namespace {

using html::escape;

std::string_view severity_word(kiosk::Severity severity)
{
    switch (severity) {
    case kiosk::Severity::Ok:
        return "Tout va bien";
    case kiosk::Severity::Warning:
        return "À surveiller";
    case kiosk::Severity::Problem:
        break;
    }
    return "Problème";
}

std::string_view topic_label(const std::string& topic)
{
    if (topic == "camera")
        return "Caméra";
    if (topic == "ecran")
        return "Écran";
    if (topic == "disque")
        return "Disque";
    if (topic == "synchro")
        return "Synchronisation";
    if (topic == "donnees")
        return "Données";
    return "Site";
}

std::string when(const std::optional<kiosk::Instant>& instant)
{
    return instant ? kiosk::format_local_datetime(*instant) : std::string("jamais");
}

// Colour and word together: the state reads without colour too.
std::string findings_list(const std::vector<kiosk::HealthFinding>& findings)
{
    std::string items;
    for (const auto& finding : findings)
        items += fmt::format(
            R"(<li class="health-item {0}" data-topic="{1}"><span class="state">{2}</span> <strong>{3}</strong> {4}</li>)"
            "\n",
            kiosk::severity_name(finding.severity), escape(finding.topic),
            finding.severity == kiosk::Severity::Ok
                ? "ok"
                : (finding.severity == kiosk::Severity::Warning ? "attention" : "problème"),
            topic_label(finding.topic), escape(finding.message));
    return "<ul class=\"health\">\n" + items + "</ul>\n";
}

using RealClock = std::chrono::system_clock;

// The picture's address changes with the picture, so a browser keeps each one as long as it
// likes and fetches only a new one, however often the page refreshes.
std::string picture_path(std::string_view site, kiosk::Instant taken_at)
{
    return fmt::format("/etat/tableau/{}.png?v={}", site, kiosk::unix_seconds(taken_at));
}

std::string first_capital(std::string text)
{
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
        text[0] = static_cast<char>(text[0] - 'a' + 'A');
    return text;
}

// What the entrance screen shows, as the board last pictured it, and how old that is.
std::string board_figure(const std::string& site, const std::optional<kiosk::Instant>& taken_at,
                         const kiosk::PictureSize& size, std::string_view condition,
                         unsigned shown_width)
{
    if (!taken_at)
        return fmt::format(
            R"(<p class="board-picture none" data-board="{}">Pas d'image de l'écran.</p>)"
            "\n",
            condition);
    const unsigned shown_height =
        size.width == 0 ? shown_width * 9 / 16 : size.height * shown_width / size.width;
    return fmt::format(
        R"(<figure class="board-picture" data-board="{0}"><a href="{1}"><img src="{1}" width="{2}" height="{3}" alt="Ce que montre l'écran d'accueil de {4}"></a>)"
        R"(<figcaption data-field="picture_age">{5}</figcaption></figure>)"
        "\n",
        condition, escape(picture_path(site, *taken_at)), shown_width, shown_height,
        escape(site_label(site)),
        escape(first_capital(kiosk::picture_age(*taken_at, RealClock::now()))));
}

std::optional<kiosk::Instant> in_seconds(const std::optional<RealClock::time_point>& at)
{
    if (!at)
        return std::nullopt;
    return std::chrono::round<std::chrono::seconds>(*at);
}

std::string kiosk_section(Request& request)
{
    const auto health =
        kiosk::measure_site_health(request.store, request.site(), request.options.runtime_dir,
                                   request.now, std::chrono::system_clock::now());
    const auto& camera = health.camera;
    const auto& board = health.board;
    const auto severity = health.severity();
    const std::string figure =
        board_figure(health.site, board.picture ? in_seconds(board.picture_at) : std::nullopt,
                     board.picture ? board.picture->size : kiosk::PictureSize{},
                     kiosk::board_condition_name(board.condition), kiosk::board_picture_width);
    return fmt::format(
        R"(<section class="kiosk-health" data-health="{0}" data-camera="{1}">
<h2>Ce kiosque — {2}</h2>
<p class="verdict {0}">{3}</p>
{4}<h3>L'écran d'accueil</h3>
{12}<dl class="facts">
<dt>Images par seconde</dt><dd data-field="fps">{5}</dd>
<dt>Dernière image de la caméra</dt><dd>{6}</dd>
<dt>Dernier billet lu</dt><dd>{7}</dd>
<dt>Place libre</dt><dd>{8}</dd>
<dt>Programme modifié</dt><dd>{9}</dd>
<dt>Reçu du siège</dt><dd>{10}</dd>
<dt>Relevé</dt><dd>{11}</dd>
</dl>
</section>
)",
        kiosk::severity_name(severity), kiosk::camera_condition_name(camera.condition),
        escape(site_label(health.site)), severity_word(severity), findings_list(health.findings),
        camera.condition == kiosk::CameraCondition::NoStatus ||
                camera.input == kiosk::TicketInput::Reader
            ? std::string("—")
            : fmt::format("{:.1f}", camera.frames_per_second),
        escape(when(camera.last_frame)), escape(when(camera.last_scan)),
        escape(kiosk::french_size(health.free_bytes)), escape(when(health.schedule_changed_at)),
        escape(when(health.last_sync_received)),
        escape(kiosk::format_local_datetime(health.measured_at)), figure);
}

std::string sites_section(Request& request)
{
    const auto overviews =
        kiosk::site_overviews(request.store, kiosk::local_day(request.now), request.now);
    std::string rows;
    for (const auto& site : overviews) {
        const auto picture = kiosk::recorded_board_picture(request.store, site.site);
        const std::string screen = board_figure(
            site.site, picture ? std::optional(picture->taken_at) : std::nullopt,
            picture ? picture->picture.size : kiosk::PictureSize{},
            site.board ? kiosk::board_condition_name(*site.board) : "unknown", 240);
        rows += fmt::format(
            R"(<tr data-site="{0}" class="{1}"><th scope="row">{2}</th><td><span class="state">{3}</span></td><td class="screen">{11}</td><td data-field="last_contact">{4}</td><td data-field="waiting">{5}</td><td>{6}</td><td>{7}</td><td>{8}</td><td data-field="checked_in_today">{9}</td><td>{10}</td></tr>)"
            "\n",
            escape(site.site), kiosk::severity_name(site.severity()), escape(site_label(site.site)),
            severity_word(site.severity()), escape(site.last_contact ? when(site.last_contact) : "—"),
            site.waiting, escape(when(site.last_bundle_made)),
            escape(site.health_measured_at ? when(site.health_measured_at) : "—"),
            escape(when(site.last_scan)), site.checked_in_today, findings_list(site.findings),
            screen);
    }
    return fmt::format(
        R"(<section class="sites-health">
<h2>Les sites</h2>
<p>D'après le lien avec chaque site et les derniers paquets reçus : chaque site y joint son état et la dernière image de son écran d'accueil. « À envoyer » : les changements du siège que le site n'a pas encore accusés.</p>
<div class="scroll"><table class="sites">
<thead><tr><th>Site</th><th>État</th><th>Écran</th><th>Dernier contact</th><th>À envoyer</th><th>Dernier envoi</th><th>Relevé du</th><th>Dernier billet lu</th><th>Entrées du jour</th><th>Remarques</th></tr></thead>
<tbody>
{}</tbody>
</table></div>
</section>
)",
        rows);
}

void show_health(Request& request)
{
    std::string body = R"(<div id="etat" data-refresh="3">)";
    if (request.options.place == Place::Office)
        body += sites_section(request);
    else
        body += kiosk_section(request);
    body += "</div>\n";
    request.reply({request.options.place == Place::Office ? "État des sites" : "État du kiosque",
                   "etat",
                   "",
                   false,
                   "",
                   {},
                   body});
}

// The picture itself: at a site, the one the board wrote under the runtime folder; at the
// office, the one a site's bundle brought. Only a PNG within the bounds is ever sent.
void board_picture(Request& request)
{
    const std::string site = request.http.matches[1].str();
    std::optional<kiosk::BoardPicture> picture;
    if (request.options.place == Place::Office) {
        if (kiosk::find_site(site))
            if (auto recorded = kiosk::recorded_board_picture(request.store, site))
                picture = std::move(recorded->picture);
    } else if (site == request.site()) {
        if (auto read = kiosk::read_board_picture(
                kiosk::board_picture_path(request.options.runtime_dir)))
            picture = std::move(*read);
    }
    if (!picture) {
        request.response.status = 404;
        return;
    }
    request.response.set_header("Cache-Control", "private, max-age=600");
    request.response.set_content(picture->png, "image/png");
}

} // namespace

void add_health_pages(Routes& routes)
{
    routes.get("/etat", Access::Staff, show_health);
    routes.get(R"(/etat/tableau/([a-z-]{1,20})\.png)", Access::Staff, board_picture);
}

} // namespace kiosk_console
