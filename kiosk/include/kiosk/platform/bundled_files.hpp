#pragma once

// Files shipped with the programs (fonts, the console's pages): found the same way by every
// program, whether run from the build tree or installed.

#include <filesystem>
#include <string>

namespace kiosk {

// `option_value` when given, else the environment variable's value, else `name` beside the
// program, else share/atelier-kiosk/`name` beside its bin/ directory.
[[nodiscard]] std::filesystem::path bundled_directory(const std::string& name,
                                                      const std::string& option_value,
                                                      const char* environment_variable);

} // namespace kiosk
