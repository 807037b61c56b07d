#include "kiosk_display/system_state.hpp"

#include "kiosk/reports/link_heartbeat.hpp"
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

std::optional<LinkState> link_state(const std::filesystem::path& runtime_dir,
                                    std::chrono::system_clock::time_point now)
{
    const auto link = kiosk::read_link_health(runtime_dir);
    if (!link)
        return std::nullopt;
    LinkState state;
    state.condition = link->condition;
    if (link->since) {
        const auto elapsed = std::max(std::chrono::duration_cast<std::chrono::seconds>(now - *link->since),
                                      std::chrono::seconds{0});
        const auto step = elapsed < std::chrono::minutes{1}      ? std::chrono::seconds{10}
                          : elapsed < std::chrono::minutes{90}   ? std::chrono::seconds{60}
                                                                 : std::chrono::seconds{3600};
        state.since = elapsed / step * step;
    }
    return state;
}

} // namespace kiosk_display
