// What the console refuses, with a clear message and nothing changed: missing or wrong CSRF
// tokens, a 10 MB field, malformed dates and times, an upload that is no calendar, paths that
// try to leave the assets, and plain HTTP.

#include "console_site.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

using test::Browser;
using test::ConsoleServer;
using test::ConsoleSite;

namespace {

constexpr const char* afternoon = "2026-11-26 14:20";

struct SignedInSite : test::SignedInConsole {

    std::string seen()
    {
        const auto edit = browser.get("/session/" + workshop);
        REQUIRE(edit.status == 200);
        return Browser::field(edit.body, "seen");
    }
};

} // namespace

TEST_CASE("A change without the page's CSRF token is refused", "[console]")
{
    SignedInSite site;
    const std::string path = "/session/" + site.workshop + "/retard";
    const std::string seen = site.seen();
    const std::string before = site.content();
    auto page = site.browser.post(path, {{"minutes", "10"}, {"seen", seen}}, false);
    CHECK(page.status == 403);
    CHECK(page.body.find("Jeton de sécurité absent ou périmé") != std::string::npos);
    page = site.browser.post(path, {{"minutes", "10"}, {"seen", seen}, {"csrf", "faux"}});
    CHECK(page.status == 403);
    // Another browser's token does not do either.
    Browser other(site.server);
    REQUIRE(other.sign_in("responsable", test::manager_password).status == 303);
    REQUIRE(other.get("/jour").status == 200);
    page = site.browser.post(path, {{"minutes", "10"}, {"seen", seen}, {"csrf", other.csrf()}});
    CHECK(page.status == 403);
    CHECK(site.session(site.workshop)["delay_min"] == 0);
    CHECK(site.content() == before);
}

TEST_CASE("Fields too long, malformed dates and times are refused, naming the field",
          "[console]")
{
    SignedInSite site;
    const std::string before = site.content();

    auto page = site.browser.post("/session/" + site.workshop + "/salle",
                                  {{"room", std::string(10 * 1024 * 1024, 'x')}, {"seen", site.seen()}});
    CHECK(page.status == 413);
    CHECK(page.body.find("Envoi trop gros") != std::string::npos);

    page = site.browser.post("/sessions", {{"date", "2026-11-26"},
                                           {"kind", "atelier"},
                                           {"title", std::string(300, 'a')},
                                           {"start", "16:00"},
                                           {"end", "17:00"}});
    CHECK(page.status == 400);
    CHECK(page.body.find("Titre : trop long") != std::string::npos);

    page = site.browser.get("/jour?date=2026-13-45");
    CHECK(page.status == 400);
    CHECK(page.body.find("Date : « 2026-13-45 »") != std::string::npos);

    page = site.browser.post("/sessions", {{"date", "2026-11-26"},
                                           {"kind", "atelier"},
                                           {"title", "Atelier"},
                                           {"start", "25:99"},
                                           {"end", "17:00"}});
    CHECK(page.status == 400);
    CHECK(page.body.find("Début : « 25:99 »") != std::string::npos);

    page = site.browser.post("/sessions", {{"date", "2027-03-28"},
                                           {"kind", "atelier"},
                                           {"title", "Atelier"},
                                           {"start", "02:30"},
                                           {"end", "04:00"}});
    CHECK(page.status == 400);

    page = site.browser.post("/session/" + site.workshop + "/retard",
                             {{"minutes", "dix"}, {"seen", site.seen()}});
    CHECK(page.status == 400);
    CHECK(page.body.find("Retard : « dix » n'est pas un nombre entier") != std::string::npos);

    page = site.browser.post("/session/" + site.workshop + "/salle",
                             {{"room", "Salle\x01"}, {"seen", site.seen()}});
    CHECK(page.status == 400);
    CHECK(site.content() == before);
}

