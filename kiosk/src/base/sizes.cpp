#include "kiosk/base/sizes.hpp"

#include <fmt/format.h>

namespace kiosk {

std::string french_size(std::uintmax_t bytes)
{
    constexpr std::uintmax_t mega = 1024 * 1024;
    if (bytes < 10 * 1024 * mega)
        return fmt::format("{} Mo", bytes / mega);
    return fmt::format("{} Go", bytes / (1024 * mega));
}

} // namespace kiosk
