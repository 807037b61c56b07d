#pragma once

// The tables that travel, their columns (in bundle order) and who owns each row.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace kiosk::sync {

struct Table {
    std::string_view name;
    std::string_view key; // primary key column, first of `columns`
    std::span<const std::string_view> columns;
    // The column naming the row's owner ('office' or a site): a session's planner, a notice's
    // author, the site of what happened there. Empty: the office owns every row (tickets, keys).
    std::string_view owner_column;
};

[[nodiscard]] std::span<const Table> tables();
[[nodiscard]] const Table* find_table(std::string_view name);

// The owner of a row given the value of its owner column (none when null); empty when the
// rule cannot be met (a scan without a site).
[[nodiscard]] std::string owner_of(const Table& table, const std::optional<std::string>& owner);

// Column lists for SQL: "a, b, c" and "?1, ?2, ?3".
[[nodiscard]] std::string column_list(const Table& table);
[[nodiscard]] std::string parameter_list(const Table& table);
[[nodiscard]] int column_index(const Table& table, std::string_view column); // -1 when absent

} // namespace kiosk::sync
