// Every page the console serves, for both roles, is valid HTML (html5lib, strict) and made for
// a phone: a viewport, and the style sheet it links to has no fixed width wider than 375 px.

#include "build_paths.hpp"
#include "console_site.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <regex>

using test::Browser;
using test::ConsoleServer;
using test::ConsoleSite;

TEST_CASE("Every page is valid HTML and fits a phone", "[console]")
{
    ConsoleSite site;
    ConsoleServer server(site.kioskctl, "2026-11-26 14:20", "serve");
    Browser browser(server);
    std::vector<std::pair<std::string, std::string>> pages;
    pages.emplace_back("connexion", browser.get("/connexion").body);
    pages.emplace_back("connexion-refusee", browser.sign_in("accueil", "faux-mot-de-passe").body);
    REQUIRE(browser.sign_in("responsable", test::manager_password).status == 303);
    for (const auto& [name, path] : std::vector<std::pair<std::string, std::string>>{
             {"jour", "/jour"},
             {"jour-vide", "/jour?date=2026-12-25"},
             {"session", "/session/" + site.workshop},
             {"visiteurs", "/session/" + site.workshop + "/visiteurs?q=martin"},
             {"import", "/import"},
             {"avis", "/avis"},
             {"journal", "/journal"},
             {"presence", "/presence"},
             {"presence-periode", "/presence?du=2026-11-20&au=2026-11-30"},
             {"etat", "/etat"},
             {"introuvable", "/nulle-part"},
             {"date-invalide", "/jour?date=hier"}}) {
        const auto page = browser.get(path);
        INFO(path);
        CHECK(page.status != 303);
        pages.emplace_back(name, page.body);
    }
    // Debian's interpreter, where python3-html5lib is installed.
    std::vector<std::string> arguments{"/usr/bin/python3",
                                       test::source_dir() + "/tests/console/check_html.py"};
    for (const auto& [name, body] : pages) {
        const auto file = site.kioskctl.dir() / (name + ".html");
        std::ofstream(file) << body;
        arguments.push_back(file.string());
        INFO(name);
        CHECK(body.find(R"(<meta name="viewport" content="width=device-width, initial-scale=1">)") !=
              std::string::npos);
        CHECK(body.find("<html lang=\"fr\">") != std::string::npos);
    }
    const auto parsed = test::run_process(arguments);
    INFO(parsed.out << parsed.err);
    CHECK(parsed.exit_code == 0);

    // The style sheet every page links to, as served: the real file, whose fixed widths (in
    // px, or in rem and em at the 16 px it sets) all fit 375 px.
    for (const auto& [name, body] : pages) {
        INFO(name);
        CHECK(body.find(R"(<link rel="stylesheet" href="/assets/console.css">)") !=
              std::string::npos);
    }
    const auto sheet = browser.get("/assets/console.css");
    REQUIRE(sheet.status == 200);
    const auto type = sheet.headers.find("Content-Type");
    REQUIRE(type != sheet.headers.end());
    CHECK(type->second.starts_with("text/css"));
    const std::string style = sheet.body;
    REQUIRE(style == test::read_file(test::source_dir() + "/assets/console/console.css"));
    const std::regex fixed_width(R"((?:^|[^-])(?:min-)?width:\s*([\d.]+)(px|rem|em)\b)");
    int widths = 0;
    for (auto match = std::sregex_iterator(style.begin(), style.end(), fixed_width);
         match != std::sregex_iterator(); ++match) {
        const double pixels = std::stod((*match)[1]) * ((*match)[2] == "px" ? 1 : 16);
        INFO((*match)[0]);
        CHECK(pixels <= 375);
        ++widths;
    }
    CHECK(widths > 0); // the loop above checked something
}
