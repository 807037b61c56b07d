// The hardening of the units install.sh writes, as systemd-analyze security rates it offline
// (0 = locked down, 10 = wide open), on units staged under a temporary root.

#include "process.hpp"
#include "staging.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <charconv>
#include <optional>
#include <sstream>

namespace {

// The number in "Overall exposure level for UNIT: 4.2 OK", or nothing if the line is missing.
std::optional<double> exposure(const std::string& report, const std::string& unit)
{
    const std::string label = "Overall exposure level for " + unit + ": ";
    const auto at = report.find(label);
    if (at == std::string::npos)
        return std::nullopt;
    const char* begin = report.data() + at + label.size();
    double value = 0;
    const auto [end, error] = std::from_chars(begin, report.data() + report.size(), value);
    if (error != std::errc{} || end == begin)
        return std::nullopt;
    return value;
}

std::optional<double> rate(const std::filesystem::path& root, const std::string& unit)
{
    const auto rated = test::run_process(
        {"systemd-analyze", "security", "--offline=true", "--root=" + root.string(), unit});
    INFO(unit << ": " << rated.out << rated.err);
    return exposure(rated.out, unit);
}

// The value of the last `key=` line of a unit, empty when absent.
std::string setting(const std::string& unit_text, const std::string& key)
{
    std::istringstream lines(unit_text);
    std::string value;
    for (std::string line; std::getline(lines, line);)
        if (line.rfind(key + "=", 0) == 0)
            value = line.substr(key.size() + 1);
    return value;
}

} // namespace

TEST_CASE("systemd-analyze security rates each staged service within its target",
          "[install][security]")
{
    test::TempDir dir;
    const auto root = dir / "racine";
    {
        const auto staged = test::stage(root);
        INFO(staged.out << staged.err);
        REQUIRE(staged.exit_code == 0);
    }

    // The console faces the staff network; the others at most the office, or nothing.
    const std::vector<std::pair<std::string, double>> targets{{"atelier-console.service", 2.0},
                                                              {"atelier-checkin.service", 3.0},
                                                              {"atelier-display.service", 3.0},
                                                              {"atelier-backup.service", 3.0},
                                                              {"atelier-sync.service", 3.0}};
    for (const auto& [unit, target] : targets) {
        const auto score = rate(root, unit);
        INFO(unit);
        REQUIRE(score.has_value());
        CHECK(*score <= target);
        // A memory ceiling, so a leak ends in a restart rather than starving the board.
        const auto text = test::read_file((root / "etc/systemd/system" / unit).string());
        CHECK_FALSE(setting(text, "MemoryMax").empty());
    }
}

TEST_CASE("the X server unit runs as the kiosk user in a logind session, not as root",
          "[install][security]")
{
    test::TempDir dir;
    const auto root = dir / "racine";
    {
        const auto staged = test::stage(root);
        INFO(staged.out << staged.err);
        REQUIRE(staged.exit_code == 0);
    }

    const auto text = test::read_file((root / "etc/systemd/system/atelier-xorg.service").string());
    const auto user = setting(text, "User");
    CHECK(user == "kiosk");
    CHECK_FALSE(setting(text, "PAMName").empty());
    CHECK(setting(text, "TTYPath") == "/dev/tty1");
    // Through the wrapper, Xorg could be made setuid root again by xserver-xorg-legacy.
    CHECK_THAT(setting(text, "ExecStart"), Catch::StartsWith("/usr/lib/xorg/Xorg "));

    const auto score = rate(root, "atelier-xorg.service");
    REQUIRE(score.has_value());
    CHECK(*score <= 3.5);
}
