// The console's /etat shows what the entrance screen displays: the board's latest picture with
// its age, a problem line when the board stopped drawing, and the picture itself only to
// signed-in staff, only as a PNG within bounds.

#include "console_site.hpp"
#include "heartbeat.hpp"
#include "png_bytes.hpp"

#include <regex>
#include <unistd.h>

using test::Browser;
using test::ConsoleServer;
using test::ConsoleSite;
using namespace std::chrono_literals;

namespace {

using RealClock = std::chrono::system_clock;

// The health line about `topic`, whole: its class and its words.
std::string line_about(const std::string& page, const std::string& topic)
{
    const std::regex item("<li class=\"health-item ([a-z]+)\" data-topic=\"" + topic +
                          "\">(.*?)</li>");
    std::smatch match;
    if (!std::regex_search(page, match, item))
        return {};
    return match[1].str() + ": " + match[2].str();
}

} // namespace

TEST_CASE("The health page shows the board's picture with its age, and its problems",
          "[console][board]")
{
    ConsoleSite site;
    const auto runtime = site.kioskctl.dir() / "run";
    std::filesystem::create_directories(runtime);
    ConsoleServer server(site.kioskctl, "2026-11-26 14:40", "serve",
                         {"--runtime-dir", runtime.string()});
    const std::string png = test::png_bytes(480, 270);
    const auto now = RealClock::now();
    const RealClock::time_point taken = std::chrono::floor<std::chrono::seconds>(now - 40s);
    test::write_board_heartbeat(runtime, getpid(), now, true, taken, png);

    Browser stranger(server);
    auto picture = stranger.get("/etat/tableau/rennes.png");
    CHECK(picture.status == 303);
    CHECK(picture.location == "/connexion");
    CHECK(picture.body.find("PNG") == std::string::npos);

    Browser staff(server);
    REQUIRE(staff.sign_in("accueil", test::staff_password).status == 303);
    auto page = staff.get("/etat");
    REQUIRE(page.status == 200);
    const std::string address =
        "/etat/tableau/rennes.png?v=" +
        std::to_string(
            std::chrono::duration_cast<std::chrono::seconds>(taken.time_since_epoch()).count());
    CHECK(page.body.find(R"(<figure class="board-picture" data-board="drawing">)") !=
          std::string::npos);
    CHECK(page.body.find("<img src=\"" + address + "\" width=\"480\" height=\"270\"") !=
          std::string::npos);
    std::smatch caption;
    REQUIRE(std::regex_search(page.body, caption,
                              std::regex(R"re(<figcaption data-field="picture_age">([^<]*)<)re")));
    CHECK(std::regex_match(caption[1].str(),
                           std::regex(R"(Image de \d{1,2} h( \d\d)?, il y a (40|41|42) s)")));
    CHECK_THAT(line_about(page.body, "ecran"),
               Catch::StartsWith("ok: ") && Catch::Contains("Le tableau s'affiche"));

    // The picture itself: a PNG, kept by the browser under its address, never sniffed.
    picture = staff.get(address);
    REQUIRE(picture.status == 200);
    CHECK(picture.body == png);
    CHECK(picture.headers.find("Content-Type")->second == "image/png");
    CHECK(picture.headers.find("Cache-Control")->second == "private, max-age=600");
    CHECK(picture.headers.find("X-Content-Type-Options")->second == "nosniff");
    // Only this site's, and only by its name.
    CHECK(staff.get("/etat/tableau/nancy.png").status == 404);
    CHECK(staff.get("/etat/tableau/..%2Frennes.png").status == 404);

    SECTION("a board that stopped drawing is a problem line")
    {
        test::write_board_heartbeat(runtime, getpid(), RealClock::now(), true,
                                    RealClock::now() - 5min, png);
        page = staff.get("/etat");
        CHECK(page.body.find(R"(data-board="stale")") != std::string::npos);
        CHECK_THAT(line_about(page.body, "ecran"),
                   Catch::StartsWith("problem: ") &&
                       Catch::Contains("L'écran n'a rien dessiné depuis 5 min"));
    }
    SECTION("a picture that is not a PNG is said and never sent")
    {
        test::write_board_heartbeat(runtime, getpid(), RealClock::now(), true, RealClock::now(),
                                    "<script>alert(1)</script>");
        page = staff.get("/etat");
        CHECK(page.body.find(R"(<p class="board-picture none" data-board="drawing">)") !=
              std::string::npos);
        CHECK_THAT(line_about(page.body, "ecran"),
                   Catch::StartsWith("warning: ") && Catch::Contains("pas une image PNG"));
        CHECK(staff.get("/etat/tableau/rennes.png").status == 404);
    }
    SECTION("no board at all")
    {
        std::filesystem::remove(kiosk::board_status_path(runtime));
        std::filesystem::remove(kiosk::board_picture_path(runtime));
        page = staff.get("/etat");
        CHECK(page.body.find("Pas d'image de l'écran.") != std::string::npos);
        CHECK_THAT(line_about(page.body, "ecran"),
                   Catch::StartsWith("problem: ") &&
                       Catch::Contains("Le programme du tableau n'a pas démarré."));
    }
    CHECK(server.stop() == 0);
}
