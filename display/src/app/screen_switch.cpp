#include "screen_switch.hpp"

// Xlib defines macros (Status, None, Bool) that clash with ordinary names: included last.
#include <X11/Xlib.h>
#include <X11/extensions/dpms.h>

namespace kiosk_display::app {

ScreenSwitch::ScreenSwitch(Log log) : log_(std::move(log))
{
    display_ = XOpenDisplay(nullptr);
    if (display_ == nullptr) {
        log_("écran : pas de connexion X pour DPMS ; l'écran restera allumé");
        return;
    }
    int event_base = 0;
    int error_base = 0;
    dpms_ = DPMSQueryExtension(display_, &event_base, &error_base) != 0 && DPMSCapable(display_) != 0;
    if (!dpms_) {
        log_("écran : ce serveur X n'a pas DPMS ; hors horaires, le tableau cesse seulement de "
             "se redessiner");
        return;
    }
    // The board decides when the screen sleeps, not the X server's idle timers: a kiosk
    // has no keyboard activity to keep them at bay.
    XSetScreenSaver(display_, 0, 0, DontPreferBlanking, AllowExposures);
    DPMSSetTimeouts(display_, 0, 0, 0);
    DPMSEnable(display_);
    XFlush(display_);
}

ScreenSwitch::~ScreenSwitch()
{
    if (display_ == nullptr)
        return;
    // Whoever comes next (a restart, staff at the console) finds a lit screen.
    if (dpms_ && current_ == ScreenPower::Off) {
        DPMSForceLevel(display_, DPMSModeOn);
        XFlush(display_);
    }
    XCloseDisplay(display_);
}

void ScreenSwitch::set(ScreenPower power)
{
    if (current_ == power)
        return;
    const bool first = !current_;
    current_ = power;
    if (!first || power == ScreenPower::Off)
        log_(power == ScreenPower::Off ? "écran éteint (hors des horaires d'ouverture)"
                                       : "écran allumé (horaires d'ouverture)");
    if (!dpms_)
        return;
    DPMSForceLevel(display_, power == ScreenPower::Off ? DPMSModeOff : DPMSModeOn);
    XFlush(display_);
}

} // namespace kiosk_display::app
