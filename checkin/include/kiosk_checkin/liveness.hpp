#pragma once

#include "kiosk/reports/camera_heartbeat.hpp"
#include "kiosk_checkin/scan_loop.hpp"

#include <filesystem>
#include <string>

namespace kiosk::checkin {

// Writes the camera's heartbeat (kiosk/reports/camera_heartbeat.hpp), which the board's staff
// corner and the console read, replacing the file atomically at each update.
class LivenessFile {
public:
    explicit LivenessFile(std::filesystem::path path, TicketInput input = TicketInput::Camera)
        : path_(std::move(path))
        , input_(input)
    {}

    void update(const SourceState& state);
    void scanned(std::chrono::system_clock::time_point at) { last_scan_ = at; }
    void record_problem(std::string problem) { record_problem_ = std::move(problem); }

    [[nodiscard]] static CameraHeartbeat heartbeat(const SourceState& state,
                                                   std::chrono::system_clock::time_point now,
                                                   std::chrono::system_clock::time_point last_scan,
                                                   const std::string& record_problem = {},
                                                   TicketInput input = TicketInput::Camera);

private:
    std::filesystem::path path_;
    TicketInput input_;
    std::chrono::system_clock::time_point last_scan_{};
    std::string record_problem_;
};

} // namespace kiosk::checkin
