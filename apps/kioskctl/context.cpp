#include "context.hpp"

#include "kiosk/config/startup.hpp"
#include "kiosk/store/audit.hpp"

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
    app.add_option("--by", by_,
                   "qui fait la modification, pour le journal (défaut : l'utilisateur)");
}

std::string Context::database_path() const
{
    if (database_path_.empty())
        throw UserError("aucune base indiquée : utilisez --db FICHIER ou la variable KIOSK_DB");
    return database_path_;
}

kiosk::Store Context::open_store(kiosk::Access access, kiosk::Creation creation)
{
    return kiosk::Store(database_path(), access, creation);
}

kiosk::Clock Context::clock() const
{
    auto clock = kiosk::resolve_clock(at_);
    if (!clock)
        throw UserError(clock.error());
    return *clock;
}

const std::optional<kiosk::SiteConfig>& Context::config()
{
    if (!config_loaded_) {
        auto loaded = kiosk::load_config_option(config_path_);
        if (!loaded)
            throw UserError(loaded.error());
        config_ = std::move(*loaded);
        config_loaded_ = true;
    }
    return config_;
}

std::string Context::site(const std::string& option_value)
{
    auto site = kiosk::resolve_site(option_value, config());
    if (!site)
        throw UserError(site.error());
    return site->site_id;
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

std::string Context::actor() const
{
    if (!by_.empty())
        return by_;
    if (const char* user = std::getenv("USER"); user && *user)
        return user;
    return "kioskctl";
}

void Context::audit(kiosk::Store& store, std::string action, std::string target,
                    std::string before, std::string after) const
{
    kiosk::record_audit(store, {0, now(), actor(), std::move(action), std::move(target),
                                std::move(before), std::move(after)});
}

} // namespace kioskctl
