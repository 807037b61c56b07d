#include "kiosk/site.hpp"

#include <array>

namespace kiosk {
namespace {
constexpr std::array<Site, 4> sites{{
    {"rennes", "Rennes"},
    {"nancy", "Nancy"},
    {"montpellier", "Montpellier"},
    {"saint-etienne", "Saint-Étienne"},
}};
} // namespace

std::span<const Site> all_sites() { return sites; }

std::optional<Site> find_site(std::string_view id)
{
    for (const Site& site : sites)
        if (site.id == id)
            return site;
    return std::nullopt;
}

std::string known_site_ids()
{
    std::string list;
    for (const Site& site : sites) {
        if (!list.empty())
            list += ", ";
        list += site.id;
    }
    return list;
}

} // namespace kiosk
