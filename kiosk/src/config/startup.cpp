#include "kiosk/config/startup.hpp"

#include "kiosk/base/site.hpp"

#include <fmt/format.h>

namespace kiosk {

tl::expected<std::optional<SiteConfig>, std::string> load_config_option(std::string_view path)
{
    if (path.empty())
        return std::nullopt;
    auto loaded = load_site_config(std::filesystem::path(path));
    if (!loaded)
        return tl::unexpected(loaded.error().message);
    return std::optional(std::move(*loaded));
}

tl::expected<SiteConfig, std::string> resolve_site(std::string_view site_option,
                                                   const std::optional<SiteConfig>& config)
{
    const std::string site = !site_option.empty() ? std::string(site_option)
                             : config             ? config->site_id
                                                  : std::string();
    if (site.empty())
        return tl::unexpected("quel site ? utilisez --site (" + known_site_ids() + ") ou --config");
    if (!find_site(site))
        return tl::unexpected(
            fmt::format("site inconnu « {} » (sites : {})", site, known_site_ids()));
    if (config && config->site_id != site)
        return tl::unexpected(
            fmt::format("--site {} contredit la configuration ({})", site, config->site_id));
    if (config)
        return *config;
    return *default_site_config(site);
}

tl::expected<Clock, std::string> resolve_clock(std::string_view at_option)
{
    if (at_option.empty())
        return Clock::system();
    const auto at = parse_local_time(at_option);
    if (!at)
        return tl::unexpected("--at : " + at.error());
    return Clock::frozen(*at);
}

tl::expected<Startup, std::string> resolve_startup(const StartupOptions& options)
{
    const auto config = load_config_option(options.config);
    if (!config)
        return tl::unexpected(config.error());
    auto site = resolve_site(options.site, *config);
    if (!site)
        return tl::unexpected(site.error());
    const auto clock = resolve_clock(options.at);
    if (!clock)
        return tl::unexpected(clock.error());
    return Startup{std::move(*site), *clock};
}

} // namespace kiosk
