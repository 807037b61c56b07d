#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace kiosk {

// The four sites of the network. The id is what configuration, databases and payloads carry;
// the name is what people read.
struct Site {
    std::string_view id;
    std::string_view name;
};

[[nodiscard]] std::span<const Site> all_sites();
[[nodiscard]] std::optional<Site> find_site(std::string_view id);
[[nodiscard]] std::string known_site_ids(); // "rennes, nancy, montpellier, saint-etienne"

} // namespace kiosk
