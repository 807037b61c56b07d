#include "build_paths.hpp"

namespace test {

const std::string& source_dir()
{
    static const std::string path = KIOSK_TEST_SOURCE_DIR;
    return path;
}

const std::string& build_dir()
{
    static const std::string path = KIOSK_TEST_BUILD_DIR;
    return path;
}

const std::string& kioskctl_program()
{
    static const std::string path = KIOSK_TEST_KIOSKCTL;
    return path;
}

const std::string& kiosk_checkin_program()
{
    static const std::string path = KIOSK_TEST_KIOSK_CHECKIN;
    return path;
}

const std::string& kiosk_display_program()
{
    static const std::string path = KIOSK_TEST_KIOSK_DISPLAY;
    return path;
}

} // namespace test
