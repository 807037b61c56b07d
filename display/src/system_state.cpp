#include "kiosk_display/system_state.hpp"

#include "kiosk/reports/site_health.hpp"

namespace kiosk_display {

CameraState camera_state(const std::filesystem::path& runtime_dir, std::chrono::seconds max_age)
{
    const auto camera = kiosk::read_camera_health(runtime_dir, std::chrono::system_clock::now(),
                                                  {max_age, max_age});
    if (camera.condition == kiosk::CameraCondition::NoStatus)
        return CameraState::Unknown;
    if (camera.condition == kiosk::CameraCondition::Stopped)
        return CameraState::Stopped;
    if (camera.condition != kiosk::CameraCondition::Running)
        return CameraState::Silent;
    if (!camera.record_problem.empty())
        return CameraState::NotRecording;
    return camera.input == kiosk::TicketInput::Reader ? CameraState::ReaderReady
                                                      : CameraState::Alive;
}

} // namespace kiosk_display
