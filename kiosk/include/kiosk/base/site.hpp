#pragma once

// The four sites of the network, in one place: the id that configuration, databases and
// payloads carry ("saint-etienne"), the name people read ("Saint-Étienne") and the code a
// signed ticket carries (4). Codes are fixed forever: a printed ticket outlives any reordering.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace kiosk {

// The national office, as sync and ownership name it beside the four sites.
inline constexpr std::string_view office_name = "office";

class SiteId {
public:
    [[nodiscard]] static std::optional<SiteId> parse(std::string_view id);
    // 1 to 4; 0 is a national (online) session's ticket, which names no site.
    [[nodiscard]] static std::optional<SiteId> from_wire_code(std::uint8_t code);

    [[nodiscard]] std::string_view id() const;
    [[nodiscard]] std::string_view name() const;
    [[nodiscard]] constexpr std::uint8_t wire_code() const { return code_; }
    friend constexpr bool operator==(SiteId, SiteId) = default;

private:
    friend struct SiteTable;
    constexpr explicit SiteId(std::uint8_t code)
        : code_(code)
    {}
    std::uint8_t code_;
};

// Every site, in the order people read them: Rennes, Nancy, Montpellier, Saint-Étienne.
[[nodiscard]] std::span<const SiteId> all_sites();
[[nodiscard]] std::optional<SiteId> find_site(std::string_view id);
[[nodiscard]] std::string known_site_ids(); // "rennes, nancy, montpellier, saint-etienne"

// What people read for a site id: its name, or the text itself when it names no site we know
// (a site from a newer version still reads as something).
[[nodiscard]] std::string site_name(std::string_view id);

} // namespace kiosk
