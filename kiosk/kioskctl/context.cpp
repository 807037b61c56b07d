#include "context.hpp"

#include "kiosk/site.hpp"

#include <cstdlib>
#include <fmt/format.h>

namespace kioskctl {

void Context::add_global_options(CLI::App& app)
{
    app.add_option("--db", database_path_, "fichier de la base du site (ou KIOSK_DB)")
        ->envname("KIOSK_DB");
    app.add_option("--config", config_path_, "configuration du site, fichier TOML (ou KIOSK_CONFIG)")
        ->envname("KIOSK_CONFIG");
    app.add_option("--at", at_,
                   "fige l'horloge à cet instant, heure de Paris : \"AAAA-MM-JJ HH:MM\"");
}

kiosk::Store Context::open_store(kiosk::Access access, kiosk::Creation creation)
{
    if (database_path_.empty())
        throw UserError("aucune base indiquée : utilisez --db FICHIER ou la variable KIOSK_DB");
    return kiosk::Store(database_path_, access, creation);
}

kiosk::Clock Context::clock() const
{
    if (at_.empty())
        return kiosk::Clock::system();
    return kiosk::Clock::frozen(parse_instant_option("--at", at_));
}

const std::optional<kiosk::SiteConfig>& Context::config()
{
    if (!config_loaded_) {
        config_loaded_ = true;
        if (!config_path_.empty()) {
            auto loaded = kiosk::load_site_config(config_path_);
            if (!loaded)
                throw UserError(loaded.error().message);
            config_ = std::move(*loaded);
        }
    }
    return config_;
}

std::string Context::site(const std::string& option_value)
{
    std::string site = option_value;
    if (site.empty() && config())
        site = config()->site_id;
    if (site.empty())
        throw UserError("quel site ? utilisez --site (" + kiosk::known_site_ids() +
                        ") ou --config");
    if (!kiosk::find_site(site))
        throw UserError(
            fmt::format("site inconnu « {} » (sites : {})", site, kiosk::known_site_ids()));
    return site;
}

kiosk::Instant parse_instant_option(const std::string& option, const std::string& value)
{
    auto instant = kiosk::parse_local_time(value);
    if (!instant)
        throw UserError(fmt::format("{} : {}", option, instant.error()));
    return *instant;
}

kiosk::SessionId parse_session_id(const std::string& text)
{
    if (auto id = kiosk::SessionId::parse(text))
        return *id;
    throw UserError(fmt::format("identifiant de session « {} » invalide (16 chiffres "
                                "hexadécimaux, comme l'affiche « session list »)",
                                text));
}

kiosk::Day parse_day_option(const std::string& option, const std::string& value)
{
    auto day = kiosk::parse_day(value);
    if (!day)
        throw UserError(fmt::format("{} : {}", option, day.error()));
    return *day;
}

} // namespace kioskctl
