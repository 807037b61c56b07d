#include "kiosk/reports/camera_heartbeat.hpp"

#include "base/json_fields.hpp"

#include <cmath>

namespace kiosk {
namespace {

using json_fields::real_time;
using json_fields::seconds_or_null;

std::string text_in(const nlohmann::ordered_json& document, const char* key)
{
    return json_fields::text(document, key).value_or("");
}

} // namespace

void to_json(nlohmann::ordered_json& document, const CameraHeartbeat& heartbeat)
{
    document = nlohmann::ordered_json::object();
    document["pid"] = heartbeat.pid;
    document["input"] = heartbeat.input == TicketInput::Reader ? "reader" : "camera";
    document["running"] = heartbeat.running;
    document["heartbeat"] = seconds_or_null(heartbeat.heartbeat);
    document["last_frame"] = seconds_or_null(heartbeat.last_frame);
    document["fps"] = std::round(heartbeat.frames_per_second * 10) / 10;
    document["source"] = heartbeat.source;
    document["last_error"] = heartbeat.last_error;
    document["last_scan"] = seconds_or_null(heartbeat.last_scan);
    document["record_problem"] = heartbeat.record_problem;
}

void from_json(const nlohmann::ordered_json& document, CameraHeartbeat& heartbeat)
{
    heartbeat = {};
    if (!document.is_object())
        return;
    if (const auto pid = document.find("pid"); pid != document.end() && pid->is_number_integer())
        heartbeat.pid = pid->get<long>();
    heartbeat.input =
        text_in(document, "input") == "reader" ? TicketInput::Reader : TicketInput::Camera;
    if (const auto running = document.find("running");
        running != document.end() && running->is_boolean())
        heartbeat.running = running->get<bool>();
    heartbeat.heartbeat = real_time(document, "heartbeat");
    heartbeat.last_frame = real_time(document, "last_frame");
    if (const auto fps = document.find("fps"); fps != document.end() && fps->is_number())
        heartbeat.frames_per_second = fps->get<double>();
    heartbeat.source = text_in(document, "source");
    heartbeat.last_error = text_in(document, "last_error");
    heartbeat.last_scan = real_time(document, "last_scan");
    heartbeat.record_problem = text_in(document, "record_problem");
}

std::filesystem::path camera_status_path(const std::filesystem::path& runtime_dir)
{
    return runtime_dir / "camera.json";
}

} // namespace kiosk