TEST_CASE("An upload that is not a calendar is refused, a real one is checked then imported",
          "[console]")
{
    SignedInSite site;
    const std::string before = site.content();
    const std::string png("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
    auto page = site.browser.post_multipart(
        "/import", {{"csrf", site.browser.csrf(), "", ""},
                    {"file", png, "photo.ics", "text/calendar"}});
    CHECK(page.status == 422);
    CHECK(page.body.find("Import refusé") != std::string::npos);
    CHECK(page.body.find("photo.ics") != std::string::npos);
    CHECK(site.content() == before);

    const std::string calendar =
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Atelier//FR\r\n"
        "BEGIN:VEVENT\r\nUID:console-1@example.org\r\nDTSTAMP:20261120T090000Z\r\n"
        "DTSTART;TZID=Europe/Paris:20261127T100000\r\nDTEND;TZID=Europe/Paris:20261127T120000\r\n"
        "SUMMARY:Tableur pour débuter\r\nLOCATION:Salle Ouessant\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n";
    page = site.browser.post_multipart("/import", {{"csrf", site.browser.csrf(), "", ""},
                                                   {"file", calendar, "equipe.ics", "text/calendar"}});
    REQUIRE(page.status == 200);
    CHECK(page.body.find("Simulation : rien n'a encore changé.") != std::string::npos);
    CHECK(page.body.find("Tableur pour débuter") != std::string::npos);
    CHECK(site.kioskctl.day("rennes", "2026-11-27")["sessions"].empty());

    page = site.browser.post("/import/confirmer", {{"upload", Browser::field(page.body, "upload")}});
    REQUIRE(page.status == 200);
    CHECK(page.body.find("Import fait.") != std::string::npos);
    const auto next_day = site.kioskctl.day("rennes", "2026-11-27")["sessions"];
    REQUIRE(next_day.size() == 1);
    CHECK(next_day[0]["title"] == "Tableur pour débuter");
    // The pending upload is used up.
    page = site.browser.post("/import/confirmer", {{"upload", "0123456789abcdef"}});
    CHECK(page.status == 422);
}

TEST_CASE("Asset URLs are names in a table, never paths", "[console]")
{
    SignedInSite site;
    CHECK(site.browser.get("/assets/console.css").status == 200);
    for (const std::string path :
         {"/assets/../../../etc/passwd", "/assets/..%2f..%2f..%2fetc%2fpasswd",
          "/assets/%2e%2e/site.db", "/assets/console.css%00.png", "/assets/",
          "/assets/..", "/assets/site.db"}) {
        INFO(path);
        const auto page = site.browser.get(path);
        CHECK(page.status == 404);
        CHECK(page.body.find("root:") == std::string::npos);
        CHECK(page.body.find("SQLite format") == std::string::npos);
    }
}

TEST_CASE("Plain HTTP is refused on both ports", "[console]")
{
    ConsoleSite site;
    ConsoleServer server(site.kioskctl, afternoon, "serve");

    httplib::Client on_plain_port("127.0.0.1", server.plain_port());
    const auto explained = on_plain_port.Get("/jour");
    REQUIRE(explained);
    CHECK(explained->status == 400);
    CHECK(explained->body.find("La console ne répond qu'en HTTPS") != std::string::npos);
    CHECK(explained->body.find("https://127.0.0.1:" + std::to_string(server.port()) + "/") !=
          std::string::npos);

    // The address given is the console's own, whatever Host the request names.
    const auto elsewhere = on_plain_port.Get("/jour", {{"Host", "piege.example:80"}});
    REQUIRE(elsewhere);
    CHECK(elsewhere->body.find("piege.example") == std::string::npos);
    CHECK(elsewhere->body.find("https://127.0.0.1:" + std::to_string(server.port()) + "/") !=
          std::string::npos);

    // On the HTTPS port, a plain request gets no HTTP answer at all: the TLS handshake fails.
    httplib::Client on_tls_port("127.0.0.1", server.port());
    on_tls_port.set_read_timeout(std::chrono::seconds{5});
    const auto refused = on_tls_port.Post("/connexion", "name=accueil&password=x",
                                          "application/x-www-form-urlencoded");
    CHECK_FALSE(refused);
}

TEST_CASE("Too many or too long headers are refused before anything reads them", "[console]")
{
    ConsoleSite site;
    ConsoleServer server(site.kioskctl, afternoon, "serve");
    Browser browser(server);
    REQUIRE(browser.get("/connexion").status == 200);

    httplib::SSLClient client("127.0.0.1", server.port());
    client.set_ca_cert_path(server.certificate().c_str());
    client.enable_server_certificate_verification(true);
    client.set_read_timeout(std::chrono::seconds{30});
    httplib::Headers cookies;
    for (int i = 0; i < 40000; ++i)
        cookies.emplace("Cookie", "a=b");
    const auto many = client.Get("/jour", cookies);
    REQUIRE(many);
    CHECK(many->status == 431);
    httplib::Headers long_ones;
    for (int i = 0; i < 20; ++i)
        long_ones.emplace(fmt::format("X-Long-{}", i), std::string(4000, 'x'));
    const auto long_answer = client.Get("/jour", long_ones);
    REQUIRE(long_answer);
    CHECK(long_answer->status == 431);
    // An ordinary browser is not affected.
    CHECK(browser.get("/connexion").status == 200);
}
