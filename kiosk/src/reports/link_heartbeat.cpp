#include "kiosk/reports/link_heartbeat.hpp"

#include "base/json_fields.hpp"
#include "health_findings.hpp"

#include <fstream>
#include <sstream>

namespace kiosk {

using json_fields::real_time;
using json_fields::seconds_or_null;

void to_json(nlohmann::ordered_json& document, const LinkHeartbeat& heartbeat)
{
    document = nlohmann::ordered_json::object();
    document["pid"] = heartbeat.pid;
    document["office"] = heartbeat.office;
    document["last_attempt"] = seconds_or_null(heartbeat.last_attempt);
    document["last_success"] = seconds_or_null(heartbeat.last_success);
    document["last_error"] = heartbeat.last_error;
    document["next_attempt"] = seconds_or_null(heartbeat.next_attempt);
    document["waiting"] = heartbeat.waiting;
}

void from_json(const nlohmann::ordered_json& document, LinkHeartbeat& heartbeat)
{
    heartbeat = {};
    if (!document.is_object())
        return;
    heartbeat.pid = json_fields::integer(document, "pid").value_or(0);
    heartbeat.office = json_fields::text(document, "office").value_or("");
    heartbeat.last_attempt = real_time(document, "last_attempt");
    heartbeat.last_success = real_time(document, "last_success");
    heartbeat.last_error = json_fields::text(document, "last_error").value_or("");
    heartbeat.next_attempt = real_time(document, "next_attempt");
    heartbeat.waiting = json_fields::integer(document, "waiting").value_or(0);
}

std::filesystem::path link_status_path(const std::filesystem::path& runtime_dir)
{
    return runtime_dir / "sync.json";
}

std::optional<LinkHeartbeat> read_link_heartbeat(const std::filesystem::path& runtime_dir)
{
    std::ifstream in(link_status_path(runtime_dir));
    if (!in)
        return std::nullopt;
    std::stringstream content;
    content << in.rdbuf();
    const auto document = nlohmann::ordered_json::parse(content.str(), nullptr, false);
    if (!document.is_object())
        return std::nullopt;
    return document.get<LinkHeartbeat>();
}

std::optional<LinkHealth> read_link_health(const std::filesystem::path& runtime_dir)
{
    const auto heartbeat = read_link_heartbeat(runtime_dir);
    if (!heartbeat)
        return std::nullopt;
    LinkHealth health;
    health.since = heartbeat->last_success;
    health.error = heartbeat->last_error;
    health.office = heartbeat->office;
    health.waiting = heartbeat->waiting;
    health.condition = !health_findings::process_exists(heartbeat->pid) ? LinkCondition::Stopped
                       : heartbeat->last_error.empty()                  ? LinkCondition::Online
                                                                        : LinkCondition::Offline;
    return health;
}

} // namespace kiosk
