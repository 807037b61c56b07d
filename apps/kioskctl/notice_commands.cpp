#include "commands.hpp"
#include "kiosk/schedule/notice.hpp"

#include <fmt/format.h>
#include <memory>
#include <nlohmann/json.hpp>

namespace kioskctl {
namespace {

// Longer than this, a notice no longer fits the two lines of its band on a 1080p screen.
constexpr std::size_t notice_screen_characters = 140;

void add_command(CLI::App& group, Context& context)
{
    struct AddOptions {
        std::string text, until, level = "info", site;
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
    add->callback([options, &context] {
        const auto site = context.site(options->site);
        const auto now = context.now();
        std::optional<kiosk::Instant> until;
        if (!options->until.empty()) {
            auto parsed = kiosk::local_time_today(options->until, now);
            if (!parsed)
                throw UserError("--until : " + parsed.error());
            until = *parsed;
        }
        auto store = context.open_store(kiosk::Access::ReadWrite);
        const auto notice = kiosk::NoticeStore(store).add(
            site, options->text, *kiosk::parse_notice_level(options->level), until, now);
        if (!notice)
            throw UserError(notice.error());
        fmt::print("avis {} affiché à {}{}\n", notice->id.to_string(), site,
                   until ? " jusqu'à " + kiosk::french_time(*until) : std::string());
        if (notice->text.size() > notice_screen_characters)
            fmt::print(stderr, "kioskctl : avis long ({} octets) : l'écran n'en montrera que le "
                               "début, terminé par « … »\n",
                       notice->text.size());
    });
}

void clear_command(CLI::App& group, Context& context)
{
    struct ClearOptions {
        std::string id, site;
    };
    auto options = std::make_shared<ClearOptions>();
    auto* clear = group.add_subcommand("clear", "retire les avis affichés (ou un seul, par son "
                                                "identifiant)");
    clear->add_option("id", options->id, "identifiant de l'avis (défaut : tous)");
    clear->add_option("--site", options->site, "site (défaut : celui de --config)");
    clear->callback([options, &context] {
        const auto site = context.site(options->site);
        std::optional<kiosk::NoticeId> id;
        if (!options->id.empty()) {
            id = kiosk::NoticeId::parse(options->id);
            if (!id)
                throw UserError(fmt::format("identifiant d'avis « {} » invalide", options->id));
        }
        auto store = context.open_store(kiosk::Access::ReadWrite);
        const int cleared = kiosk::NoticeStore(store).clear(site, id, context.now());
        if (id && cleared == 0)
            throw UserError(fmt::format("aucun avis {} affiché à {}", id->to_string(), site));
        fmt::print("{} avis retiré{} à {}\n", cleared, cleared > 1 ? "s" : "", site);
    });
}

void list_command(CLI::App& group, Context& context)
{
    struct ListOptions {
        std::string site;
        bool json = false;
    };
    auto options = std::make_shared<ListOptions>();
    auto* list = group.add_subcommand("list", "les avis affichés en ce moment");
    list->add_option("--site", options->site, "site (défaut : celui de --config)");
    list->add_flag("--json", options->json, "sortie JSON");
    list->callback([options, &context] {
        const auto site = context.site(options->site);
        auto store = context.open_store(kiosk::Access::ReadOnly);
        const auto notices = kiosk::NoticeStore(store).active(site, context.now());
        if (options->json) {
            auto document = nlohmann::ordered_json::array();
            for (const auto& notice : notices)
                document.push_back({{"id", notice.id.to_string()},
                                    {"site", notice.site},
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
            fmt::print("{}  {:<6}  {}  {}\n", notice.id.to_string(), kiosk::to_string(notice.level),
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
