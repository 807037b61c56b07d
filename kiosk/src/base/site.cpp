#include "kiosk/base/site.hpp"

#include <array>

namespace kiosk {

struct SiteTable {
    struct Row {
        std::string_view id;
        std::string_view name;
    };
    // Indexed by wire code; 0 is no site.
    static constexpr std::array<Row, 5> rows{{
        {"", ""},
        {"rennes", "Rennes"},
        {"nancy", "Nancy"},
        {"montpellier", "Montpellier"},
        {"saint-etienne", "Saint-Étienne"},
    }};
    static constexpr std::array<SiteId, 4> all{SiteId{1}, SiteId{2}, SiteId{3}, SiteId{4}};
};

std::optional<SiteId> SiteId::parse(std::string_view id)
{
    for (const SiteId site : SiteTable::all)
        if (site.id() == id)
            return site;
    return std::nullopt;
}

std::optional<SiteId> SiteId::from_wire_code(std::uint8_t code)
{
    if (code == 0 || code >= SiteTable::rows.size())
        return std::nullopt;
    return SiteId{code};
}

std::string_view SiteId::id() const { return SiteTable::rows[code_].id; }
std::string_view SiteId::name() const { return SiteTable::rows[code_].name; }

std::span<const SiteId> all_sites() { return SiteTable::all; }

std::optional<SiteId> find_site(std::string_view id) { return SiteId::parse(id); }

std::string known_site_ids()
{
    std::string list;
    for (const SiteId site : all_sites()) {
        if (!list.empty())
            list += ", ";
        list += site.id();
    }
    return list;
}

std::string site_name(std::string_view id)
{
    if (const auto site = find_site(id))
        return std::string(site->name());
    return std::string(id);
}

} // namespace kiosk
