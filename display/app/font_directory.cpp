#include "app.hpp"

#include <cstdlib>
#include <unistd.h>

namespace kiosk_display::app {

std::filesystem::path font_directory(const std::string& option_value)
{
    if (!option_value.empty())
        return option_value;
    if (const char* variable = std::getenv("KIOSK_FONTS"); variable && *variable)
        return variable;
    std::error_code error;
    const auto program = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error)
        return "fonts";
    const auto beside = program.parent_path() / "fonts";
    if (std::filesystem::exists(beside / regular_font_file))
        return beside;
    return program.parent_path().parent_path() / "share" / "atelier-kiosk" / "fonts";
}

} // namespace kiosk_display::app
