#pragma once

// The SQLite connection behind a Store, for the core's own code: SQL lives only in the core.

#include "kiosk/store/store.hpp"

#include <SQLiteCpp/Database.h>

namespace kiosk {

[[nodiscard]] SQLite::Database& database_of(Store& store);

} // namespace kiosk
