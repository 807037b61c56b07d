#pragma once

#include <filesystem>
#include <string>

namespace kioskctl {

// The other processes holding `file` (or its -wal) open, as "kiosk-display (1234), …"; empty
// when none. Only processes whose /proc entries this user may read are seen.
[[nodiscard]] std::string processes_using(const std::filesystem::path& file);

} // namespace kioskctl
