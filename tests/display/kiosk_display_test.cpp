// kiosk-display end to end on the test run's X server: screenshots of the demo day, the join
// QR read back by ZXing, a staff change on screen within two seconds, bad input, no font.

#include "build_paths.hpp"
#include "heartbeat.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk_display/board_layout.hpp"
#include "kiosk_display/board_source.hpp"
#include "kiosk_display/palette.hpp"
#include "kiosk_display/renderer.hpp"
#include "kiosk_display_runner.hpp"

#include <ZXing/ReadBarcode.h>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <thread>
#include <unistd.h>

using test::Kioskctl;

namespace {

struct Demo {
    Kioskctl kioskctl;
    Demo()
    {
        kioskctl.ok({"init"});
        kioskctl.ok({"demo", "--date", "2026-11-26"});
    }
    [[nodiscard]] std::string path(const std::string& name) const
    {
        return (kioskctl.dir() / name).string();
    }
    [[nodiscard]] std::string id_of(const std::string& site, const std::string& title) const
    {
        const auto day = kioskctl.day(site, "2026-11-26");
        for (const auto& session : day["sessions"])
            if (session["title"] == title)
                return session["id"];
        FAIL("no session " << title);
        return {};
    }
};

bool same(sf::Color pixel, kiosk_display::Colour colour)
{
    return pixel.r == colour.red && pixel.g == colour.green && pixel.b == colour.blue;
}

std::vector<std::string> decode_qr_codes(const sf::Image& image)
{
    const auto size = image.getSize();
    std::vector<std::uint8_t> luminance(size.x * size.y);
    for (unsigned y = 0; y < size.y; ++y)
        for (unsigned x = 0; x < size.x; ++x) {
            const sf::Color pixel = image.getPixel(x, y);
            luminance[y * size.x + x] =
                static_cast<std::uint8_t>((299 * pixel.r + 587 * pixel.g + 114 * pixel.b) / 1000);
        }
    const ZXing::ImageView view(luminance.data(), static_cast<int>(size.x),
                                static_cast<int>(size.y), ZXing::ImageFormat::Lum);
    std::vector<std::string> texts;
    for (const auto& result :
         ZXing::ReadBarcodes(view, ZXing::DecodeHints().setFormats(ZXing::BarcodeFormat::QRCode)))
        if (result.isValid())
            texts.push_back(result.text());
    return texts;
}

std::string read(const std::string& path) { return test::read_file(path); }

} // namespace

TEST_CASE("screenshots of the demo day at three sizes are full and sized and branded", "[display]")
{
    Demo demo;
    struct Shot {
        const char* size;
        unsigned width;
        unsigned height;
        const char* at;
    };
    for (const Shot shot : {Shot{"1920x1080", 1920, 1080, "2026-11-26 10:20"},
                            Shot{"1280x720", 1280, 720, "2026-11-26 13:55"},
                            Shot{"1080x1920", 1080, 1920, "2026-11-26 14:10"}}) {
        INFO(shot.size << " at " << shot.at);
        const auto png = demo.path(std::string("board-") + shot.size + ".png");
        const auto dump = demo.path(std::string("board-") + shot.size + ".txt");
        const auto result = test::kiosk_display({"--db", demo.kioskctl.database(), "--site",
                                                 "rennes", "--at", shot.at, "--size", shot.size,
                                                 "--screenshot", png, "--dump-model", dump});
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
        const sf::Image image = test::load_png(png);
        CHECK(image.getSize() == sf::Vector2u(shot.width, shot.height));
        // The header band runs across the top; the body below is the board's background.
        CHECK(same(image.getPixel(shot.width / 2, 3), kiosk_display::palette::header_band));
        CHECK(same(image.getPixel(2, shot.height - 3), kiosk_display::palette::background));
        // Not blank: a good share of the body is text, badges and codes.
        std::size_t drawn = 0;
        for (unsigned y = shot.height / 5; y < shot.height; y += 2)
            for (unsigned x = 0; x < shot.width; x += 2)
                if (!same(image.getPixel(x, y), kiosk_display::palette::background))
                    ++drawn;
        CHECK(drawn > (shot.width / 2) * (shot.height * 4 / 10) / 20);
        const auto text = read(dump);
        CHECK_THAT(text, Catch::Contains("Rennes") && Catch::Contains("jeudi 26 novembre"));
        // Portrait stacks everything in one column: the online section is on a later page.
        CHECK_THAT(text, shot.height > shot.width ? Catch::Contains("page 1 / ")
                                                  : Catch::Contains("En ligne aujourd'hui"));
    }
    const auto morning = read(demo.path("board-1920x1080.txt"));
    CHECK_THAT(morning, Catch::Contains("10 h 20") && Catch::Contains("En cours") &&
                            Catch::Contains("retardé de 15 min") &&
                            Catch::Contains("Créer sa fiche d'établissement sur Google"));
    const auto afternoon = read(demo.path("board-1280x720.txt"));
    CHECK_THAT(afternoon, Catch::Contains("portes ouvertes") && Catch::Contains("À suivre"));
    CHECK(morning.find("ateliers-numeriques.fr/prive") == std::string::npos);
}

