#include "kiosk_display/system_state.hpp"

#include "kiosk/runtime.hpp"

namespace kiosk_display {

CameraState camera_state(const std::filesystem::path& runtime_dir, std::chrono::seconds max_age)
{
    std::error_code error;
    const auto written = std::filesystem::last_write_time(kiosk::camera_status_path(runtime_dir), error);
    if (error)
        return CameraState::Unknown;
    const auto age = std::filesystem::file_time_type::clock::now() - written;
    return age <= max_age ? CameraState::Alive : CameraState::Silent;
}

} // namespace kiosk_display
