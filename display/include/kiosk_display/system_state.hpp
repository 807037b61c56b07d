#pragma once

// What the board reads about its machine: whether the clock is synchronised and whether the
// camera process is alive.

#include "kiosk/time.hpp"
#include "kiosk_display/board_data.hpp"

#include <filesystem>

namespace kiosk_display {

// The camera process rewrites its status file (kiosk::camera_status_path) about once a
// second. Alive when it is at most `max_age` old, Silent when older, Unknown when absent.
[[nodiscard]] CameraState camera_state(const std::filesystem::path& runtime_dir,
                                       std::chrono::seconds max_age = std::chrono::seconds{10});

} // namespace kiosk_display
