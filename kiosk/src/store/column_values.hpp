#pragma once

// Nullable columns read as optionals, the same way in every store.

#include "kiosk/base/time.hpp"

#include <SQLiteCpp/Column.h>
#include <cstdint>
#include <optional>

namespace kiosk::columns {

inline std::optional<std::int64_t> optional_int(const SQLite::Column& column)
{
    if (column.isNull())
        return std::nullopt;
    return column.getInt64();
}

inline std::optional<Instant> optional_instant(const SQLite::Column& column)
{
    if (column.isNull())
        return std::nullopt;
    return from_unix_seconds(column.getInt64());
}

} // namespace kiosk::columns
