// The start-up every program shares: --site, --config and --at, refused the same way.

#include "build_paths.hpp"
#include "kiosk/config/startup.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <fstream>

using namespace kiosk;

TEST_CASE("the site comes from --site or the configuration, and they must agree",
          "[config][startup]")
{
    const std::string rennes = test::source_dir() + "/deploy/sites/rennes.toml";
    const auto from_file = resolve_startup({"", rennes, ""});
    REQUIRE(from_file);
    CHECK(from_file->config.site_id == "rennes");
    CHECK_FALSE(from_file->config.room_capacity.empty()); // the file's, not the defaults
    CHECK_FALSE(from_file->clock.is_frozen());

    const auto same = resolve_startup({"rennes", rennes, ""});
    REQUIRE(same);
    CHECK(same->config.site_id == "rennes");

    const auto defaults = resolve_startup({"saint-etienne", "", ""});
    REQUIRE(defaults);
    CHECK(defaults->config.display_name == "Saint-Étienne");
    CHECK(defaults->config.room_capacity.empty());

    const auto contradiction = resolve_startup({"nancy", rennes, ""});
    REQUIRE_FALSE(contradiction);
    CHECK(contradiction.error() == "--site nancy contredit la configuration (rennes)");
    CHECK_THAT(resolve_startup({"lyon", "", ""}).error(), Catch::Contains("site inconnu « lyon »"));
    CHECK_THAT(resolve_startup({"", "", ""}).error(), Catch::StartsWith("quel site ?"));
}

TEST_CASE("a clock frozen by --at is trusted, and a bad --at or file is named", "[config][startup]")
{
    const auto frozen = resolve_startup({"rennes", "", "2026-11-26 13:40"});
    REQUIRE(frozen);
    CHECK(frozen->clock.is_frozen());
    CHECK(frozen->clock.now() == *parse_local_time("2026-11-26 13:40"));
    CHECK(frozen->clock.trust() == ClockTrust::Synchronised);

    CHECK_THAT(resolve_startup({"rennes", "", "2026-03-29 02:30"}).error(),
               Catch::StartsWith("--at : ") && Catch::Contains("n'existe pas"));
    test::TempDir dir;
    std::ofstream(dir / "site.toml") << "[site]\nid = \"rennes\"\n[checkin]\ncamra = \"x\"\n";
    CHECK(resolve_startup({"", (dir / "site.toml").string(), ""}).error() ==
          (dir / "site.toml").string() + ":4:9: clé inconnue (checkin.camra)");
}