TEST_CASE("the join QR on screen decodes to the live session's address", "[display]")
{
    Demo demo;
    for (const char* size : {"1920x1080", "1280x720", "1080x1920"}) {
        INFO(size);
        // A portrait board stacks everything: the online section may be on the second page.
        std::vector<std::string> texts;
        for (int page = 1; page <= 2; ++page) {
            const auto png = demo.path(fmt::format("qr-{}-{}.png", size, page));
            const auto result = test::kiosk_display(
                {"--db", demo.kioskctl.database(), "--site", "rennes", "--at", "2026-11-26 10:20",
                 "--size", size, "--screenshot", png, "--page", std::to_string(page)});
            INFO(result.err);
            REQUIRE(result.exit_code == 0);
            for (auto& text : decode_qr_codes(test::load_png(png)))
                texts.push_back(std::move(text));
        }
        // On now: "Lancer son site Internet"; next: "Télétravail : les bons outils".
        CHECK(std::count(texts.begin(), texts.end(),
                         "https://visio.ateliers-numeriques.fr/live/lancer-son-site") >= 1);
        CHECK(std::count(texts.begin(), texts.end(),
                         "https://visio.ateliers-numeriques.fr/live/teletravail-outils") >= 1);
        for (const auto& text : texts)
            CHECK(text.find("ateliers-numeriques.fr/live/") != std::string::npos);
    }
}

TEST_CASE("a staff change made by another process is on screen within two seconds", "[display]")
{
    Demo demo;
    const auto dump = demo.path("live.txt");
    const auto runtime = demo.path("run");
    std::filesystem::create_directories(runtime);
    // This test stands in for a camera process that beats once a second and sees frames.
    std::atomic<bool> beating = true;
    std::thread camera([&] {
        while (beating) {
            const auto now = std::chrono::system_clock::now();
            test::write_heartbeat(runtime, getpid(), now, now);
            std::this_thread::sleep_for(std::chrono::milliseconds{500});
        }
    });
    struct StopBeating {
        std::atomic<bool>& beating;
        std::thread& camera;
        ~StopBeating()
        {
            beating = false;
            camera.join();
        }
    } stop_beating{beating, camera};
    test::BackgroundDisplay board({"--db", demo.kioskctl.database(), "--site", "rennes",
                                   "--windowed", "--size", "1280x720", "--at", "2026-11-26 10:20",
                                   "--dump-model", dump, "--runtime-dir", runtime},
                                  demo.path("board.log"));
    auto wait_for = [&](const std::string& wanted, std::chrono::milliseconds limit) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < deadline) {
            if (read(dump).find(wanted) != std::string::npos)
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds{20});
        }
        return false;
    };
    REQUIRE(wait_for("Découvrir l'impression 3D", std::chrono::seconds{20}));
    CHECK_THAT(read(dump), Catch::Contains("caméra OK") && !Catch::Contains("annulé"));

    const auto id = demo.id_of("rennes", "Découvrir l'impression 3D");
    demo.kioskctl.ok({"session", "update", id, "--status", "cancelled"});
    const auto committed = std::chrono::steady_clock::now();
    CHECK(wait_for("annulé", std::chrono::seconds{5}));
    const auto latency = std::chrono::steady_clock::now() - committed;
    const auto milliseconds =
        std::chrono::duration_cast<std::chrono::milliseconds>(latency).count();
    WARN("staff change on screen after " << milliseconds << " ms");
    CHECK(latency < std::chrono::seconds{2});
    CHECK(board.running());
    const int status = board.stop();
    INFO(read(demo.path("board.log")));
    CHECK(status == 0);
}

namespace {

// A day of hostile titles at Rennes: 300 characters of words, one 300-letter word, emoji,
// Arabic, and 80 more sessions than a screen holds.
void seed_hostile_day(const Kioskctl& kioskctl)
{
    kioskctl.ok({"init"});
    std::string long_title;
    while (long_title.size() < 300)
        long_title += "Très long titre d'atelier numérique ";
    long_title.resize(300);
    std::string long_word;
    while (long_word.size() < 300)
        long_word += "Anticonstitutionnellement";
    long_word.resize(300);
    for (const auto& title : {long_title, long_word})
        kioskctl.ok({"session", "add", "--site", "rennes", "--kind", "atelier", "--title", title,
                     "--room", std::string(120, 'S'), "--start", "2026-11-26 10:00", "--end",
                     "11:00", "--capacity", "5"});
    kioskctl.ok({"session", "add", "--kind", "live", "--title",
                 "🎉🚀 Emoji 👩‍💻 partout", "--start", "2026-11-26 10:00", "--end",
                 "11:00", "--url", "https://visio.example.fr/emoji"});
    kioskctl.ok({"session", "add", "--site", "rennes", "--kind", "atelier", "--title",
                 "ورشة عمل حول التسويق الرقمي للمتاجر الصغيرة في المدينة", "--start",
                 "2026-11-26 10:30", "--end", "11:30"});
    // 80 more at once through the store, as an import would write them.
    kiosk::Store store(kioskctl.database(), kiosk::Access::ReadWrite);
    kiosk::SessionStore sessions(store);
    store.write([&] {
        for (int i = 0; i < 80; ++i) {
            kiosk::Session session;
            session.site = "rennes";
            session.title = fmt::format("Atelier {}", i);
            session.room = i % 2 == 0 ? "" : "Salle Bréhat";
            session.start = *kiosk::parse_local_time(
                fmt::format("2026-11-26 {:02}:{:02}", 8 + i / 10, 10 + i % 10 * 4));
            session.end = session.start + kiosk::Minutes{45};
            sessions.add(session, session.start);
        }
    });
}

const std::vector<std::pair<std::string, kiosk_display::ScreenSize>> screen_sizes{
    {"1280x720", {1280, 720}}, {"3840x2160", {3840, 2160}}, {"1080x1920", {1080, 1920}}};

} // namespace

