#include "kiosk_checkin/liveness.hpp"

#include "kiosk/platform/runtime.hpp"

#include <unistd.h>

namespace kiosk::checkin {
namespace {

std::optional<CameraHeartbeat::RealTime> unless_never(std::chrono::system_clock::time_point at)
{
    if (at == std::chrono::system_clock::time_point{})
        return std::nullopt;
    return at;
}

} // namespace

CameraHeartbeat LivenessFile::heartbeat(const SourceState& state,
                                        std::chrono::system_clock::time_point now,
                                        std::chrono::system_clock::time_point last_scan,
                                        const std::string& record_problem, TicketInput input)
{
    CameraHeartbeat heartbeat;
    heartbeat.pid = getpid();
    heartbeat.input = input;
    heartbeat.running = state.running;
    heartbeat.heartbeat = unless_never(now);
    heartbeat.last_frame = unless_never(state.last_frame);
    heartbeat.frames_per_second = state.frames_per_second;
    heartbeat.source = state.source;
    heartbeat.last_error = state.last_error;
    heartbeat.last_scan = unless_never(last_scan);
    heartbeat.record_problem = record_problem;
    return heartbeat;
}

void LivenessFile::update(const SourceState& state)
{
    try {
        const nlohmann::ordered_json document =
            heartbeat(state, std::chrono::system_clock::now(), last_scan_, record_problem_, input_);
        write_file_atomically(path_, document.dump() + "\n");
    } catch (const std::exception&) {
        // An unwritable runtime directory must not stop check-ins; the board will show the
        // camera as silent, which is the truth staff need.
    }
}

} // namespace kiosk::checkin
