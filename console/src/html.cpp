#include "html.hpp"

#include <fmt/format.h>

namespace kiosk_console::html {

std::string escape(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            out += "&quot;";
            break;
        default:
            out += c;
        }
    }
    return out;
}

std::string url_encode(std::string_view text)
{
    std::string out;
    for (const char character : text) {
        const auto c = static_cast<unsigned char>(character);
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
        out += plain ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
    }
    return out;
}

std::string csrf_field(std::string_view token)
{
    return fmt::format(R"(<input type="hidden" name="csrf" value="{}">)", escape(token));
}

namespace {

std::string navigation(const Page& page, Place place)
{
    enum class Who { Staff, Manager };
    enum class Where { Site, Everywhere };
    struct Entry {
        std::string_view key, href, label;
        Who who;
        Where where;
    };
    constexpr Entry entries[] = {
        {"jour", "/jour", "Journée", Who::Staff, Where::Site},
        {"presence", "/presence", "Présence", Who::Manager, Where::Everywhere},
        {"etat", "/etat", "État", Who::Staff, Where::Everywhere},
        {"import", "/import", "Importer", Who::Staff, Where::Site},
        {"avis", "/avis", "Avis", Who::Staff, Where::Site},
        {"journal", "/journal", "Journal", Who::Manager, Where::Everywhere}};
    std::string links;
    for (const auto& entry : entries) {
        if ((entry.who == Who::Manager && !page.manager) ||
            (entry.where == Where::Site && place == Place::Office))
            continue;
        links +=
            fmt::format(R"(<a href="{}"{}>{}</a>)", entry.href,
                        entry.key == page.active ? R"( aria-current="page")" : "", entry.label);
    }
    return fmt::format(
        R"(<header class="top"><nav>{}</nav><form method="post" action="/deconnexion" class="signout">{}<span>{}</span> <button type="submit">Se déconnecter</button></form></header>)",
        links, csrf_field(page.csrf), escape(page.account));
}

std::string_view tone_class(Tone tone)
{
    switch (tone) {
    case Tone::Success:
        return "message ok";
    case Tone::Problem:
        return "message problem";
    case Tone::Information:
        break;
    }
    return "message";
}

} // namespace

std::string_view home_path(Place place) { return place == Place::Office ? "/etat" : "/jour"; }

std::string render(const Page& page, Place place)
{
    std::string out = fmt::format(
        R"(<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{} — console du kiosque</title>
<link rel="stylesheet" href="/assets/console.css">
<script src="/assets/console.js" defer></script>
</head>
<body>
)",
        escape(page.title));
    if (!page.account.empty())
        out += navigation(page, place);
    out += fmt::format("<main>\n<h1>{}</h1>\n", escape(page.title));
    if (!page.message.text.empty())
        out += fmt::format(R"(<p class="{}" role="status">{}</p>)", tone_class(page.message.tone),
                           escape(page.message.text)) +
               "\n";
    if (const auto& offer = page.message.offer; offer && !page.csrf.empty()) {
        std::string fields = csrf_field(page.csrf);
        for (const auto& [name, value] : offer->fields)
            fields += fmt::format(R"(<input type="hidden" name="{}" value="{}">)", escape(name),
                                  escape(value));
        out += fmt::format(R"(<form method="post" action="{}" class="offer">{}<button type="submit">{}</button></form>)",
                           escape(offer->action), fields, escape(offer->label)) +
               "\n";
    }
    out += page.body;
    out += "\n</main>\n</body>\n</html>\n";
    return out;
}

std::string home_link(Place place, std::string_view after)
{
    return fmt::format(R"(<p><a href="{}">{}</a>{}</p>)", home_path(place),
                       place == Place::Site ? "Revenir à la journée" : "Revenir à l'état des sites",
                       after);
}

} // namespace kiosk_console::html
