#include "kiosk/config/config.hpp"

#include "kiosk/base/site.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <toml++/toml.h>

namespace kiosk {
namespace {

constexpr std::array<std::string_view, 7> weekday_keys{"sunday",   "monday", "tuesday", "wednesday",
                                                       "thursday", "friday", "saturday"};

class Reader {
public:
    explicit Reader(std::string_view source)
        : source_(source)
    {}

    [[nodiscard]] ConfigError error(const toml::node& node, std::string_view key,
                                    std::string_view what) const
    {
        const auto& where = node.source().begin;
        return {fmt::format("{}:{}:{}: {} ({})", source_, where.line, where.column, what, key)};
    }

    // Refuses keys we do not know: a typo must not silently fall back to a default.
    [[nodiscard]] std::optional<ConfigError>
    only_keys(const toml::table& table, std::string_view section,
              std::initializer_list<std::string_view> allowed) const
    {
        for (const auto& [key, node] : table) {
            if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end())
                return error(node,
                             section.empty() ? std::string(key.str())
                                             : fmt::format("{}.{}", section, key.str()),
                             "clé inconnue");
        }
        return std::nullopt;
    }

private:
    std::string source_;
};

std::optional<OpeningHours::Span> parse_span(std::string_view text, bool& ok)
{
    ok = true;
    if (text == "closed" || text == "fermé")
        return std::nullopt;
    int oh = 0, om = 0, ch = 0, cm = 0;
    char tail = 0;
    if (std::sscanf(std::string(text).c_str(), "%2d:%2d-%2d:%2d%c", &oh, &om, &ch, &cm, &tail) !=
            4 ||
        oh > 24 || ch > 24 || om > 59 || cm > 59 || oh * 60 + om >= ch * 60 + cm) {
        ok = false;
        return std::nullopt;
    }
    return OpeningHours::Span{Minutes{oh * 60 + om}, Minutes{ch * 60 + cm}};
}

OpeningHours weekday_hours()
{
    OpeningHours hours;
    for (std::size_t day = 1; day <= 5; ++day)
        hours.by_weekday[day] = OpeningHours::Span{Minutes{9 * 60}, Minutes{18 * 60}};
    return hours;
}

tl::expected<Minutes, ConfigError> read_minutes(const Reader& reader, const toml::node& node,
                                                std::string_view key)
{
    const auto value = node.value<std::int64_t>();
    if (!node.is_integer() || !value || *value < 0 || *value > 24 * 60)
        return tl::unexpected(
            reader.error(node, key, "attendu un nombre de minutes entre 0 et 1440"));
    return Minutes{*value};
}

tl::expected<std::string, ConfigError> read_string(const Reader& reader, const toml::node& node,
                                                   std::string_view key)
{
    if (!node.is_string())
        return tl::unexpected(reader.error(node, key, "attendu une chaîne entre guillemets"));
    return *node.value<std::string>();
}

// [site]: the id, a known site, decides the defaults; name and device replace them.
tl::expected<SiteConfig, ConfigError> read_site(const Reader& reader, const toml::table& site)
{
    if (auto problem = reader.only_keys(site, "site", {"id", "name", "device"}))
        return tl::unexpected(*problem);
    const toml::node* id_node = site.get("id");
    if (!id_node)
        return tl::unexpected(reader.error(site, "site.id", "identifiant du site manquant"));
    auto id = read_string(reader, *id_node, "site.id");
    if (!id)
        return tl::unexpected(id.error());
    auto config = default_site_config(*id);
    if (!config)
        return tl::unexpected(
            reader.error(*id_node, "site.id",
                         fmt::format("site inconnu « {} » (sites : {})", *id, known_site_ids())));
    for (const auto& [key, node] : site) {
        if (key == "id")
            continue;
        const std::string name = fmt::format("site.{}", key.str());
        auto value = read_string(reader, node, name);
        if (!value)
            return tl::unexpected(value.error());
        if (value->empty())
            return tl::unexpected(reader.error(node, name, "valeur vide"));
        (key == "name" ? config->display_name : config->device) = *value;
    }
    return *config;
}

std::optional<ConfigError> read_hours(const Reader& reader, const toml::table& hours,
                                      SiteConfig& config)
{
    for (const auto& [key, node] : hours) {
        const auto found = std::find(weekday_keys.begin(), weekday_keys.end(), key.str());
        const std::string name = fmt::format("hours.{}", key.str());
        if (found == weekday_keys.end())
            return reader.error(node, name, "jour inconnu (monday … sunday)");
        auto value = read_string(reader, node, name);
        if (!value)
            return value.error();
        bool ok = true;
        const auto index = static_cast<std::size_t>(found - weekday_keys.begin());
        config.hours.by_weekday[index] = parse_span(*value, ok);
        if (!ok)
            return reader.error(node, name, "attendu \"HH:MM-HH:MM\" ou \"closed\"");
    }
    return std::nullopt;
}

std::optional<ConfigError> read_checkin(const Reader& reader, const toml::table& checkin,
                                        SiteConfig& config)
{
    if (auto problem = reader.only_keys(
            checkin, "checkin",
            {"doors_open_minutes", "late_entry_grace_minutes", "camera", "pipeline"}))
        return problem;
    for (const auto& [key, node] : checkin) {
        const std::string name = fmt::format("checkin.{}", key.str());
        if (key == "doors_open_minutes" || key == "late_entry_grace_minutes") {
            auto minutes = read_minutes(reader, node, name);
            if (!minutes)
                return minutes.error();
            (key == "doors_open_minutes" ? config.doors_open_lead : config.late_entry_grace) =
                *minutes;
        } else {
            auto value = read_string(reader, node, name);
            if (!value)
                return value.error();
            (key == "camera" ? config.camera : config.camera_pipeline) = *value;
        }
    }
    return std::nullopt;
}

// A string among `choices`, else the error naming them.
tl::expected<std::string, ConfigError> read_choice(const Reader& reader, const toml::node& node,
                                                   std::string_view key,
                                                   std::initializer_list<std::string_view> choices)
{
    auto value = read_string(reader, node, key);
    if (!value)
        return value;
    if (std::find(choices.begin(), choices.end(), *value) != choices.end())
        return value;
    std::string expected;
    for (const auto choice : choices)
        expected += fmt::format("{}\"{}\"", expected.empty() ? "" : " ou ", choice);
    return tl::unexpected(reader.error(node, key, "attendu " + expected));
}

std::optional<ConfigError> read_display(const Reader& reader, const toml::table& display,
                                        SiteConfig& config)
{
    if (auto problem = reader.only_keys(
            display, "display", {"orientation", "screen_on_before_opening_minutes", "sound"}))
        return problem;
    if (const toml::node* node = display.get("screen_on_before_opening_minutes")) {
        auto minutes = read_minutes(reader, *node, "display.screen_on_before_opening_minutes");
        if (!minutes)
            return minutes.error();
        config.screen_on_before_opening = *minutes;
    }
    if (const toml::node* node = display.get("sound")) {
        auto value = read_choice(reader, *node, "display.sound", {"on", "off"});
        if (!value)
            return value.error();
        config.sound = *value == "on" ? Sound::On : Sound::Off;
    }
    if (const toml::node* node = display.get("orientation")) {
        auto value = read_choice(reader, *node, "display.orientation", {"landscape", "portrait"});
        if (!value)
            return value.error();
        config.orientation = *value == "portrait" ? Orientation::Portrait : Orientation::Landscape;
    }
    return std::nullopt;
}

std::optional<ConfigError> read_rooms(const Reader& reader, const toml::table& rooms,
                                      SiteConfig& config)
{
    for (const auto& [key, node] : rooms) {
        const auto capacity = node.value<std::int64_t>();
        const std::string name = fmt::format("rooms.\"{}\"", key.str());
        if (!node.is_integer() || !capacity || *capacity <= 0 || *capacity > 10000)
            return reader.error(node, name, "attendu une capacité entière positive");
        config.room_capacity[std::string(key.str())] = static_cast<int>(*capacity);
    }
    return std::nullopt;
}

} // namespace

