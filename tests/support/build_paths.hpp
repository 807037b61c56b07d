#pragma once

// Where the tests find the source tree and this build's programs. The paths are compiled into
// build_paths.cpp alone: a definition naming a folder on every test file's command line made
// each of them new to ccache in every clone, and a fresh clone compiled all the tests again.

#include <string>

namespace test {

[[nodiscard]] std::string source_dir();
[[nodiscard]] std::string build_dir();
[[nodiscard]] std::string kioskctl_program();
[[nodiscard]] std::string kiosk_checkin_program();
[[nodiscard]] std::string kiosk_display_program();

} // namespace test
