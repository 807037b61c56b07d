#pragma once

// The tables that travel, their columns (in bundle order) and who owns each row.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace kiosk::sync {

enum class OwnerRule {
    SiteOrOffice, // the row's site, or the office when it has none (sessions)
    Office,       // always the office (tickets, trusted keys)
    Site,         // always the row's site (scans, check-ins, walk-ins)
};

struct Table {
    std::string_view name;
    std::string_view key; // primary key column, first of `columns`
    std::span<const std::string_view> columns;
    OwnerRule owner;
};

[[nodiscard]] std::span<const Table> tables();
[[nodiscard]] const Table* find_table(std::string_view name);

// The owner of a row given its site column (none when null); empty when the rule cannot be
// met (a scan without a site).
[[nodiscard]] std::string owner_of(const Table& table, const std::optional<std::string>& site);

// Column lists for SQL: "a, b, c" and "?1, ?2, ?3".
[[nodiscard]] std::string column_list(const Table& table);
[[nodiscard]] std::string parameter_list(const Table& table);
[[nodiscard]] int column_index(const Table& table, std::string_view column); // -1 when absent

} // namespace kiosk::sync
