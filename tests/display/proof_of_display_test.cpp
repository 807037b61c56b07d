// kiosk-display pictures its own screen (proof of display) on the test run's X server: the
// heartbeat and the 480-pixel picture under the runtime folder, what the picture shows, how
// soon a change is pictured and how often at most, and a screen switched off outside hours.

#include "kiosk/reports/board_heartbeat.hpp"
#include "kiosk_display/board_picture.hpp"
#include "kiosk_display_runner.hpp"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

using namespace std::chrono_literals;
using test::Kioskctl;

namespace {

using RealClock = std::chrono::system_clock;

struct Site {
    Kioskctl kioskctl;
    std::filesystem::path runtime;
    std::string workshop;
    // A short day, so that the board holds it on one page (pages turn by themselves).
    Site()
        : runtime(kioskctl.dir() / "run")
    {
        kioskctl.ok({"init"});
        workshop = test::trimmed(
            kioskctl.ok({"session", "add", "--site", "rennes", "--kind", "atelier", "--title",
                         "Découvrir l'impression 3D", "--start", "2026-11-26 11:00", "--end",
                         "12:30", "--room", "Fab lab", "--capacity", "12"}));
        kioskctl.ok({"session", "add", "--site", "rennes", "--kind", "live", "--title",
                     "Télétravail : les bons outils", "--start", "2026-11-26 10:00", "--end",
                     "11:00", "--url", "https://visio.example.org/teletravail"});
        std::filesystem::create_directories(runtime);
    }
    [[nodiscard]] std::string path(const std::string& name) const
    {
        return (kioskctl.dir() / name).string();
    }
    [[nodiscard]] std::unique_ptr<test::BackgroundDisplay>
    start_board(const std::string& at,
                std::vector<std::string> window = {"--windowed", "--size", "1920x1080"})
    {
        window.insert(window.end(),
                      {"--db", kioskctl.database(), "--site", "rennes", "--at", at, "--runtime-dir",
                       runtime.string(), "--dump-model", path("model.txt")});
        return std::make_unique<test::BackgroundDisplay>(window, path("board.log"));
    }
    // The heartbeat as the board last wrote it; empty until it has.
    [[nodiscard]] kiosk::BoardHeartbeat heartbeat() const
    {
        const auto text = test::read_file(kiosk::board_status_path(runtime).string());
        const auto document = nlohmann::ordered_json::parse(text, nullptr, false);
        return document.is_object() ? document.get<kiosk::BoardHeartbeat>()
                                    : kiosk::BoardHeartbeat{};
    }
    // Waits until the heartbeat names a picture other than `after`; none past `limit`.
    std::optional<RealClock::time_point> next_picture(std::optional<RealClock::time_point> after,
                                                      std::chrono::seconds limit) const
    {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < deadline) {
            if (const auto at = heartbeat().picture_at; at && at != after)
                return at;
            std::this_thread::sleep_for(50ms);
        }
        return std::nullopt;
    }
    // The board as --screenshot draws it at `at`, scaled as the picture is.
    [[nodiscard]] sf::Image screenshot(const std::string& at,
                                       const std::string& size = "1920x1080") const
    {
        const auto file = path("screenshot.png");
        const auto result = test::kiosk_display({"--db", kioskctl.database(), "--site", "rennes",
                                                 "--size", size, "--at", at, "--runtime-dir",
                                                 runtime.string(), "--screenshot", file});
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
        return kiosk_display::scaled_to_width(test::load_png(file), kiosk::board_picture_width);
    }
};

// The mean difference of two pictures of the same size, per channel, from 0 to 255.
double difference(const sf::Image& left, const sf::Image& right)
{
    REQUIRE(left.getSize() == right.getSize());
    const auto size = left.getSize();
    double total = 0;
    for (unsigned y = 0; y < size.y; ++y)
        for (unsigned x = 0; x < size.x; ++x) {
            const auto a = left.getPixel(x, y);
            const auto b = right.getPixel(x, y);
            total += std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b);
        }
    return total / (3.0 * size.x * size.y);
}

} // namespace

