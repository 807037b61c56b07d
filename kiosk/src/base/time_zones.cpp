#include "time_zones.hpp"

#include <array>
#include <string>
#include <utility>

namespace kiosk {
namespace {

// Windows zone names to their IANA zone (CLDR windowsZones.xml, territory "001"), for the
// zones staff in France and their correspondents' Outlook are likely to write.
constexpr std::array<std::pair<std::string_view, std::string_view>, 40> windows_zones{{
    {"Romance Standard Time", "Europe/Paris"},
    {"W. Europe Standard Time", "Europe/Berlin"},
    {"Central Europe Standard Time", "Europe/Budapest"},
    {"Central European Standard Time", "Europe/Warsaw"},
    {"GMT Standard Time", "Europe/London"},
    {"Greenwich Standard Time", "Atlantic/Reykjavik"},
    {"UTC", "Etc/UTC"},
    {"Coordinated Universal Time", "Etc/UTC"},
    {"E. Europe Standard Time", "Europe/Chisinau"},
    {"FLE Standard Time", "Europe/Kiev"},
    {"GTB Standard Time", "Europe/Bucharest"},
    {"Russian Standard Time", "Europe/Moscow"},
    {"Turkey Standard Time", "Europe/Istanbul"},
    {"Morocco Standard Time", "Africa/Casablanca"},
    {"W. Central Africa Standard Time", "Africa/Lagos"},
    {"South Africa Standard Time", "Africa/Johannesburg"},
    {"Egypt Standard Time", "Africa/Cairo"},
    {"Israel Standard Time", "Asia/Jerusalem"},
    {"Arabian Standard Time", "Asia/Dubai"},
    {"India Standard Time", "Asia/Calcutta"},
    {"China Standard Time", "Asia/Shanghai"},
    {"Tokyo Standard Time", "Asia/Tokyo"},
    {"Singapore Standard Time", "Asia/Singapore"},
    {"AUS Eastern Standard Time", "Australia/Sydney"},
    {"New Zealand Standard Time", "Pacific/Auckland"},
    {"Eastern Standard Time", "America/New_York"},
    {"Central Standard Time", "America/Chicago"},
    {"Mountain Standard Time", "America/Denver"},
    {"Pacific Standard Time", "America/Los_Angeles"},
    {"Atlantic Standard Time", "America/Halifax"},
    {"Canada Central Standard Time", "America/Regina"},
    {"SA Eastern Standard Time", "America/Cayenne"},
    {"SA Western Standard Time", "America/La_Paz"},
    {"E. South America Standard Time", "America/Sao_Paulo"},
    {"Reunion Standard Time", "Indian/Reunion"},
    {"Mauritius Standard Time", "Indian/Mauritius"},
    {"Hawaiian Standard Time", "Pacific/Honolulu"},
    {"Tahiti Standard Time", "Pacific/Tahiti"},
    {"Caledonia Standard Time", "Pacific/Noumea"},
    {"West Pacific Standard Time", "Pacific/Port_Moresby"},
}};

const date::time_zone* locate(std::string_view name)
{
    if (name.empty() || name.size() > 100)
        return nullptr;
    try {
        return date::locate_zone(name);
    } catch (const std::runtime_error&) {
        return nullptr;
    }
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '"'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '"'))
        text.remove_suffix(1);
    return text;
}

} // namespace

const date::time_zone* find_time_zone(std::string_view tzid)
{
    tzid = trim(tzid);
    if (const auto* zone = locate(tzid))
        return zone;
    for (const auto& [windows, iana] : windows_zones)
        if (windows == tzid)
            return locate(iana);
    // "/mozilla.org/20050126_1/Europe/Paris", "/softwarestudio.org/Olson_20011030_5/America/…":
    // try the last two, then three, path components.
    for (std::size_t depth = 2; depth <= 3; ++depth) {
        std::size_t cut = tzid.size();
        std::size_t found = 0;
        while (found < depth && cut > 0) {
            cut = tzid.rfind('/', cut - 1);
            if (cut == std::string_view::npos)
                break;
            ++found;
        }
        if (found == depth && cut != std::string_view::npos)
            if (const auto* zone = locate(tzid.substr(cut + 1)))
                return zone;
    }
    return nullptr;
}

} // namespace kiosk
