// Proof of display end to end: the real board at a site pictures its screen, the site's agent
// carries the picture to the office over the live link (real TLS, signed bundles), and the
// office's console shows it with its age, then says when that board stopped.

#include "console_site.hpp"
#include "kiosk/reports/board_heartbeat.hpp"
#include "kiosk_display_runner.hpp"
#include "link_pair.hpp"
#include "sql.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

using test::link_now;
using test::LinkPair;
using namespace std::chrono_literals;

namespace {

std::string picture_kept(const test::Kioskctl& kioskctl)
{
    return test::Sql(kioskctl.database())
        .text("SELECT png FROM board_pictures WHERE site = 'rennes'");
}

// The office's row for Rennes on its /etat page.
std::string rennes_row(const std::string& page)
{
    const std::regex row(R"re(<tr data-site="rennes"[^>]*>([\s\S]*?)</tr>)re");
    std::smatch match;
    return std::regex_search(page, match, row) ? match[1].str() : std::string();
}

} // namespace

TEST_CASE("the office sees each site's screen, with its age, after a sync, and when it stopped",
          "[link][display][board]")
{
    LinkPair pair;
    pair.paired();
    std::filesystem::create_directories(pair.runtime());
    pair.site.ok({"session", "add", "--site", "rennes", "--kind", "atelier", "--title",
                  "Découvrir l'impression 3D", "--start", "2026-11-26 11:00", "--end", "12:30",
                  "--room", "Fab lab", "--capacity", "12"});
    test::BackgroundDisplay board({"--db", pair.site.database(), "--site", "rennes", "--windowed",
                                   "--size", "1280x720", "--at", link_now, "--runtime-dir",
                                   pair.runtime()},
                                  (pair.site.dir() / "board.log").string());
    const auto status = kiosk::board_status_path(pair.runtime()).string();
    const auto deadline = std::chrono::steady_clock::now() + 30s;
    const auto pictured = [&] {
        const auto heartbeat = nlohmann::json::parse(test::read_file(status), nullptr, false);
        return heartbeat.is_object() && heartbeat["picture_at"].is_number();
    };
    while (std::chrono::steady_clock::now() < deadline && !pictured())
        std::this_thread::sleep_for(100ms);
    INFO(test::read_file((pair.site.dir() / "board.log").string()));
    REQUIRE(pictured());

    // One exchange: the site's health, with its board's picture, reaches the office.
    pair.exchange_ok();
    const std::string png = picture_kept(pair.office);
    REQUIRE_FALSE(png.empty());
    CHECK(png == picture_kept(pair.site));
    const auto size = kiosk::check_board_picture(png);
    REQUIRE(size);
    CHECK(size->width == 480);
    CHECK(size->height == 270);

    const auto added = pair.office.with_input({"staff", "add", "siege", "--role", "manager"},
                                              std::string(test::manager_password) + "\n");
    REQUIRE(added.exit_code == 0);
    test::Browser office(pair.served->port(), (pair.office.dir() / "console-cert.pem").string());
    REQUIRE(office.sign_in("siege", test::manager_password).status == 303);
    auto page = office.get("/etat");
    REQUIRE(page.status == 200);
    auto row = rennes_row(page.body);
    INFO(row);
    CHECK(row.find(R"(<figure class="board-picture" data-board="drawing">)") != std::string::npos);
    std::smatch found;
    REQUIRE(std::regex_search(row, found, std::regex(R"re(<img src="([^"]+)")re")));
    const std::string address = found[1];
    CHECK(address.starts_with("/etat/tableau/rennes.png?v="));
    REQUIRE(std::regex_search(row, found,
                              std::regex(R"re(<figcaption data-field="picture_age">([^<]*)<)re")));
    CHECK(std::regex_match(found[1].str(),
                           std::regex(R"(Image de \d{1,2} h( \d\d)?, il y a \d{1,2} s)")));
    CHECK(row.find(R"(data-topic="ecran")") == std::string::npos); // nothing wrong with it
    const auto picture = office.get(address);
    REQUIRE(picture.status == 200);
    CHECK(picture.body == png);
    CHECK(picture.headers.find("Content-Type")->second == "image/png");
    // Another site has sent nothing: no picture, said so.
    CHECK(office.get("/etat/tableau/nancy.png").status == 404);

    // The board stops: at the next exchange the office says so, and keeps its last picture.
    CHECK(board.stop() == 0);
    pair.exchange_ok();
    page = office.get("/etat");
    row = rennes_row(page.body);
    CHECK(row.find(R"(data-board="stopped")") != std::string::npos);
    CHECK(row.find(R"(<li class="health-item problem" data-topic="ecran">)") != std::string::npos);
    CHECK(row.find("Au dernier relevé, le programme du tableau était arrêté.") !=
          std::string::npos);
    CHECK(row.find("<img src=\"" + address + "\"") != std::string::npos);
}
