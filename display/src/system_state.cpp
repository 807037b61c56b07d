#include "kiosk_display/system_state.hpp"

#include <sys/timex.h>

namespace kiosk_display {

ClockTrust system_clock_trust(kiosk::Instant now)
{
    if (kiosk::local_day(now).year() < date::year{2025})
        return ClockTrust::Unsynchronised;
    timex status{};
    const int state = ntp_adjtime(&status);
    if (state == TIME_ERROR || (status.status & STA_UNSYNC) != 0)
        return ClockTrust::Unsynchronised;
    return ClockTrust::Synchronised;
}

std::filesystem::path camera_heartbeat_path(const std::filesystem::path& runtime_dir)
{
    return runtime_dir / "camera.heartbeat";
}

CameraState camera_state(const std::filesystem::path& runtime_dir, std::chrono::seconds max_age)
{
    std::error_code error;
    const auto written = std::filesystem::last_write_time(camera_heartbeat_path(runtime_dir), error);
    if (error)
        return CameraState::Unknown;
    const auto age = std::filesystem::file_time_type::clock::now() - written;
    return age <= max_age ? CameraState::Alive : CameraState::Silent;
}

} // namespace kiosk_display