bool OpeningHours::is_open(Instant instant) const
{
    const date::weekday weekday{date::sys_days{local_day(instant)}};
    const auto& span = by_weekday[weekday.c_encoding()];
    if (!span)
        return false;
    const Minutes now = local_time_of_day(instant);
    return now >= span->open && now < span->close;
}

std::optional<SiteConfig> default_site_config(std::string_view site_id)
{
    const auto site = find_site(site_id);
    if (!site)
        return std::nullopt;
    SiteConfig config;
    config.site_id = site->id();
    config.display_name = site->name();
    config.hours = weekday_hours();
    return config;
}

tl::expected<SiteConfig, ConfigError> parse_site_config(std::string_view text,
                                                        std::string_view source_name)
{
    const Reader reader(source_name);
    toml::table root;
    try {
        root = toml::parse(text, source_name);
    } catch (const toml::parse_error& error) {
        const auto& where = error.source().begin;
        return tl::unexpected(ConfigError{fmt::format("{}:{}:{}: {}", source_name, where.line,
                                                      where.column, error.description())});
    }
    if (auto problem = reader.only_keys(root, "", {"site", "hours", "checkin", "display", "rooms"}))
        return tl::unexpected(*problem);
    for (const auto& [key, node] : root)
        if (!node.is_table())
            return tl::unexpected(reader.error(node, key.str(), "attendu une section"));

    const toml::table* site = root["site"].as_table();
    if (!site)
        return tl::unexpected(
            ConfigError{fmt::format("{}:1:1: section [site] manquante (site.id)", source_name)});
    auto config = read_site(reader, *site);
    if (!config)
        return config;
    using Section = std::optional<ConfigError> (*)(const Reader&, const toml::table&, SiteConfig&);
    constexpr std::pair<std::string_view, Section> sections[] = {{"hours", read_hours},
                                                                 {"checkin", read_checkin},
                                                                 {"display", read_display},
                                                                 {"rooms", read_rooms}};
    for (const auto& [name, read] : sections)
        if (const toml::table* section = root[name].as_table())
            if (auto problem = read(reader, *section, *config))
                return tl::unexpected(*problem);
    return config;
}

tl::expected<SiteConfig, ConfigError> load_site_config(const std::filesystem::path& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return tl::unexpected(
            ConfigError{fmt::format("{}: fichier de configuration illisible", path.string())});
    std::ostringstream text;
    text << file.rdbuf();
    return parse_site_config(text.str(), path.string());
}

} // namespace kiosk
