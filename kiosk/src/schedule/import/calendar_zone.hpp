#pragma once

// The zone of a calendar's wall-clock times: UTC, a zone of the tz database, or a VTIMEZONE
// the file defines itself under a name the tz database does not know ("custom_America/New_York").

#include "kiosk/base/time.hpp"

#include <date/tz.h>

namespace kiosk {

using LocalTime = date::local_seconds;

class FileZone; // a VTIMEZONE of the file being read, see file_time_zones.hpp

class CalendarZone {
public:
    CalendarZone() = default; // UTC
    explicit CalendarZone(const date::time_zone* zone)
        : database_(zone)
    {}
    explicit CalendarZone(const FileZone* zone)
        : file_(zone)
    {}

    [[nodiscard]] bool is_utc() const { return !database_ && !file_; }
    // RFC 5545 §3.3.5: a wall-clock time in the spring gap is read with the offset before the
    // gap (02:30 becomes 03:30 summer time); in the repeated autumn hour it is the first one.
    [[nodiscard]] Instant to_instant(LocalTime local) const;
    [[nodiscard]] LocalTime to_local(Instant instant) const;

    friend bool operator==(const CalendarZone&, const CalendarZone&) = default;

private:
    const date::time_zone* database_ = nullptr;
    const FileZone* file_ = nullptr;
};

} // namespace kiosk
