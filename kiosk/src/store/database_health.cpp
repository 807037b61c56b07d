#include "kiosk/store/database_health.hpp"

#include "kiosk/base/sizes.hpp"
#include "kiosk/store/backup.hpp"
#include "kiosk/store/store.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kiosk {

bool HealthReport::has_problem() const
{
    return std::any_of(findings.begin(), findings.end(),
                       [](const HealthFinding& finding) { return finding.severity != Severity::Ok; });
}

HealthReport check_database(const std::filesystem::path& database, const HealthLimits& limits)
{
    HealthReport report;
    report.latest_schema_version = Store::latest_schema_version();

    const auto verified = verify_database_file(database);
    if (verified) {
        report.schema_version = *verified;
        report.findings.push_back({Severity::Ok, "integrite", "intégrité vérifiée (integrity_check : ok)"});
        if (*verified < report.latest_schema_version)
            report.findings.push_back(
                {Severity::Problem, "schema",
                 fmt::format("schéma {} ; ce programme attend {} (lancez « kioskctl init »)",
                             *verified, report.latest_schema_version)});
        else
            report.findings.push_back(
                {Severity::Ok, "schema", fmt::format("schéma {} (le dernier)", *verified)});
    } else {
        report.findings.push_back({Severity::Problem, "integrite", verified.error()});
    }

    std::error_code error;
    const auto directory = std::filesystem::absolute(database, error).parent_path();
    const auto space = std::filesystem::space(directory, error);
    if (error) {
        report.findings.push_back({Severity::Problem, "disque",
                                   fmt::format("espace libre de {} illisible : {}",
                                               directory.string(), error.message())});
    } else {
        report.free_bytes = space.available;
        const bool low = space.available < limits.minimum_free_bytes;
        report.findings.push_back(
            {low ? Severity::Warning : Severity::Ok, "disque",
             fmt::format("{} libres dans {}{}", french_size(space.available), directory.string(),
                         low ? fmt::format(" (moins de {} : les entrées risquent d'être refusées)",
                                           french_size(limits.minimum_free_bytes))
                             : "")});
    }

    const auto wal = database.string() + "-wal";
    report.wal_bytes = std::filesystem::exists(wal, error) ? std::filesystem::file_size(wal, error) : 0;
    const bool large = report.wal_bytes > limits.maximum_wal_bytes;
    report.findings.push_back(
        {large ? Severity::Warning : Severity::Ok, "journal",
         fmt::format("journal WAL : {}{}", french_size(report.wal_bytes),
                     large ? " (trop gros : un programme garde une lecture ouverte ?)" : "")});
    return report;
}

} // namespace kiosk
