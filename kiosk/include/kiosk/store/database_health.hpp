#pragma once

// What `kioskctl check` and the installer look at before trusting a site database: its
// integrity, its schema, the room left on its disk and the size of its write-ahead log.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace kiosk {

struct HealthLimits {
    std::uintmax_t minimum_free_bytes = 200ull * 1024 * 1024; // below: check-ins may soon fail
    std::uintmax_t maximum_wal_bytes = 64ull * 1024 * 1024;   // above: checkpoints are stuck
};

enum class Severity { Ok, Warning, Problem };

struct HealthFinding {
    Severity severity = Severity::Ok;
    std::string topic;   // "integrite", "schema", "disque", "journal"
    std::string message; // in French, for staff
};

struct HealthReport {
    int schema_version = 0;
    int latest_schema_version = 0;
    std::uintmax_t free_bytes = 0;
    std::uintmax_t wal_bytes = 0;
    std::vector<HealthFinding> findings;

    [[nodiscard]] bool has_problem() const;
};

// Reads the database without writing to it; a missing or foreign file is a Problem finding.
[[nodiscard]] HealthReport check_database(const std::filesystem::path& database,
                                          const HealthLimits& limits = {});

} // namespace kiosk
