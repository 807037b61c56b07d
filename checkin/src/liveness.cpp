#include "kiosk_checkin/liveness.hpp"

#include "kiosk/runtime.hpp"

#include <cmath>
#include <nlohmann/json.hpp>
#include <unistd.h>

namespace kiosk::checkin {
namespace {

nlohmann::json seconds_or_null(std::chrono::system_clock::time_point at)
{
    if (at == std::chrono::system_clock::time_point{})
        return nullptr;
    return std::chrono::duration<double>(at.time_since_epoch()).count();
}

} // namespace

std::string LivenessFile::render(const SourceState& state, std::chrono::system_clock::time_point now,
                                 std::chrono::system_clock::time_point last_scan,
                                 const std::string& record_problem, Input input)
{
    nlohmann::ordered_json document;
    document["pid"] = getpid();
    document["input"] = input == Input::Reader ? "reader" : "camera";
    document["running"] = state.running;
    document["heartbeat"] = seconds_or_null(now);
    document["last_frame"] = seconds_or_null(state.last_frame);
    document["fps"] = std::round(state.frames_per_second * 10) / 10;
    document["source"] = state.source;
    document["last_error"] = state.last_error;
    document["last_scan"] = seconds_or_null(last_scan);
    document["record_problem"] = record_problem;
    return document.dump() + "\n";
}

void LivenessFile::update(const SourceState& state)
{
    try {
        write_file_atomically(path_, render(state, std::chrono::system_clock::now(), last_scan_, record_problem_,
                                             input_));
    } catch (const std::exception&) {
        // An unwritable runtime directory must not stop check-ins; the board will show the
        // camera as silent, which is the truth staff need.
    }
}

} // namespace kiosk::checkin
