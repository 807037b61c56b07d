#pragma once

// Runs the built kiosk-display against a demo database, on the X server of the test run.

#include "kioskctl.hpp"
#include "process.hpp"

#include <SFML/Graphics/Image.hpp>
#include <catch2/catch.hpp>
#include <csignal>
#include <map>
#include <string>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>
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
    arguments.insert(arguments.begin(), KIOSK_DISPLAY);
    return run_process(arguments, display_environment());
}

// A kiosk-display running in the background until the object goes away.
class BackgroundDisplay {
public:
    // Its output goes to `log`, so it never holds the test's own output open.
    BackgroundDisplay(std::vector<std::string> arguments, const std::string& log)
    {
        arguments.insert(arguments.begin(), KIOSK_DISPLAY);
        const auto environment = display_environment();
        child_ = fork();
        REQUIRE(child_ >= 0);
        if (child_ == 0) {
            prctl(PR_SET_PDEATHSIG, SIGTERM); // a crashed test leaves no board behind
            const int log_fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            const int null_fd = open("/dev/null", O_RDONLY);
            dup2(null_fd, 0);
            dup2(log_fd, 1);
            dup2(log_fd, 2);
            for (const auto& [name, value] : environment) {
                if (value.empty())
                    unsetenv(name.c_str());
                else
                    setenv(name.c_str(), value.c_str(), 1);
            }
            std::vector<char*> argv;
            for (auto& argument : arguments)
                argv.push_back(argument.data());
            argv.push_back(nullptr);
            execv(argv[0], argv.data());
            _exit(127);
        }
    }
    ~BackgroundDisplay() { stop(); }
    BackgroundDisplay(const BackgroundDisplay&) = delete;
    BackgroundDisplay& operator=(const BackgroundDisplay&) = delete;

    // Asks the board to close and returns its exit status.
    int stop()
    {
        if (child_ <= 0)
            return status_;
        kill(child_, SIGTERM);
        int status = 0;
        waitpid(child_, &status, 0);
        child_ = -1;
        status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return status_;
    }

    [[nodiscard]] bool running()
    {
        if (child_ <= 0)
            return false;
        int status = 0;
        if (waitpid(child_, &status, WNOHANG) == child_) {
            child_ = -1;
            status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            return false;
        }
        return true;
    }

private:
    pid_t child_ = -1;
    int status_ = -1;
};

inline sf::Image load_png(const std::string& path)
{
    sf::Image image;
    REQUIRE(image.loadFromFile(path));
    return image;
}

} // namespace test
