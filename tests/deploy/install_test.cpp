// deploy/install.sh staged under a temporary root (--root: no apt, useradd or systemctl, they
// are printed), with the programs of this very build; then its units checked by
// systemd-analyze verify.

#include "build_paths.hpp"
#include "kiosk/store/backup.hpp"
#include "kiosk/store/store.hpp"
#include "previous_schema.hpp"
#include "process.hpp"
#include "staging.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <cctype>
#include <fstream>
#include <sstream>

namespace {

using test::install;
using test::stage;

const std::vector<std::string> unit_names{"atelier-xorg.service",    "atelier-display.service",
                                          "atelier-checkin.service", "atelier-console.service",
                                          "atelier-sync.service",    "atelier-backup.service",
                                          "atelier-backup.timer"};

std::string replace_all(std::string text, const std::string& from, const std::string& to)
{
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// A template placeholder left unfilled: @NAME@ in capitals.
bool has_placeholder(const std::string& text)
{
    for (auto at = text.find('@'); at != std::string::npos; at = text.find('@', at + 1)) {
        auto end = at + 1;
        while (end < text.size() && (std::isupper(static_cast<unsigned char>(text[end])) || text[end] == '_'))
            ++end;
        if (end > at + 1 && end < text.size() && text[end] == '@')
            return true;
    }
    return false;
}

std::size_t count_entries(const std::filesystem::path& directory)
{
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(directory))
        ++count;
    return count;
}

} // namespace

TEST_CASE("install.sh stages a whole kiosk whose units systemd-analyze verify accepts",
          "[install]")
{
    test::TempDir dir;
    const auto root = dir / "racine";
    const auto result = stage(root);
    INFO(result.out << result.err);
    REQUIRE(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::Contains("[--root] useradd --system") &&
                               Catch::Contains("[--root] systemctl enable atelier-xorg.service"));

    const auto prefix = root / "opt/atelier-kiosk";
    for (const char* program : {"kioskctl", "kiosk-display", "kiosk-checkin"})
        CHECK(::access((prefix / "current/bin" / program).c_str(), X_OK) == 0);
    CHECK(std::filesystem::exists(prefix / "current/share/atelier-kiosk/fonts"));
    CHECK_THAT(test::read_file((root / "etc/atelier-kiosk/site.toml").string()),
               Catch::Contains("id = \"rennes\""));
    CHECK_THAT(test::read_file((root / "etc/atelier-kiosk/kiosk.env").string()),
               Catch::Contains("KIOSK_DB=/var/lib/atelier-kiosk/site.db"));
    const auto database = root / "var/lib/atelier-kiosk/site.db";
    CHECK(kiosk::verify_database_file(database).value() == kiosk::Store::latest_schema_version());

    // The units as installed, their program paths pointed at the staged programs so systemd
    // can check every command exists and is executable.
    const auto checked = dir / "units";
    std::filesystem::create_directories(checked);
    std::vector<std::string> verify{"systemd-analyze", "verify"};
    for (const auto& unit : unit_names) {
        const auto text = test::read_file((root / "etc/systemd/system" / unit).string());
        REQUIRE_FALSE(text.empty());
        CHECK_FALSE(has_placeholder(text));
        std::ofstream(checked / unit) << replace_all(text, "/opt/atelier-kiosk",
                                                     prefix.string());
        verify.push_back((checked / unit).string());
    }
    const auto verified = test::run_process(verify);
    INFO(verified.err);
    CHECK(verified.exit_code == 0);
    CHECK(verified.err.empty()); // an unknown key is only a warning, still a defect
    const auto display = test::read_file((checked / "atelier-display.service").string());
    CHECK_THAT(display, Catch::Contains("Type=notify") && Catch::Contains("WatchdogSec=") &&
                            Catch::Contains("ProtectSystem=strict"));

    // Again: nothing new, the same release.
    const auto again = stage(root);
    INFO(again.err);
    CHECK(again.exit_code == 0);
    CHECK_THAT(again.out, Catch::Contains("programme déjà en place"));
    CHECK(count_entries(prefix / "releases") == 1);

    // Uninstalled: program and units gone, data kept.
    const auto removed = install({"--uninstall", "--root", root.string()});
    CHECK(removed.exit_code == 0);
    CHECK_FALSE(std::filesystem::exists(prefix));
    CHECK_FALSE(std::filesystem::exists(root / "etc/systemd/system/atelier-display.service"));
    CHECK(std::filesystem::exists(database));
}

TEST_CASE("install.sh upgrades a database of the previous schema after backing it up",
          "[install][upgrade]")
{
    test::TempDir dir;
    const auto root = dir / "racine";
    const auto data = root / "var/lib/atelier-kiosk";
    std::filesystem::create_directories(data);
    test::build_previous_version((data / "site.db").string());

    const auto result = stage(root);
    INFO(result.out << result.err);
    REQUIRE(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::Contains("essai de la nouvelle version sur une copie"));
    CHECK(kiosk::verify_database_file(data / "site.db").value() ==
          kiosk::Store::latest_schema_version());
    const auto saved = kiosk::list_backups(data / "sauvegardes", kiosk::BackupKind::BeforeUpgrade);
    REQUIRE(saved.size() == 1);
    CHECK(kiosk::verify_database_file(saved.front()).value() ==
          kiosk::Store::latest_schema_version() - 1);
}

TEST_CASE("install.sh refuses an unknown site, a configuration typo and a missing camera, "
          "before changing anything",
          "[install]")
{
    test::TempDir dir;
    const auto root = dir / "racine";

    const auto unknown = install({"--site", "paris", "--root", root.string()});
    CHECK(unknown.exit_code != 0);
    CHECK_THAT(unknown.err, Catch::Contains("site inconnu « paris »"));

    const auto typo_file = dir / "rennes.toml";
    std::ofstream(typo_file) << replace_all(
        test::read_file(test::source_dir() + "/deploy/sites/rennes.toml"), "doors_open_minutes",
        "doors_open_minutse");
    const auto typo = stage(root, {"--config", typo_file.string()});
    CHECK(typo.exit_code != 0);
    CHECK_THAT(typo.err, Catch::Contains("doors_open_minutse") &&
                             Catch::Contains("configuration refusée"));

    const auto camera = stage(root, {"--camera", "/dev/v4l/by-id/usb-absente-video-index0"});
    CHECK(camera.exit_code != 0);
    CHECK_THAT(camera.err, Catch::Contains("caméra introuvable"));

    CHECK_FALSE(std::filesystem::exists(root / "etc"));
    CHECK_FALSE(std::filesystem::exists(root / "opt"));
}

TEST_CASE("install.sh --dry-run prints every action and does nothing", "[install]")
{
    test::TempDir dir;
    const auto root = dir / "racine";
    const auto result = stage(root, {"--dry-run"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::Contains("[essai] écrire") &&
                               Catch::Contains("atelier-display.service") &&
                               Catch::Contains("[essai] systemctl enable"));
    CHECK_FALSE(std::filesystem::exists(root));
}
