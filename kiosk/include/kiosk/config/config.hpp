#pragma once

// One configuration file per site (deploy/sites/<site>.toml), read by every program.
// Command-line options override what it says.

#include "kiosk/base/time.hpp"

#include <array>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace kiosk {

enum class Orientation { Landscape, Portrait };
enum class Sound { On, Off };

struct OpeningHours {
    struct Span {
        Minutes open;
        Minutes close;
    };
    // Indexed by weekday, Sunday first (date::weekday::c_encoding()); none when closed.
    std::array<std::optional<Span>, 7> by_weekday;

    [[nodiscard]] bool is_open(Instant instant) const;
};

struct SiteConfig {
    std::string site_id;
    std::string display_name;
    std::string device = "entree"; // recorded with each scan from this kiosk
    OpeningHours hours;
    Minutes doors_open_lead{30};    // doors open this long before a workshop starts
    Minutes late_entry_grace{15};   // still admitted this long after the start
    std::string camera;             // a V4L2 device, preferably /dev/v4l/by-id/…
    std::string camera_pipeline;    // a whole GStreamer pipeline; wins over `camera`
    Orientation orientation = Orientation::Landscape;
    Minutes screen_on_before_opening{15}; // the screen wakes this long before opening hours
    Sound sound = Sound::On;              // the board's short check-in sounds
    std::map<std::string, int> room_capacity; // default capacity per room
};

struct ConfigError {
    std::string message; // "file:line:column: what is wrong (key)"
};

// Defaults for a known site, used when no file is given. Hours: Monday–Friday 9:00–18:00.
[[nodiscard]] std::optional<SiteConfig> default_site_config(std::string_view site_id);

[[nodiscard]] tl::expected<SiteConfig, ConfigError>
parse_site_config(std::string_view text, std::string_view source_name);
[[nodiscard]] tl::expected<SiteConfig, ConfigError>
load_site_config(const std::filesystem::path& path);

} // namespace kiosk
