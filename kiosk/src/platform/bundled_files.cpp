#include "kiosk/platform/bundled_files.hpp"

#include <cstdlib>

namespace kiosk {

std::filesystem::path bundled_directory(const std::string& name, const std::string& option_value,
                                        const char* environment_variable)
{
    if (!option_value.empty())
        return option_value;
    if (const char* variable = std::getenv(environment_variable); variable && *variable)
        return variable;
    std::error_code error;
    const auto program = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error)
        return name;
    const auto beside = program.parent_path() / name;
    if (std::filesystem::is_directory(beside))
        return beside;
    return program.parent_path().parent_path() / "share" / "atelier-kiosk" / name;
}

} // namespace kiosk
