#pragma once

// The triggers that keep the sync change log (see sync.hpp), generated for the migrations
// from one line per logged table rather than written out by hand three times each.

#include <span>
#include <string>
#include <string_view>

namespace kiosk::migration {

struct LoggedTable {
    std::string_view table, key, owner; // `owner` with ROW for NEW or OLD
};

enum class Replacing { Yes, No }; // Yes: drop the table's triggers of the same names first

// Each trigger is one statement: an upsert on (table_name, row_key) that moves a row's entry to
// the end of the log. Not INSERT OR REPLACE: an outer upsert (sync apply) overrides a
// trigger's OR clause.
[[nodiscard]] std::string sync_triggers(std::span<const LoggedTable> tables, Replacing replacing);

} // namespace kiosk::migration
