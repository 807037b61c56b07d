#include "commands.hpp"
#include "kiosk/base/site.hpp"
#include "kiosk/schedule/notice.hpp"
#include "kiosk_display/board_layout.hpp"
#include "kiosk_display/font_measurer.hpp"
#include "kiosk_display/text_fit.hpp"
#include "kiosk_print/fonts.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>

namespace kioskctl {
namespace {

// The sites a command is for: --sites "all" or a comma-separated list (the office, for every
// board at once), else --site or the configuration's.
std::vector<std::string> target_sites(Context& context, const std::string& site,
                                      const std::string& sites)
{
    if (sites.empty())
        return {context.site(site)};
    if (!site.empty())
        throw UserError("--site et --sites s'excluent : choisissez l'un des deux");
    std::vector<std::string> chosen;
    if (sites == "all") {
        for (const auto id : kiosk::all_sites())
            chosen.emplace_back(id.id());
        return chosen;
    }
    std::string_view rest = sites;
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        const std::string name(rest.substr(0, comma));
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        if (!kiosk::find_site(name))
            throw UserError(fmt::format("--sites : site « {} » inconnu ({}, ou all)", name,
                                        kiosk::known_site_ids()));
        if (std::find(chosen.begin(), chosen.end(), name) == chosen.end())
            chosen.push_back(name);
    }
    if (chosen.empty())
        throw UserError("--sites : aucun site (all, ou une liste : rennes,nancy)");
    return chosen;
}

std::string joined(const std::vector<std::string>& sites)
{
    std::string text;
    for (const auto& site : sites)
        text += (text.empty() ? "" : ", ") + site;
    return text;
}

void add_command(CLI::App& group, Context& context)
{
    struct AddOptions {
        std::string text, until, level = "info", site, sites;
    };
    auto options = std::make_shared<AddOptions>();
    auto* add = group.add_subcommand(
        "add", "affiche un avis sur le tableau du site (« Salle 2 fermée aujourd'hui »)");
    add->add_option("text", options->text, "le texte de l'avis")->required();
    add->add_option("--until", options->until, "retiré à cette heure aujourd'hui (Paris), HH:MM");
    add->add_option("--level", options->level,
                    "info (un bandeau) ou alerte (prend le haut de l'écran)")
        ->check(CLI::IsMember({"info", "alerte"}));
    add->add_option("--site", options->site, "site (défaut : celui de --config)");
    add->add_option("--sites", options->sites,
                    "au bureau : all (tous les tableaux) ou une liste, rennes,nancy");
    add->callback([options, &context] {
        const auto sites = target_sites(context, options->site, options->sites);
        const auto now = context.now();
        std::optional<kiosk::Instant> until;
        if (!options->until.empty()) {
            auto parsed = kiosk::local_time_today(options->until, now);
            if (!parsed)
                throw UserError("--until : " + parsed.error());
            until = *parsed;
        }
        // Measured with the board's fonts: a notice the screen would have to shorten is refused
        // (one over the core's bound is refused by the core, saying so).
        const auto level = *kiosk::parse_notice_level(options->level);
        if (kiosk_display::code_points(options->text).size() <= kiosk::notice_max_characters) try {
            const kiosk_display::FontMeasurer fonts(kiosk_print::font_directory(""));
            if (auto refusal = kiosk_display::notice_refusal(options->text, level, fonts))
                throw UserError(*refusal);
        } catch (const kiosk_display::FontFileError& error) {
            throw UserError(std::string("impossible de mesurer l'avis : ") + error.what());
        }
        auto store = context.open_store(kiosk::Access::ReadWrite);
        const auto posted = store.write([&] {
            auto added = kiosk::NoticeStore(store).add_to_sites(
                sites, options->text, level, until, now);
            if (added)
                for (const auto& notice : *added)
                    context.audit(store, "notice.add", notice.id.to_string(), "",
                                  nlohmann::ordered_json{
                                      {"text", notice.text},
                                      {"level", std::string(kiosk::to_string(notice.level))},
                                      {"site", notice.site}}
                                      .dump());
            return added;
        });
        if (!posted)
            throw UserError(posted.error());
        const auto& notice = posted->front();
        fmt::print("avis {} affiché à {}{}\n", notice.id.to_string(), joined(sites),
                   until ? " jusqu'à " + kiosk::french_time(*until) : std::string());
    });
}

void clear_command(CLI::App& group, Context& context)
{
    struct ClearOptions {
        std::string id, site, sites;
    };
    auto options = std::make_shared<ClearOptions>();
    auto* clear = group.add_subcommand("clear", "retire les avis affichés (ou un seul, par son "
                                                "identifiant)");
    clear->add_option("id", options->id, "identifiant de l'avis (défaut : tous)");
    clear->add_option("--site", options->site, "site (défaut : celui de --config)");
    clear->add_option("--sites", options->sites,
                      "au bureau : all ou une liste ; un avis du bureau se retire partout");
    clear->callback([options, &context] {
        const auto sites = options->id.empty() || !options->sites.empty() || !options->site.empty()
                               ? target_sites(context, options->site, options->sites)
                               : std::vector<std::string>{std::string(kiosk::office_name)};
        std::optional<kiosk::NoticeId> id;
        if (!options->id.empty()) {
            id = kiosk::NoticeId::parse(options->id);
            if (!id)
                throw UserError(fmt::format("identifiant d'avis « {} » invalide", options->id));
        }
        auto store = context.open_store(kiosk::Access::ReadWrite);
        kiosk::NoticeStore notices(store);
        const int cleared = store.write([&] {
            int count = 0;
            for (const auto& site : id ? std::vector{sites.front()} : sites) {
                const auto done = notices.clear(site, id, context.now());
                if (!done)
                    throw UserError(done.error());
                count += *done;
            }
            if (count > 0)
                context.audit(store, "notice.clear", id ? id->to_string() : joined(sites), "",
                              nlohmann::ordered_json{{"cleared", count}}.dump());
            return count;
        });
        if (id && cleared == 0)
            throw UserError(fmt::format("aucun avis {} affiché", id->to_string()));
        fmt::print("{} avis retiré{}{}\n", cleared, cleared > 1 ? "s" : "",
                   id ? std::string() : " à " + joined(sites));
    });
}

void list_command(CLI::App& group, Context& context)
{
    struct ListOptions {
        std::string site, sites;
        bool json = false;
    };
    auto options = std::make_shared<ListOptions>();
    auto* list = group.add_subcommand("list", "les avis affichés en ce moment");
    list->add_option("--site", options->site, "site (défaut : celui de --config)");
    list->add_option("--sites", options->sites, "all ou une liste, rennes,nancy");
    list->add_flag("--json", options->json, "sortie JSON");
    list->callback([options, &context] {
        const auto sites = target_sites(context, options->site, options->sites);
        const std::string site = joined(sites);
        auto store = context.open_store(kiosk::Access::ReadOnly);
        std::vector<kiosk::Notice> notices;
        for (const auto& one : sites)
            for (auto& notice : kiosk::NoticeStore(store).active(one, context.now()))
                notices.push_back(std::move(notice));
        if (options->json) {
            auto document = nlohmann::ordered_json::array();
            for (const auto& notice : notices)
                document.push_back({{"id", notice.id.to_string()},
                                    {"site", notice.site},
                                    {"author", notice.author},
                                    {"level", kiosk::to_string(notice.level)},
                                    {"text", notice.text},
                                    {"created_at", kiosk::format_iso8601(notice.created_at)},
                                    {"until", notice.until ? nlohmann::ordered_json(
                                                                 kiosk::format_iso8601(*notice.until))
                                                           : nullptr}});
            fmt::print("{}\n", document.dump(2));
            return;
        }
        if (notices.empty())
            fmt::print("aucun avis affiché à {}\n", site);
        for (const auto& notice : notices)
            fmt::print("{}  {}{:<6}  {}  {}\n", notice.id.to_string(),
                       sites.size() > 1 ? fmt::format("{:<14}", notice.site) : std::string(),
                       kiosk::to_string(notice.level),
                       notice.until ? "jusqu'à " + kiosk::format_local_hm(*notice.until)
                                    : std::string("sans fin   "),
                       notice.text);
    });
}

} // namespace

void add_notice_commands(CLI::App& app, Context& context)
{
    auto* notice = app.add_subcommand("notice", "les avis affichés sur le tableau");
    notice->require_subcommand(1);
    add_command(*notice, context);
    clear_command(*notice, context);
    list_command(*notice, context);
}

} // namespace kioskctl
