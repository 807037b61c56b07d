#pragma once

#include <date/tz.h>
#include <string_view>

namespace kiosk {

// The zone a TZID names: an IANA name ("Europe/Paris"), a Windows name as Outlook writes it
// ("W. Europe Standard Time", "Romance Standard Time"), or an IANA name behind a vendor
// prefix ("/mozilla.org/20050126_1/Europe/Paris"). Null when nothing matches.
[[nodiscard]] const date::time_zone* find_time_zone(std::string_view tzid);

} // namespace kiosk
