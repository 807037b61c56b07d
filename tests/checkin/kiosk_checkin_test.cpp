#include "build_paths.hpp"
#include "process.hpp"
#include "qr_image.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

TEST_CASE("kiosk-checkin decode --json prints one line per code read", "[kiosk-checkin]")
{
    test::TempDir dir;
    test::GrayImage one(800, 600, 230);
    test::draw_qr(one, "https://exemple.fr/inscription", 100, 100, 6);
    test::write_image(one, dir / "one.png");
    test::GrayImage none(800, 600, 230);
    test::write_image(none, dir / "none.png");
    test::GrayImage two(1280, 720, 230);
    test::draw_qr(two, "premier", 20, 20, 5);
    test::draw_qr(two, "second", 700, 200, 5);
    test::write_image(two, dir / "two.jpg");

    const auto result = test::run_process({test::kiosk_checkin_program(), "decode", "--json",
                                           (dir / "one.png").string(), (dir / "none.png").string(),
                                           (dir / "two.jpg").string()},
                                          {{"DISPLAY", ""}});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    std::istringstream lines(result.out);
    std::vector<nlohmann::json> decoded;
    for (std::string line; std::getline(lines, line);)
        decoded.push_back(nlohmann::json::parse(line));
    REQUIRE(decoded.size() == 3);
    CHECK(decoded[0] == nlohmann::json{{"file", (dir / "one.png").string()},
                                       {"text", "https://exemple.fr/inscription"}});
    std::set<std::string> texts{decoded[1]["text"], decoded[2]["text"]};
    CHECK(texts == std::set<std::string>{"premier", "second"});
    CHECK(decoded[1]["file"] == (dir / "two.jpg").string());
}

TEST_CASE("kiosk-checkin decode names a file it cannot read", "[kiosk-checkin]")
{
    test::TempDir dir;
    const auto result =
        test::run_process({test::kiosk_checkin_program(), "decode", (dir / "absent.png").string()});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("absent.png"));
}
