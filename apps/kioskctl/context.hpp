#pragma once

#include "kiosk/base/ids.hpp"
#include "kiosk/base/time.hpp"
#include "kiosk/config/startup.hpp"
#include "kiosk/store/store.hpp"

#include <CLI/CLI.hpp>
#include <optional>
#include <stdexcept>
#include <string>

namespace kioskctl {

using kiosk::UserError;

// What every command shares: the global options and the objects built from them.
class Context {
public:
    void add_global_options(CLI::App& app);

    [[nodiscard]] kiosk::Store open_store(kiosk::Access access,
                                          kiosk::Creation creation = kiosk::Creation::MustExist);
    [[nodiscard]] kiosk::Clock clock() const;
    // The --db path, checked to be given; for programs that open their own connections.
    [[nodiscard]] std::string database_path() const;
    [[nodiscard]] kiosk::Instant now() const { return clock().now(); }
    // Who did it, for the audit trail: --by when given, else the login name, else "kioskctl".
    [[nodiscard]] std::string actor() const;
    // One row of the audit trail by actor(), now; call inside the Store::write that makes the
    // change, so that both happen or neither does.
    void audit(kiosk::Store& store, std::string action, std::string target, std::string before,
               std::string after) const;

    // The site configuration: --config, else KIOSK_CONFIG; none when neither is given.
    [[nodiscard]] const std::optional<kiosk::SiteConfig>& config();
    // --site when given, else the configured site; throws when there is neither, when the site
    // is unknown or contradicts the configuration (kiosk::resolve_site).
    [[nodiscard]] std::string site(const std::string& option_value);

    // A command that ran well but whose answer is "no" (a refused ticket) exits with 1.
    void set_exit_code(int code) { exit_code_ = code; }
    [[nodiscard]] int exit_code() const { return exit_code_; }

private:
    int exit_code_ = 0;
    std::string database_path_;
    std::string config_path_;
    std::string at_;
    std::string by_;
    bool config_loaded_ = false;
    std::optional<kiosk::SiteConfig> config_;
};

[[nodiscard]] kiosk::Instant parse_instant_option(const std::string& option,
                                                  const std::string& value);
[[nodiscard]] kiosk::Day parse_day_option(const std::string& option, const std::string& value);
[[nodiscard]] kiosk::SessionId parse_session_id(const std::string& text);

} // namespace kioskctl
