#pragma once

// The VTIMEZONEs of a calendar, for the TZIDs the tz database does not know. Each is checked
// before use (complete observances, yearly rules, a bounded number of changes) and read by
// libical; the zones live as long as the table.

#include "calendar_zone.hpp"

#include <libical/ical.h>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace kiosk {

class FileZone {
public:
    explicit FileZone(icalcomponent* vtimezone); // takes a copy
    ~FileZone();
    FileZone(const FileZone&) = delete;
    FileZone& operator=(const FileZone&) = delete;

    // Seconds to add to UTC at `instant` for the zone's wall clock.
    [[nodiscard]] std::chrono::seconds offset_at(Instant instant) const;

private:
    icaltimezone* zone_;
};

struct FileZoneProblem {
    enum class Reason { Undefined, Unusable } reason = Reason::Undefined;
    int line = 0;        // the part of the VTIMEZONE at fault, when it is unusable
    std::string message; // French, for the import report, when it is unusable
};

class FileTimeZones {
public:
    // The VTIMEZONE whose TZID is `tzid` in the calendar holding `component` (or in one around
    // it); a problem when the file defines no such zone or one that cannot be read.
    [[nodiscard]] tl::expected<CalendarZone, FileZoneProblem> find(icalcomponent* component,
                                                                   std::string_view tzid);

private:
    std::map<icalcomponent*, std::unique_ptr<FileZone>> zones_; // by VTIMEZONE
};

} // namespace kiosk
