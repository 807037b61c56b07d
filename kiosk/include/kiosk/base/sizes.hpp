#pragma once

// Sizes as staff read them.

#include <cstdint>
#include <string>

namespace kiosk {

// "850 Mo", "76 Go": whole units, megabytes under 10 GB, gigabytes above.
[[nodiscard]] std::string french_size(std::uintmax_t bytes);

} // namespace kiosk
