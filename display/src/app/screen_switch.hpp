#pragma once

// Switches the monitor off and on through the X server's DPMS extension, so a closed site's
// screen is really off (no backlight, no burn-in) rather than painted black. Where the server
// has no DPMS (Xvfb, some drivers) it says so once and the board carries on.

#include "kiosk_display/kiosk_behaviour.hpp"

#include <functional>
#include <optional>
#include <string>

struct _XDisplay;

namespace kiosk_display::app {

class ScreenSwitch {
public:
    using Log = std::function<void(const std::string&)>;

    explicit ScreenSwitch(Log log);
    ~ScreenSwitch();
    ScreenSwitch(const ScreenSwitch&) = delete;
    ScreenSwitch& operator=(const ScreenSwitch&) = delete;

    // Does something only when `power` differs from what was last asked.
    void set(ScreenPower power);
    [[nodiscard]] std::optional<ScreenPower> current() const { return current_; }

private:
    Log log_;
    _XDisplay* display_ = nullptr;
    bool dpms_ = false;
    std::optional<ScreenPower> current_;
};

} // namespace kiosk_display::app