TEST_CASE("bad input renders at every size without a crash", "[display]")
{
    Kioskctl kioskctl;
    seed_hostile_day(kioskctl);
    for (const auto& [size, screen] : screen_sizes) {
        INFO(size);
        const auto png = (kioskctl.dir() / ("bad-" + size + ".png")).string();
        const auto result = test::kiosk_display({"--db", kioskctl.database(), "--site", "rennes",
                                                 "--at", "2026-11-26 09:00", "--size", size,
                                                 "--screenshot", png, "--page", "3"});
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
        const auto image = test::load_png(png);
        CHECK(image.getSize() == sf::Vector2u(screen.width, screen.height));
    }
}

// The same day laid out with the fonts kiosk-display draws with (not a fixed advance): on
// every page at every size, each text's real width stays inside its box and the box inside the
// screen, and what is too long was cut.
TEST_CASE("bad input fits its boxes when measured with the board's own fonts", "[display]")
{
    Kioskctl kioskctl;
    seed_hostile_day(kioskctl);
    const kiosk_display::Fonts fonts(std::filesystem::path(test::source_dir()) / "assets/fonts");
    const auto now = *kiosk::parse_local_time("2026-11-26 09:00");
    kiosk::Store store(kioskctl.database(), kiosk::Access::ReadOnly);
    const auto data = kiosk_display::load_board_data(store, {"rennes", "Rennes"}, now);
    const auto board = kiosk_display::build_board(
        data, {now, kiosk::ClockTrust::Synchronised, kiosk_display::Freshness::Current, now,
               kiosk_display::CameraState::Unknown});
    int texts = 0;
    for (const auto& [size, screen] : screen_sizes) {
        int pages = 1;
        for (int page = 0; page < pages; ++page) {
            const auto layout =
                kiosk_display::layout_board(board, screen, fonts, static_cast<unsigned>(page));
            for (const auto& column : layout.columns)
                pages = std::max(pages, column.count);
            for (const auto& text : layout.texts) {
                INFO(size << " page " << page << ": « " << text.text << " » at " << text.area.x
                          << "," << text.area.y);
                CHECK(fonts.width(text.text, text.style) <= text.area.width + 0.01f);
                CHECK(text.area.x >= 0);
                CHECK(text.area.x + text.area.width <= static_cast<float>(screen.width) + 0.5f);
                CHECK(text.area.y >= 0);
                CHECK(text.area.y + text.area.height <= static_cast<float>(screen.height) + 0.5f);
                ++texts;
            }
            const auto shown = kiosk_display::layout_text(layout);
            if (shown.find("Anticonstitutionnellement") != std::string::npos)
                CHECK_THAT(shown, Catch::Contains("…"));
        }
        INFO(size);
        CHECK(pages > 1);
    }
    CHECK(texts > 100);
}

TEST_CASE("a missing font or X server is a clear error and a non-zero exit", "[display]")
{
    Demo demo;
    const auto result =
        test::kiosk_display({"--db", demo.kioskctl.database(), "--site", "rennes", "--screenshot",
                             demo.path("x.png"), "--fonts", demo.path("no-fonts")});
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.err,
               Catch::Contains("police introuvable") && Catch::Contains("NotoSans-Regular.ttf"));
    CHECK_FALSE(std::filesystem::exists(demo.path("x.png")));
    auto environment = test::display_environment();
    environment["DISPLAY"] = ""; // removed: a headless box
    const auto headless =
        test::run_process({test::kiosk_display_program(), "--db", demo.kioskctl.database(),
                           "--site", "rennes", "--screenshot", demo.path("y.png")},
                          environment);
    CHECK(headless.exit_code == 1);
    CHECK_THAT(headless.err, Catch::Contains("DISPLAY") && Catch::Contains("xvfb-run"));
    const auto no_site = test::kiosk_display({"--db", demo.kioskctl.database(), "--site", "paris"});
    CHECK(no_site.exit_code == 2);
    CHECK_THAT(no_site.err, Catch::Contains("site inconnu"));
}
