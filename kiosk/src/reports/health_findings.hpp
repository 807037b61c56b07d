#pragma once

// What the site's own health and the office's overview of the sites share.

#include "kiosk/store/database_health.hpp"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <vector>

namespace kiosk::health_findings {

// Staff read the first lines first: problems, then warnings, then what is fine.
inline void sort_worst_first(std::vector<HealthFinding>& findings)
{
    std::stable_sort(findings.begin(), findings.end(), [](const auto& a, const auto& b) {
        return static_cast<int>(a.severity) > static_cast<int>(b.severity);
    });
}

inline Severity worst(const std::vector<HealthFinding>& findings)
{
    Severity severity = Severity::Ok;
    for (const auto& finding : findings)
        severity = std::max(severity, finding.severity);
    return severity;
}

// Whether the process that wrote a heartbeat still runs: kill(pid, 0) asks; EPERM means it
// does, under another user.
inline bool process_exists(long pid)
{
    if (pid <= 0)
        return false;
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

} // namespace kiosk::health_findings
