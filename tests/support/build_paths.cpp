#include "build_paths.hpp"

namespace test {

std::string source_dir() { return KIOSK_TEST_SOURCE_DIR; }
std::string build_dir() { return KIOSK_TEST_BUILD_DIR; }
std::string kioskctl_program() { return KIOSK_TEST_KIOSKCTL; }
std::string kiosk_checkin_program() { return KIOSK_TEST_KIOSK_CHECKIN; }
std::string kiosk_display_program() { return KIOSK_TEST_KIOSK_DISPLAY; }

} // namespace test
