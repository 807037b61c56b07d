#pragma once

// What the board reads about its machine: whether the clock is synchronised and whether the
// camera process is alive.

#include "kiosk/time.hpp"
#include "kiosk_display/board_data.hpp"

#include <filesystem>

namespace kiosk_display {

// Unsynchronised when the year is before 2025 (a box that booted without network) or when
// the kernel says so (ntp_adjtime: TIME_ERROR or STA_UNSYNC).
[[nodiscard]] ClockTrust system_clock_trust(kiosk::Instant now);

// The camera process touches this file every few seconds while it runs.
[[nodiscard]] std::filesystem::path camera_heartbeat_path(const std::filesystem::path& runtime_dir);

// Alive when the heartbeat is at most `max_age` old, Silent when older, Unknown when absent.
[[nodiscard]] CameraState camera_state(const std::filesystem::path& runtime_dir,
                                       std::chrono::seconds max_age = std::chrono::seconds{10});

} // namespace kiosk_display
