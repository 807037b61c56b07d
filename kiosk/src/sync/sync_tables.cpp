#include "sync_tables.hpp"

#include <array>
#include <fmt/format.h>

namespace kiosk::sync {
namespace {

constexpr std::array<std::string_view, 18> session_columns{
    "id",       "uid",       "site",          "kind",      "title",     "tags",
    "trainer",  "room",      "previous_room", "capacity",  "start_utc", "end_utc",
    "join_url", "organiser", "status",        "delay_min", "updated_at", "planner"};
constexpr std::array<std::string_view, 8> session_state_columns{
    "id", "session_id", "site", "status", "delay_min", "room", "previous_room", "updated_at"};
constexpr std::array<std::string_view, 9> notice_columns{
    "id", "site", "author", "batch", "text", "level", "created_at", "until_utc", "cleared_at"};
constexpr std::array<std::string_view, 11> ticket_columns{
    "id",   "session_id", "key_id",     "first_name",   "last_name",    "email",
    "note", "issued_at",  "revoked_at", "last_initial", "last_name_key"};
constexpr std::array<std::string_view, 4> key_columns{"key_id", "public_key", "trusted_at",
                                                      "retired_at"};
constexpr std::array<std::string_view, 4> office_certificate_columns{
    "fingerprint", "certificate", "announced_at", "retired_at"};
constexpr std::array<std::string_view, 11> scan_columns{
    "id",        "at_utc",     "site",   "device", "verdict",  "flag",
    "ticket_id", "session_id", "detail", "raw",    "raw_bytes"};
constexpr std::array<std::string_view, 12> checkin_columns{
    "id",     "ticket_id", "session_id", "scan_id",   "kind",      "flag",
    "at_utc", "site",      "device",     "undone_at", "undone_by", "override_reason"};
constexpr std::array<std::string_view, 8> walkin_columns{
    "id", "session_id", "site", "device", "first_name", "at_utc", "undone_at", "undone_by"};
constexpr std::array<std::string_view, 10> site_health_columns{
    "site",       "measured_at",    "severity",      "summary",    "camera",
    "fps_tenths", "last_frame_utc", "last_scan_utc", "free_bytes", "board"};
constexpr std::array<std::string_view, 5> board_picture_columns{"site", "taken_at", "width",
                                                                "height", "png"};

// Scans before check-ins before walk-ins is only for reading; applying follows the sequence.
const std::array<Table, 11> all{{
    {"sessions", "id", session_columns, "planner"},
    {"session_states", "id", session_state_columns, "site"},
    {"tickets", "id", ticket_columns, ""},
    {"trusted_keys", "key_id", key_columns, ""},
    {"office_certificates", "fingerprint", office_certificate_columns, ""},
    {"notices", "id", notice_columns, "author"},
    {"scans", "id", scan_columns, "site"},
    {"checkins", "id", checkin_columns, "site"},
    {"walkins", "id", walkin_columns, "site"},
    {"site_health", "site", site_health_columns, "site"},
    {"board_pictures", "site", board_picture_columns, "site"},
}};

} // namespace

std::span<const Table> tables() { return all; }

const Table* find_table(std::string_view name)
{
    for (const Table& table : all)
        if (table.name == name)
            return &table;
    return nullptr;
}

std::string owner_of(const Table& table, const std::optional<std::string>& owner)
{
    if (table.owner_column.empty())
        return "office";
    return owner.value_or("");
}

std::string column_list(const Table& table)
{
    std::string list;
    for (const auto column : table.columns)
        list += (list.empty() ? "" : ", ") + std::string(column);
    return list;
}

std::string parameter_list(const Table& table)
{
    std::string list;
    for (std::size_t i = 1; i <= table.columns.size(); ++i)
        list += fmt::format("{}?{}", i == 1 ? "" : ", ", i);
    return list;
}

int column_index(const Table& table, std::string_view column)
{
    for (std::size_t i = 0; i < table.columns.size(); ++i)
        if (table.columns[i] == column)
            return static_cast<int>(i);
    return -1;
}

} // namespace kiosk::sync
