#pragma once

// What every program settles before it starts, the same way in each: which site it serves,
// with which configuration, and what time it is. kioskctl, kiosk-display and kiosk-checkin
// all take --site, --config and --at, and refuse the same mistakes with the same words.

#include "kiosk/base/time.hpp"
#include "kiosk/config/config.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace kiosk {

// A mistake in what the user typed or supplied (an option, a file): the programs print it as
// is and exit with status 2, without the environment being at fault.
class UserError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The configuration file named by --config (or KIOSK_CONFIG); none when no file is named.
// The message names the file, line and key that are wrong.
[[nodiscard]] tl::expected<std::optional<SiteConfig>, std::string>
load_config_option(std::string_view path);

// The site a program serves: --site when given, else the configuration's. Refused when there is
// neither, when the site is unknown, or when --site contradicts the configuration. The result
// is the configuration file's when there is one, else the site's defaults.
[[nodiscard]] tl::expected<SiteConfig, std::string>
resolve_site(std::string_view site_option, const std::optional<SiteConfig>& config);

// The clock: --at "YYYY-MM-DD HH:MM" (Paris) freezes it; none given, the system's.
[[nodiscard]] tl::expected<Clock, std::string> resolve_clock(std::string_view at_option);

struct StartupOptions {
    std::string site;   // --site
    std::string config; // --config
    std::string at;     // --at
};

struct Startup {
    SiteConfig config; // the site's, from the file or its defaults
    Clock clock = Clock::system();
};

// All three at once, for the programs that serve one site (the board, the camera).
[[nodiscard]] tl::expected<Startup, std::string> resolve_startup(const StartupOptions& options);

} // namespace kiosk
