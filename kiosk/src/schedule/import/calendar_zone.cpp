#include "calendar_zone.hpp"

#include "file_time_zones.hpp"

#include <algorithm>

namespace kiosk {

Instant CalendarZone::to_instant(LocalTime local) const
{
    const Instant as_utc{local.time_since_epoch()};
    if (database_) // info.first is the offset in force before a gap or before the repeated hour
        return as_utc - database_->get_info(local).first.offset;
    if (!file_)
        return as_utc;
    // A file's zone only answers "which offset at this instant": try the offsets in force a day
    // before and a day after (no real zone changes twice within a day) and keep those that
    // give back the same offset.
    const auto before = file_->offset_at(as_utc - date::days{1});
    const auto after = file_->offset_at(as_utc + date::days{1});
    const Instant with_before = as_utc - before;
    const Instant with_after = as_utc - after;
    const bool before_fits = file_->offset_at(with_before) == before;
    const bool after_fits = file_->offset_at(with_after) == after;
    if (before_fits && after_fits)
        return std::min(with_before, with_after); // the repeated hour: its first occurrence
    if (after_fits && !before_fits)
        return with_after;
    return with_before; // also the gap: read with the offset before it
}

LocalTime CalendarZone::to_local(Instant instant) const
{
    if (database_)
        return database_->to_local(instant);
    const auto offset = file_ ? file_->offset_at(instant) : std::chrono::seconds{0};
    return LocalTime{instant.time_since_epoch() + offset};
}

} // namespace kiosk
