#include "change_log.hpp"

#include "database.hpp"

namespace kiosk {

std::int64_t change_log_end(Store& store)
{
    return database_of(store)
        .execAndGet("SELECT coalesce(max(seq), 0) FROM sync_changes")
        .getInt64();
}

} // namespace kiosk
