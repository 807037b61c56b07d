#pragma once

// What the program reading the tickets (kiosk-checkin) says of itself about once a second: a
// small JSON file under the runtime folder, replaced atomically, which the console's health
// page, `kioskctl health` and the board's staff corner read. One type, one encoding, written
// by the reader and read by everyone else:
//   {"pid", "input", "running", "heartbeat", "last_frame", "fps", "source", "last_error",
//    "last_scan", "record_problem"}
// Instants are Unix seconds (fractional), null until they happen; input is "camera", or
// "reader" for a handheld scanner, which has no frames; record_problem is empty while scans
// are recorded, else what staff must know ("Disque plein…").

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace kiosk {

// What reads the tickets: the camera, or a handheld scanner typing one code per line.
enum class TicketInput { Camera, Reader };

struct CameraHeartbeat {
    using RealTime = std::chrono::system_clock::time_point; // the heartbeat is in real time

    long pid = 0; // the process that wrote it
    TicketInput input = TicketInput::Camera;
    bool running = false;
    std::optional<RealTime> heartbeat;
    std::optional<RealTime> last_frame;
    double frames_per_second = 0; // to a tenth
    std::string source;
    std::string last_error;
    std::optional<RealTime> last_scan;
    std::string record_problem;
};

// Fields missing or of the wrong type read as their defaults: a heartbeat from an older or
// newer reader is still read for what it says.
void to_json(nlohmann::ordered_json& document, const CameraHeartbeat& heartbeat);
void from_json(const nlohmann::ordered_json& document, CameraHeartbeat& heartbeat);

// Where the heartbeat is, under the runtime folder shared by the kiosk's programs.
[[nodiscard]] std::filesystem::path camera_status_path(const std::filesystem::path& runtime_dir);

} // namespace kiosk
