#pragma once

// What the board reads about its machine: whether the clock is synchronised and whether the
// camera process is alive.

#include "kiosk/base/time.hpp"
#include "kiosk_display/board_data.hpp"

#include <filesystem>

namespace kiosk_display {

// The camera process rewrites its status file (kiosk::camera_status_path) about once a
// second: read as the console's health page reads it (its writer gone: Stopped; a heartbeat
// or a frame older than `max_age`: Silent; absent: Unknown).
[[nodiscard]] CameraState camera_state(const std::filesystem::path& runtime_dir,
                                       std::chrono::seconds max_age = std::chrono::seconds{10});

// The live link's heartbeat under the runtime directory; none when the site is not on the link
// (no agent has run): the staff corner then says nothing of it.
[[nodiscard]] std::optional<LinkState>
link_state(const std::filesystem::path& runtime_dir,
           std::chrono::system_clock::time_point now = std::chrono::system_clock::now());

} // namespace kiosk_display
