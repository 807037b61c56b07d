#pragma once

// Runs the built kiosk-display against a demo database, on the X server of the test run.

#include "build_paths.hpp"
#include "kioskctl.hpp"
#include "process.hpp"

#include <SFML/Graphics/Image.hpp>
#include <catch2/catch.hpp>
#include <map>
#include <string>
#include <vector>

namespace test {

// Sanitized builds preload the ASan runtime and keep Mesa's software driver mapped, so its
// leaks at exit can be attributed (and suppressed) instead of reported from unknown frames.
inline std::map<std::string, std::string> display_environment()
{
    std::map<std::string, std::string> environment{{"KIOSK_DB", ""}, {"KIOSK_CONFIG", ""}};
    const std::string preload = KIOSK_DISPLAY_PRELOAD;
    if (!preload.empty())
        environment["LD_PRELOAD"] = preload;
    return environment;
}

inline ProcessResult kiosk_display(std::vector<std::string> arguments)
{
    return run_process(command_line(test::kiosk_display_program(), std::move(arguments)),
                       display_environment());
}

// A kiosk-display running in the background until the object goes away.
class BackgroundDisplay : public BackgroundProcess {
public:
    BackgroundDisplay(std::vector<std::string> arguments, const std::string& log)
        : BackgroundProcess(with_program(std::move(arguments)), log, display_environment())
    {
    }

private:
    static std::vector<std::string> with_program(std::vector<std::string> arguments)
    {
        arguments.insert(arguments.begin(), test::kiosk_display_program());
        return arguments;
    }
};

inline sf::Image load_png(const std::string& path)
{
    sf::Image image;
    REQUIRE(image.loadFromFile(path));
    return image;
}

} // namespace test
