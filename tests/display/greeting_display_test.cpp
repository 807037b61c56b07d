// The board greets, end to end on the test run's X server: a scan recorded by another process
// is on screen within a second (banner colour in the frame, its text in the model), a burst
// shows every scan and no other site's, private titles never appear, notices show and expire,
// and outside opening hours the screen is switched off while the loop still answers the
// service watchdog.

#include "greeting_site.hpp"
#include "kiosk/platform/runtime.hpp"
#include "kiosk/schedule/notice.hpp"
#include "kiosk_display/palette.hpp"

#include <chrono>
#include <fmt/format.h>
#include <set>
#include <thread>

using namespace std::chrono_literals;
using test::GreetingSite;

namespace {

std::size_t count_colour(const sf::Image& image, kiosk_display::Colour colour)
{
    std::size_t count = 0;
    const auto size = image.getSize();
    for (unsigned y = 0; y < size.y; ++y)
        for (unsigned x = 0; x < size.x; ++x) {
            const sf::Color pixel = image.getPixel(x, y);
            count += pixel.r == colour.red && pixel.g == colour.green && pixel.b == colour.blue;
        }
    return count;
}

std::int64_t wall_microseconds()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

TEST_CASE("a scan recorded by another process is greeted on screen within a second",
          "[display][greeting]")
{
    GreetingSite site;
    const auto marie = site.ticket(site.workshop, "Marie");
    auto board = site.start_board("2026-11-26 09:20");

    // kioskctl, as a handheld reader would: its own process, its own connection.
    const auto started = wall_microseconds();
    const auto result = site.kioskctl({"--at", "2026-11-26 09:20", "checkin", marie, "--site",
                                       "rennes", "--runtime-dir", site.runtime(), "--json"});
    const auto returned = wall_microseconds();
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const std::string scan = nlohmann::json::parse(result.out)["scan"];
    const auto line = site.wait_for_banner(scan, 1s);
    REQUIRE(line);
    WARN(fmt::format("kioskctl checkin → banner on screen: {} ms after the command started, {} ms "
                     "after it returned",
                     ((*line)["shown_at_us"].get<std::int64_t>() - started) / 1000,
                     ((*line)["shown_at_us"].get<std::int64_t>() - returned) / 1000));
    CHECK((*line)["tone"] == "go");
    CHECK((*line)["headline"] == "Bienvenue Marie\u00A0!");

    // The frame that brought it: a large green banner; the model says what it reads.
    const sf::Image frame = test::load_png(site.path("frame.png"));
    const auto green = count_colour(frame, kiosk_display::badge_colours(kiosk_display::Tone::Go).background);
    INFO("green pixels: " << green);
    CHECK(green > 1280u * 720u / 8);
    const auto model = test::read_file(site.path("model.txt"));
    CHECK_THAT(model, Catch::Contains("Bienvenue Marie\u00A0!") &&
                          Catch::Contains("Salle Bréhat · 9 h 30"));

    // Measured from the commit of the scan row, in this process, to the first banner frame.
    const auto paul = site.ticket(site.workshop, "Paul");
    const auto recorded = site.record(paul, "2026-11-26 09:21");
    const auto second = site.wait_for_banner(recorded.id, 1s);
    REQUIRE(second);
    const auto latency_ms = static_cast<double>((*second)["shown_at_us"].get<std::int64_t>() -
                                                recorded.committed_us) / 1000.0;
    WARN(fmt::format("commit → first banner frame: {:.1f} ms", latency_ms));
    CHECK(latency_ms < 1000);

    // The same ticket again: amber, with the time of the first check-in.
    const auto again = site.record(marie, "2026-11-26 09:25");
    const auto amber = site.wait_for_banner(again.id, 1s);
    REQUIRE(amber);
    CHECK((*amber)["tone"] == "caution");
    CHECK((*amber)["headline"] == "Déjà enregistré à 9 h 20");
    CHECK(count_colour(test::load_png(site.path("frame.png")),
                       kiosk_display::badge_colours(kiosk_display::Tone::Caution).background) >
          1280u * 720u / 20);
    CHECK(board->running());
    CHECK(board->stop() == 0);
}

TEST_CASE("three greetings at once keep each room and time and what to do whole on screen",
          "[display][greeting]")
{
    for (const std::string size : {"1920x1080", "1080x1920"}) {
        INFO(size);
        GreetingSite site;
        const auto boutique = site.ticket(site.session_id("rennes", "atelier", "Lancer sa boutique en ligne"),
                                          "Marie-Christine-Éléonore");
        const auto sauvegardes = site.ticket(
            site.session_id("rennes", "atelier", "Sauvegardes et mots de passe : protéger son activité"),
            "Jean-Baptiste");
        const auto facturation = site.ticket(
            site.session_id("rennes", "atelier", "Facturation électronique : ce qui change en 2026"),
            "Paul");
        auto board = site.start_board("2026-11-26 14:10", test::WaitForFrame::Yes,
                                      test::CaptureFrames::Yes, size);
        for (const auto* ticket : {&boutique, &sauvegardes, &facturation})
            site.record(*ticket, "2026-11-26 14:10");
        // What the screen reads, lines joined: a phrase wrapped over two lines reads whole.
        const std::vector<std::string> whole{"Salle Bréhat · 14 h", "Salle Ouessant · 14 h 30",
                                             "L'atelier commence à 16 h 30", "Revenez à 16 h"};
        std::string model;
        const bool all_shown = test::GreetingSite::wait_until(
            [&] {
                model = test::read_file(site.path("model.txt"));
                std::replace(model.begin(), model.end(), '\n', ' ');
                return std::all_of(whole.begin(), whole.end(), [&](const std::string& text) {
                    return model.find(text) != std::string::npos;
                });
            },
            15s); // a content check: the time to a banner is measured above
        INFO(model);
        CHECK(all_shown);
        CHECK(site.banner_lines().size() == 3);
        // Kept for the record: what three people arriving together see.
        std::filesystem::create_directories("board-screenshots");
        std::filesystem::copy_file(site.path("frame.png"),
                                   "board-screenshots/trois-accueils-" + size + ".png",
                                   std::filesystem::copy_options::overwrite_existing);
        CHECK(board->stop() == 0);
    }
}

TEST_CASE("a burst of 50 scans in 2 s shows every one and no other site's nor a private title",
          "[display][greeting][burst]")
{
    GreetingSite site;
    // Among the visitors: a 200-character name, emoji, a staff note, a private session.
    std::string long_name;
    while (long_name.size() < 200)
        long_name += "Jean-Baptiste ";
    long_name.resize(200);
    std::vector<std::string> tickets;
    for (int i = 0; i < 50; ++i) {
        const std::string name = i == 7 ? long_name : i == 8 ? "🎉Zoé👩‍💻" : fmt::format("Visiteur {}", i);
        tickets.push_back(site.ticket(i % 10 == 3 ? site.private_session : site.workshop, name,
                                      i == 9 ? "allergie : prévenir la formatrice" : ""));
    }
    const auto nancy = site.ticket(site.nancy_workshop, "Ailleurs");
    auto board = site.start_board("2026-11-26 12:10", test::WaitForFrame::Yes, test::CaptureFrames::No);

    std::set<std::string> expected;
    std::set<std::string> foreign;
    const auto begin = std::chrono::steady_clock::now();
    for (int i = 0; i < 50; ++i) {
        // The private session's visitors come at their time; the others after their workshop
        // ended, and are told so.
        expected.insert(site.record(tickets[static_cast<std::size_t>(i)], "2026-11-26 12:10").id);
        if (i % 10 == 0)
            foreign.insert(site.record(nancy, "2026-11-26 12:10", "nancy").id);
        std::this_thread::sleep_until(begin + 40ms * (i + 1));
    }
    const auto burst = std::chrono::steady_clock::now() - begin;
    CHECK(burst < 5s); // 2 s on an idle machine; each commit waits for the disk

    std::set<std::string> shown;
    bool private_title_seen = false;
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    while (shown.size() < expected.size() && std::chrono::steady_clock::now() < deadline) {
        for (const auto& line : site.banner_lines()) {
            shown.insert(line["scan"].get<std::string>());
            private_title_seen |= line["headline"].get<std::string>().find("Réseaux sociaux") != std::string::npos;
        }
        private_title_seen |= test::read_file(site.path("model.txt")).find("Réseaux sociaux") != std::string::npos;
        std::this_thread::sleep_for(20ms);
    }
    const auto drained = std::chrono::steady_clock::now() - begin;
    WARN(fmt::format("50 scans in {} ms, all on screen after {} ms",
                     std::chrono::duration_cast<std::chrono::milliseconds>(burst).count(),
                     std::chrono::duration_cast<std::chrono::milliseconds>(drained).count()));
    CHECK(shown == expected);
    for (const auto& id : foreign)
        CHECK_FALSE(shown.contains(id));
    CHECK_FALSE(private_title_seen);
    CHECK(board->running());
    const int status = board->stop();
    INFO(test::read_file(site.path("board.log")));
    CHECK(status == 0);
}

TEST_CASE("notices show as bands with an alert over the top and expire at their time",
          "[display][notices]")
{
    GreetingSite site;
    site.kioskctl.ok({"--at", "2026-11-26 09:00", "notice", "add", "Salle Ouessant fermée aujourd'hui",
                      "--until", "10:30", "--site", "rennes"});
    site.kioskctl.ok({"--at", "2026-11-26 09:00", "notice", "add", "Exercice d'évacuation à 11 h",
                      "--level", "alerte", "--site", "rennes"});
    auto shot = [&](const std::string& at, const std::string& name) {
        const auto result = test::kiosk_display({"--db", site.kioskctl.database(), "--site", "rennes",
                                                 "--at", at, "--size", "1280x720", "--screenshot",
                                                 site.path(name + ".png"), "--dump-model",
                                                 site.path(name + ".txt")});
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
        return test::read_file(site.path(name + ".txt"));
    };
    const auto before = shot("2026-11-26 10:20", "before");
    CHECK_THAT(before, Catch::StartsWith("Exercice d'évacuation à 11 h") &&
                           Catch::Contains("Salle Ouessant fermée aujourd'hui"));
    // The alert takes over the top of the screen: red from the first rows.
    const sf::Image image = test::load_png(site.path("before.png"));
    const auto stop = kiosk_display::badge_colours(kiosk_display::Tone::Stop).background;
    const sf::Color top = image.getPixel(640, 6);
    CHECK((top.r == stop.red && top.g == stop.green && top.b == stop.blue));
    const auto after = shot("2026-11-26 10:30", "after");
    CHECK_THAT(after, Catch::Contains("Exercice d'évacuation") && !Catch::Contains("Salle Ouessant fermée"));

    // 2 000 characters: notice add refuses them, but one the core holds (posted before notices
    // were measured) is shown shortened within the screen.
    std::string long_text;
    while (long_text.size() < 1990)
        long_text += "Travaux dans le hall ";
    long_text.resize(1990);
    CHECK(site.kioskctl({"--at", "2026-11-26 10:40", "notice", "add", long_text, "--site", "rennes"})
              .exit_code == 2);
    {
        kiosk::Store store(site.kioskctl.database(), kiosk::Access::ReadWrite);
        REQUIRE(store.write([&] {
            return kiosk::NoticeStore(store).add("rennes", long_text, kiosk::NoticeLevel::Info,
                                                 std::nullopt, *kiosk::parse_local_time("2026-11-26 10:40"));
        }));
    }
    const auto crowded = shot("2026-11-26 10:41", "long");
    CHECK_THAT(crowded, Catch::Contains("Travaux dans le hall") && Catch::Contains("…"));

    // Cleared on the live board: gone within two seconds.
    auto board = site.start_board("2026-11-26 10:45");
    CHECK(site.wait_for_model("Exercice d'évacuation", 10s));
    site.kioskctl.ok({"--at", "2026-11-26 10:45", "notice", "clear", "--site", "rennes"});
    CHECK(site.wait_for_model_without("Exercice d'évacuation", 2s));
    CHECK(board->stop() == 0);
}

TEST_CASE("outside opening hours the screen is switched off and the watchdog still hears the loop",
          "[display][kiosk]")
{
    GreetingSite site;
    test::NotifySocket notify(site.path("notify.sock"));
    std::unique_ptr<test::BackgroundDisplay> board;
    {
        // As systemd would run it: a notify socket and a watchdog of 0.4 s.
        test::ScopedEnvironment environment({{"NOTIFY_SOCKET", site.path("notify.sock")},
                                             {"WATCHDOG_USEC", "400000"}});
        board = site.start_board("2026-11-26 23:00", test::WaitForFrame::No);
    }
    std::this_thread::sleep_for(2500ms);
    const auto messages = notify.received();
    CHECK(std::count(messages.begin(), messages.end(), "READY=1") == 1);
    CHECK(std::count(messages.begin(), messages.end(), "WATCHDOG=1") >= 4);
    CHECK(board->running());
    CHECK(board->stop() == 0);
    const auto log = test::read_file(site.path("board.log"));
    CHECK_THAT(log, Catch::Contains("écran éteint (hors des horaires d'ouverture)"));
    // Nothing was drawn: the screen is off, not painted black.
    CHECK_FALSE(std::filesystem::exists(site.path("model.txt")));
}
