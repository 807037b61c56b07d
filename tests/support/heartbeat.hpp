#pragma once

// The camera process's heartbeat file (kiosk/reports/camera_heartbeat.hpp), the board's
// (kiosk/reports/board_heartbeat.hpp) and the sync agent's (kiosk/reports/link_heartbeat.hpp),
// written by tests that stand in for them, and the pid of a process that no longer exists.

#include "kiosk/platform/runtime.hpp"
#include "kiosk/reports/board_heartbeat.hpp"
#include "kiosk/reports/camera_heartbeat.hpp"
#include "kiosk/reports/link_heartbeat.hpp"

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
    kiosk::CameraHeartbeat status;
    status.pid = pid;
    status.input = input == "reader" ? kiosk::TicketInput::Reader : kiosk::TicketInput::Camera;
    status.running = true;
    status.heartbeat = heartbeat;
    status.last_frame = last_frame;
    status.frames_per_second = fps;
    status.source = "v4l2";
    status.record_problem = problem;
    kiosk::write_file_atomically(kiosk::camera_status_path(runtime),
                                 nlohmann::ordered_json(status).dump());
}

// The board's heartbeat, and its picture when `png` is given (taken at `picture_at`).
inline void write_board_heartbeat(const std::filesystem::path& runtime, long pid,
                                  std::chrono::system_clock::time_point heartbeat,
                                  bool screen_on = true,
                                  std::optional<std::chrono::system_clock::time_point> picture_at =
                                      std::nullopt,
                                  const std::string& png = "",
                                  std::optional<std::chrono::system_clock::time_point> started =
                                      std::nullopt)
{
    kiosk::BoardHeartbeat status;
    status.pid = pid;
    status.started = started.value_or(heartbeat - std::chrono::minutes{1});
    status.heartbeat = heartbeat;
    status.screen_on = screen_on;
    status.picture_at = picture_at;
    if (!png.empty())
        kiosk::write_file_atomically(kiosk::board_picture_path(runtime), png);
    kiosk::write_file_atomically(kiosk::board_status_path(runtime),
                                 nlohmann::ordered_json(status).dump() + "\n");
}

// The sync agent's heartbeat after an attempt: `success_age` ago was the last exchange that went
// through (none: never), `error` what the last attempt met (empty: it went through).
inline void write_link_heartbeat(const std::filesystem::path& runtime, long pid,
                                 std::optional<std::chrono::seconds> success_age,
                                 const std::string& error,
                                 const std::string& office = "https://127.0.0.1:8443",
                                 std::chrono::system_clock::time_point now =
                                     std::chrono::system_clock::now())
{
    kiosk::LinkHeartbeat heartbeat;
    heartbeat.pid = pid;
    heartbeat.office = office;
    heartbeat.last_attempt = now;
    if (success_age)
        heartbeat.last_success = now - *success_age;
    heartbeat.last_error = error;
    kiosk::write_file_atomically(kiosk::link_status_path(runtime),
                                 nlohmann::ordered_json(heartbeat).dump() + "\n");
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