TEST_CASE("the live board pictures what it shows, 480 pixels wide, beside its heartbeat",
          "[display][picture]")
{
    Site site;
    const auto board = site.start_board("2026-11-26 10:20");
    const auto first = site.next_picture(std::nullopt, 30s);
    INFO(test::read_file(site.path("board.log")));
    REQUIRE(first);
    const auto heartbeat = site.heartbeat();
    CHECK(heartbeat.pid == board->pid());
    CHECK(heartbeat.screen_on);
    CHECK(heartbeat.picture_width == 480);
    CHECK(heartbeat.picture_height == 270);
    REQUIRE(heartbeat.heartbeat);
    CHECK(RealClock::now() - *heartbeat.heartbeat < 10s);
    CHECK(RealClock::now() - *first < 10s);
    // The whole board fits on one page here, so the screenshot shows what the screen shows.
    REQUIRE_THAT(test::read_file(site.path("model.txt")),
                 Catch::Contains("Découvrir l'impression 3D") && !Catch::Contains("page "));

    // Within the core's bounds, and a real picture of the board: decoded, many colours, and the
    // same as the board drawn off screen at the same instant, scaled the same way.
    const auto file = kiosk::board_picture_path(site.runtime).string();
    const auto read = kiosk::read_board_picture(file);
    REQUIRE(read);
    CHECK(read->png.size() < kiosk::largest_board_picture);
    WARN("picture of the board: " << read->png.size() << " bytes");
    const sf::Image picture = test::load_png(file);
    REQUIRE(picture.getSize() == sf::Vector2u(480, 270));
    std::set<std::uint32_t> colours;
    for (unsigned y = 0; y < 270; y += 3)
        for (unsigned x = 0; x < 480; x += 3)
            colours.insert(picture.getPixel(x, y).toInteger());
    CHECK(colours.size() > 50);
    const sf::Image before = site.screenshot("2026-11-26 10:20");
    CHECK(difference(picture, before) < 4);

    // A change on screen soon after: pictured once the 10 s since the last picture are past,
    // not before, and the new picture shows it.
    site.kioskctl.ok({"session", "update", site.workshop, "--status", "cancelled"});
    const auto second = site.next_picture(first, 20s);
    REQUIRE(second);
    CHECK(*second - *first >= 10s);
    CHECK(*second - *first < 14s);
    const sf::Image after = site.screenshot("2026-11-26 10:20");
    const sf::Image changed = test::load_png(file);
    CHECK(difference(changed, after) < difference(changed, before));
    CHECK(difference(changed, after) < 4);
    CHECK(board->stop() == 0);
}

TEST_CASE("outside opening hours the board beats with its screen off and pictures nothing",
          "[display][picture]")
{
    Site site;
    const auto board = site.start_board("2026-11-26 23:00");
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (!site.heartbeat().heartbeat && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(50ms);
    INFO(test::read_file(site.path("board.log")));
    const auto heartbeat = site.heartbeat();
    REQUIRE(heartbeat.heartbeat);
    CHECK_FALSE(heartbeat.screen_on);
    std::this_thread::sleep_for(1500ms);
    CHECK_FALSE(site.heartbeat().picture_at);
    CHECK_FALSE(std::filesystem::exists(kiosk::board_picture_path(site.runtime)));
    const auto health = kiosk::read_board_health(site.runtime, RealClock::now());
    CHECK(health.condition == kiosk::BoardCondition::ScreenOff);
    CHECK(board->stop() == 0);
}

TEST_CASE("a portrait board on a screen the system sees as landscape is pictured upright and whole",
          "[display][picture]")
{
    // Fullscreen on the test run's 1920 × 1080 screen, the board drawn turned a quarter.
    Site site;
    const auto board = site.start_board("2026-11-26 10:20", {"--portrait"});
    const auto first = site.next_picture(std::nullopt, 30s);
    INFO(test::read_file(site.path("board.log")));
    REQUIRE(first);
    const sf::Image picture = test::load_png(kiosk::board_picture_path(site.runtime).string());
    REQUIRE(picture.getSize() == sf::Vector2u(480, 853));
    // The same as the upright board drawn off screen: nothing stretched, nothing cut.
    CHECK(difference(picture, site.screenshot("2026-11-26 10:20", "1080x1920")) < 4);
    CHECK(board->stop() == 0);
}
