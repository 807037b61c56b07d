#pragma once

#include <CLI/CLI.hpp>
#include <filesystem>
#include <string>

namespace kioskctl {

// The database file named by the global --db (or KIOSK_DB), for the commands that work on the
// file itself (backups, restore, an upgrade) before or without opening it as a Store.
[[nodiscard]] std::filesystem::path database_option(CLI::App& app);

// The other processes holding `file` (or its -wal) open, as "kiosk-display (1234), …"; empty
// when none. Only processes whose /proc entries this user may read are seen.
[[nodiscard]] std::string processes_using(const std::filesystem::path& file);

} // namespace kioskctl
