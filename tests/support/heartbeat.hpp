#pragma once

// The camera process's heartbeat file (see kiosk_checkin/liveness.hpp), written by tests that
// stand in for the camera, and the pid of a process that no longer exists.

#include "kiosk/runtime.hpp"

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

namespace test {

inline void write_heartbeat(const std::filesystem::path& runtime, long pid,
                            std::chrono::system_clock::time_point heartbeat,
                            std::optional<std::chrono::system_clock::time_point> last_frame,
                            const std::string& problem = "", const std::string& input = "camera",
                            double fps = 9.8)
{
    const auto seconds = [](std::chrono::system_clock::time_point at) {
        return std::chrono::duration<double>(at.time_since_epoch()).count();
    };
    const nlohmann::json status{
        {"pid", pid},
        {"input", input},
        {"running", true},
        {"heartbeat", seconds(heartbeat)},
        {"last_frame", last_frame ? nlohmann::json(seconds(*last_frame)) : nullptr},
        {"fps", fps},
        {"source", "v4l2"},
        {"last_error", ""},
        {"last_scan", nullptr},
        {"record_problem", problem}};
    kiosk::write_file_atomically(kiosk::camera_status_path(runtime), status.dump());
}

// The pid of a process that has ended (and been reaped).
inline long ended_pid()
{
    const pid_t child = fork();
    if (child == 0)
        _exit(0);
    int status = 0;
    waitpid(child, &status, 0);
    return child;
}

} // namespace test
