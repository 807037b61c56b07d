#include "build_paths.hpp"
#include "kiosk/config/config.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;

namespace {
std::string error_of(const std::string& text)
{
    const auto result = parse_site_config(text, "site.toml");
    REQUIRE_FALSE(result);
    return result.error().message;
}
} // namespace

TEST_CASE("the four shipped site files load", "[config]")
{
    for (const char* site : {"rennes", "nancy", "montpellier", "saint-etienne"}) {
        INFO(site);
        const auto config =
            load_site_config(test::source_dir() + "/deploy/sites/" + site + ".toml");
        REQUIRE(config);
        CHECK(config->site_id == site);
        CHECK(config->doors_open_lead == Minutes{30});
        CHECK_FALSE(config->room_capacity.empty());
    }
    const auto config = load_site_config(test::source_dir() + "/deploy/sites/saint-etienne.toml");
    CHECK(config->display_name == "Saint-Étienne");
}

TEST_CASE("a minimal file takes the defaults", "[config]")
{
    const auto config = parse_site_config("[site]\nid = \"nancy\"\n", "nancy.toml");
    REQUIRE(config);
    CHECK(config->display_name == "Nancy");
    CHECK(config->late_entry_grace == Minutes{15});
    CHECK(config->orientation == Orientation::Landscape);
    // Monday to Friday, 9:00–18:00.
    CHECK(config->hours.is_open(*parse_local_time("2026-11-26 10:00")));
    CHECK_FALSE(config->hours.is_open(*parse_local_time("2026-11-26 18:00")));
    CHECK_FALSE(config->hours.is_open(*parse_local_time("2026-11-28 10:00")));
}

TEST_CASE("opening hours follow local time on the DST days", "[config][dst]")
{
    const auto config = parse_site_config(
        "[site]\nid = \"rennes\"\n[hours]\nsunday = \"01:00-04:00\"\n", "rennes.toml");
    REQUIRE(config);
    CHECK(config->hours.is_open(*parse_local_time("2026-03-29 03:30")));
    CHECK(config->hours.is_open(*parse_local_time("2026-10-25 02:30+01:00")));
    CHECK_FALSE(config->hours.is_open(*parse_local_time("2026-10-25 04:00")));
}

TEST_CASE("an invalid file is refused naming the line and the key", "[config]")
{
    CHECK(error_of("[site]\nid = \"rennes\"\n[checkin]\ncamra = \"/dev/video0\"\n") ==
          "site.toml:4:9: clé inconnue (checkin.camra)");
    CHECK_THAT(error_of("[site]\nid = \"paris\"\n"),
               Catch::StartsWith("site.toml:2:") && Catch::Contains("site inconnu") &&
                   Catch::Contains("site.id"));
    CHECK_THAT(error_of("[site]\nid = \"rennes\"\n[checkin]\ndoors_open_minutes = \"30\"\n"),
               Catch::StartsWith("site.toml:4:") && Catch::Contains("checkin.doors_open_minutes"));
    CHECK_THAT(error_of("[site]\nid = \"rennes\"\n[hours]\nmonday = \"9h-18h\"\n"),
               Catch::StartsWith("site.toml:4:") && Catch::Contains("hours.monday"));
    CHECK_THAT(error_of("[site]\nid = \"rennes\"\n[display]\norientation = \"diagonal\"\n"),
               Catch::Contains("display.orientation"));
    CHECK_THAT(error_of("[site]\nid = \"rennes\"\n[rooms]\n\"Salle 1\" = -4\n"),
               Catch::StartsWith("site.toml:4:") && Catch::Contains("Salle 1"));
    CHECK_THAT(error_of("[site\nid = \"rennes\"\n"), Catch::StartsWith("site.toml:1:"));
    CHECK_THAT(error_of("[checkin]\n"), Catch::Contains("[site]"));
}

TEST_CASE("a section written as a value is refused, whichever section it is", "[config][bad-input]")
{
    for (const char* section : {"hours", "checkin", "display", "rooms"}) {
        INFO(section);
        CHECK(error_of(std::string(section) + " = 1\n[site]\nid = \"rennes\"\n") ==
              std::string("site.toml:1:") + std::to_string(std::string(section).size() + 4) +
                  ": attendu une section (" + section + ")");
    }
    CHECK_THAT(error_of("site = \"rennes\"\n"),
               Catch::StartsWith("site.toml:1:") && Catch::Contains("attendu une section (site)"));
}
