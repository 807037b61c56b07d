#include "kiosk/platform/bundled_files.hpp"
#include "kiosk_display/app.hpp"

namespace kiosk_display::app {

std::filesystem::path font_directory(const std::string& option_value)
{
    return kiosk::bundled_directory("fonts", option_value, "KIOSK_FONTS");
}

} // namespace kiosk_display::app
