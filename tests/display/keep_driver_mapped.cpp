// Some display tests draw in this process (the board's own fonts measure text through an
// OpenGL context). Mesa loads its software driver for that context and unloads it when the
// context goes; what the driver keeps for the process's lifetime is then reported at exit as a
// leak from an unknown module, which no suppression can name. Sanitized builds therefore keep
// the driver mapped for the whole run, as kiosk-display's own runs do through LD_PRELOAD: its
// allocations stay attributed to a library that is still there.

#include <dlfcn.h>
#include <string>

namespace {

struct KeepDriverMapped {
    KeepDriverMapped()
    {
        const std::string preload = KIOSK_DISPLAY_PRELOAD; // "<asan runtime> <driver>"
        const auto space = preload.rfind(' ');
        if (space == std::string::npos)
            return;
        const auto driver = preload.substr(space + 1);
        dlopen(driver.c_str(), RTLD_NOW | RTLD_GLOBAL | RTLD_NODELETE);
    }
};

const KeepDriverMapped keep_driver_mapped;

} // namespace
