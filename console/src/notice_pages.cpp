// The notices on the entrance screen: post one (information band or alert), take one down.

#include "kiosk/base/site.hpp"
#include "kiosk/schedule/notice.hpp"
#include "kiosk_display/board_layout.hpp"
#include "kiosk_display/font_measurer.hpp"
#include "kiosk_display/text_fit.hpp"
#include "kiosk_print/fonts.hpp"
#include "views.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kiosk_console {
namespace {

using html::escape;

void show_notices(Request& request)
{
    std::string list;
    for (const auto& notice : kiosk::NoticeStore(request.store).active(request.site(), request.now))
        // The office's notices are taken down at the office, for every site at once.
        list += fmt::format(
            R"(<li class="notice {}"><p>{}</p><p class="when">{}{}</p>{}</li>
)",
            std::string(kiosk::to_string(notice.level)), escape(notice.text),
            notice.level == kiosk::NoticeLevel::Alerte ? "alerte · " : "",
            notice.until ? "jusqu'à " + kiosk::french_time(*notice.until) : "jusqu'à retrait",
            notice.author == kiosk::office_name && request.site() != kiosk::office_name
                ? std::string(R"(<p class="when">avis du bureau national</p>)")
                : fmt::format(
                      R"(<form method="post" action="/avis/retirer" class="inline">{}<input type="hidden" name="id" value="{}"><button type="submit">Retirer</button></form>)",
                      html::csrf_field(request.csrf), notice.id.to_string()));
    const std::string body = fmt::format(
        R"(<ul class="notices">
{}</ul>
<form method="post" action="/avis" class="card">{}
<label for="text">Texte de l'avis</label><textarea id="text" name="text" required maxlength="{}" rows="3"></textarea>
<label for="level">Niveau</label><select id="level" name="level"><option value="info">information (un bandeau)</option><option value="alerte">alerte (en haut de l'écran)</option></select>
<label for="until">Jusqu'à (facultatif)</label><input id="until" name="until" type="time">
<button type="submit">Afficher</button>
</form>)",
        list.empty() ? "<li>Aucun avis affiché.</li>\n" : list, html::csrf_field(request.csrf),
        kiosk::notice_max_characters);
    request.reply({"Avis sur l'écran", "avis", "", false, "", {}, body});
}

// The board's fonts, read once: a notice the screens would have to shorten is refused.
std::optional<std::string> screen_refusal(const std::string& text, kiosk::NoticeLevel level)
{
    if (kiosk_display::code_points(text).size() > kiosk::notice_max_characters)
        return std::nullopt; // the core refuses it, saying why
    static const kiosk_display::FontMeasurer fonts(kiosk_print::font_directory(""));
    return kiosk_display::notice_refusal(text, level, fonts);
}

void add_notice(Request& request)
{
    const auto form = request.form();
    // A character can take 4 bytes: the core counts characters, the form bounds bytes.
    const std::string text = form.text("text", "Texte", kiosk::notice_max_characters * 4);
    const auto level = kiosk::parse_notice_level(form.text("level", "Niveau", 10));
    if (!level)
        throw FormError("level", "Niveau : info ou alerte");
    std::optional<kiosk::Instant> until;
    if (const auto time = form.optional_text("until", "Jusqu'à", 5); time && !time->empty()) {
        const auto parsed = kiosk::local_time_today(*time, request.now);
        if (!parsed)
            throw FormError("until", "Jusqu'à : " + parsed.error());
        until = *parsed;
    }
    if (auto refusal = screen_refusal(text, *level)) {
        (*refusal)[0] = 'A';
        throw FormError("text", *refusal + ".");
    }
    const auto notice = request.store.write([&] {
        auto added = kiosk::NoticeStore(request.store)
                         .add(request.site(), text, *level, until, request.now);
        if (added)
            audit(request, "notice.add", added->id.to_string(), "",
                  nlohmann::ordered_json{{"text", added->text},
                                         {"level", std::string(kiosk::to_string(added->level))}}
                      .dump());
        return added;
    });
    if (!notice)
        return request.reply({"Avis refusé", "avis", "", false, "",
                              {html::Tone::Problem, notice.error() + " Rien n'a changé."},
                              R"(<p><a href="/avis">Revenir aux avis</a></p>)"},
                             422);
    request.redirect("/avis", {html::Tone::Success, "Avis affiché."});
}

void clear_notice(Request& request)
{
    const auto id = kiosk::NoticeId::parse(request.form().text("id", "Avis", 16));
    if (!id)
        throw FormError("id", "Avis : identifiant non valide");
    const auto cleared = request.store.write([&] {
        const auto count = kiosk::NoticeStore(request.store).clear(request.site(), id, request.now);
        if (count && *count > 0)
            audit(request, "notice.clear", id->to_string(), "", "");
        return count;
    });
    if (!cleared)
        return request.redirect("/avis", {html::Tone::Problem, cleared.error() + "."});
    request.redirect("/avis", *cleared > 0
                                  ? html::Message{html::Tone::Success, "Avis retiré."}
                                  : html::Message{html::Tone::Problem, "Cet avis n'est plus affiché."});
}

} // namespace

void add_notice_pages(Routes& routes)
{
    routes.get("/avis", Access::Staff, show_notices);
    routes.post("/avis", Access::Staff, add_notice);
    routes.post("/avis/retirer", Access::Staff, clear_notice);
}

} // namespace kiosk_console
