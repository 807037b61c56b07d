#pragma once

// What the site's own health and the office's overview of the sites share.

#include "kiosk/store/database_health.hpp"

#include <algorithm>
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

} // namespace kiosk::health_findings
