#pragma once

#include "kiosk_checkin/scan_loop.hpp"

#include <filesystem>
#include <string>

namespace kiosk::checkin {

// The camera's heartbeat as the board's staff corner and the console read it: a small JSON
// file under the runtime directory, replaced atomically about once a second.
//   {"pid", "input", "running", "heartbeat", "last_frame", "fps", "source", "last_error",
//    "last_scan", "record_problem"}
// input is "camera", or "reader" for a handheld scanner, which has no frames.
// record_problem is empty while scans are recorded, else what staff must know ("Disque plein…").
// Instants are Unix seconds (fractional); last_frame and last_scan are null until they happen.
enum class Input { Camera, Reader };

class LivenessFile {
public:
    explicit LivenessFile(std::filesystem::path path, Input input = Input::Camera)
        : path_(std::move(path)), input_(input)
    {
    }

    void update(const SourceState& state);
    void scanned(std::chrono::system_clock::time_point at) { last_scan_ = at; }
    void record_problem(std::string problem) { record_problem_ = std::move(problem); }

    [[nodiscard]] static std::string render(const SourceState& state,
                                            std::chrono::system_clock::time_point now,
                                            std::chrono::system_clock::time_point last_scan,
                                            const std::string& record_problem = {},
                                            Input input = Input::Camera);

private:
    std::filesystem::path path_;
    Input input_;
    std::chrono::system_clock::time_point last_scan_{};
    std::string record_problem_;
};

} // namespace kiosk::checkin
