// Signing in to the console over real HTTPS: nothing but the sign-in page without it, the
// cookie's attributes, the generic refusal, the growing delay, roles, and signing out.

#include "console_site.hpp"

#include <catch2/catch.hpp>

using test::Browser;
using test::ConsoleServer;
using test::ConsoleSite;

namespace {

constexpr const char* afternoon = "2026-11-26 14:00";

} // namespace

TEST_CASE("Without signing in, the console serves nothing but the sign-in page", "[console]")
{
    ConsoleSite site;
    ConsoleServer server(site.kioskctl, afternoon, "serve");
    Browser browser(server);
    for (const std::string& path : std::vector<std::string>{
             "/", "/jour", "/jour?date=2026-11-26", "/avis", "/import", "/journal",
             "/session/" + site.workshop, "/session/" + site.workshop + "/visiteurs"}) {
        INFO(path);
        const auto page = browser.get(path);
        CHECK(page.status == 303);
        CHECK((page.location == "/connexion" || page.location == "/jour"));
        CHECK(page.body.find("Découvrir") == std::string::npos);
    }
    const auto change = browser.post("/session/" + site.workshop + "/retard",
                                     {{"minutes", "10"}, {"seen", "x"}, {"csrf", "x"}});
    CHECK(change.status == 401);
    CHECK(site.session(site.workshop)["delay_min"] == 0);
    const auto form = browser.get("/connexion");
    CHECK(form.status == 200);
    CHECK(form.body.find("Mot de passe") != std::string::npos);
    CHECK(form.body.find("Découvrir") == std::string::npos);
}

TEST_CASE("Signing in sets a secure cookie and opens the day", "[console]")
{
    ConsoleSite site;
    ConsoleServer server(site.kioskctl, afternoon, "serve");
    Browser browser(server);
    const auto form = browser.get("/connexion");
    REQUIRE(form.status == 200);
    const auto signed_in = browser.post("/connexion",
                                        {{"form_token", Browser::field(form.body, "form_token")},
                                         {"name", "accueil"},
                                         {"password", test::staff_password}},
                                        false);
    REQUIRE(signed_in.status == 303);
    CHECK(signed_in.location == "/jour");
    std::string cookie;
    for (const auto& [name, value] : signed_in.headers)
        if (name == "Set-Cookie" && value.rfind("atelier_console=", 0) == 0)
            cookie = value;
    CHECK(cookie.find("; Secure") != std::string::npos);
    CHECK(cookie.find("; HttpOnly") != std::string::npos);
    CHECK(cookie.find("; SameSite=Strict") != std::string::npos);
    CHECK(cookie.find("; Max-Age=43200") != std::string::npos);

    const auto day = browser.get("/jour");
    REQUIRE(day.status == 200);
    CHECK(day.body.find("Découvrir les outils numériques") != std::string::npos);
    CHECK(day.body.find("Sécurité en ligne") != std::string::npos);
    CHECK(day.headers.find("Strict-Transport-Security") != day.headers.end());
    CHECK(day.headers.find("Content-Security-Policy") != day.headers.end());

    SECTION("signing out closes the pages")
    {
        const auto out = browser.post("/deconnexion", {});
        CHECK(out.status == 303);
        CHECK(out.location == "/connexion");
        CHECK(browser.get("/jour").status == 303);
    }
    SECTION("a damaged or made-up cookie is not a session")
    {
        Browser other(server);
        other.set_cookie("atelier_console", browser.cookie("atelier_console") + "x");
        CHECK(other.get("/jour").status == 303);
        other.set_cookie("atelier_console", std::string(64, 'A'));
        CHECK(other.get("/jour").status == 303);
    }
    SECTION("the cookie is not bound to a browser: a copy opens the session elsewhere")
    {
        // Accepted, and said in the README: Secure, HttpOnly and SameSite=Strict keep the
        // cookie from the network, from scripts and from other sites.
        Browser other(server);
        other.set_cookie("atelier_console", browser.cookie("atelier_console"));
        CHECK(other.get("/jour").status == 200);
    }
}

TEST_CASE("A sign-in form from elsewhere, or a wrong password, signs nobody in", "[console]")
{
    ConsoleSite site;
    ConsoleServer server(site.kioskctl, afternoon, "serve");
    Browser browser(server);

    SECTION("the form token must match the browser's")
    {
        browser.get("/connexion");
        const auto forged = browser.post(
            "/connexion",
            {{"form_token", "forged"}, {"name", "accueil"}, {"password", test::staff_password}},
            false);
        CHECK(forged.status == 403);
        CHECK(browser.cookie("atelier_console").empty());
    }
    SECTION("unknown names and wrong passwords get the same words")
    {
        const auto wrong = browser.sign_in("accueil", "pas-le-bon-mot-de-passe");
        const auto unknown = browser.sign_in("personne", "pas-le-bon-mot-de-passe");
        CHECK(wrong.status == 401);
        CHECK(unknown.status == 401);
        CHECK(wrong.body.find("Nom ou mot de passe incorrect.") != std::string::npos);
        CHECK(unknown.body.find("Nom ou mot de passe incorrect.") != std::string::npos);
        CHECK(browser.cookie("atelier_console").empty());
    }
    SECTION("failures in a row earn a growing delay, even for the right password")
    {
        // Three typos cost nothing; then the name must wait (the clock is frozen here, so
        // the wait never ends).
        for (int attempt = 0; attempt < 3; ++attempt)
            CHECK(browser.sign_in("accueil", "faux-mot-de-passe").status == 401);
        const auto throttled = browser.sign_in("accueil", test::staff_password);
        CHECK(throttled.status == 429);
        CHECK(throttled.body.find("Trop d'essais") != std::string::npos);
        CHECK(throttled.headers.find("Retry-After") != throttled.headers.end());
        CHECK(browser.cookie("atelier_console").empty());
        // Another account is not held up by this one's failures.
        CHECK(browser.sign_in("responsable", test::manager_password).status == 303);
    }
}

TEST_CASE("The audit trail is for managers only", "[console]")
{
    ConsoleSite site;
    ConsoleServer server(site.kioskctl, afternoon, "serve");
    Browser staff(server);
    REQUIRE(staff.sign_in("accueil", test::staff_password).status == 303);
    CHECK(staff.get("/journal").status == 403);
    CHECK(staff.get("/jour").body.find("/journal") == std::string::npos);

    Browser manager(server);
    REQUIRE(manager.sign_in("responsable", test::manager_password).status == 303);
    const auto journal = manager.get("/journal");
    CHECK(journal.status == 200);
    CHECK(journal.body.find("Journal des modifications") != std::string::npos);
}

TEST_CASE("An idle sign-in expires: the change it posts is refused", "[console]")
{
    ConsoleSite site;
    std::string cookie, csrf;
    {
        ConsoleServer server(site.kioskctl, afternoon, "morning");
        Browser browser(server);
        REQUIRE(browser.sign_in("accueil", test::staff_password).status == 303);
        REQUIRE(browser.get("/jour").status == 200);
        cookie = browser.cookie("atelier_console");
        csrf = browser.csrf();
    }
    // The same browser comes back three hours later (idle limit: two hours).
    ConsoleServer later(site.kioskctl, "2026-11-26 17:01", "later");
    Browser browser(later);
    browser.set_cookie("atelier_console", cookie);
    const auto change = browser.post("/session/" + site.workshop + "/retard",
                                     {{"minutes", "10"}, {"seen", "x"}, {"csrf", csrf}});
    CHECK(change.status == 401);
    CHECK(change.body.find("Votre connexion a expiré") != std::string::npos);
    CHECK(site.session(site.workshop)["delay_min"] == 0);
    CHECK(browser.get("/jour").status == 303);
}

TEST_CASE("kioskctl staff manages the console's accounts", "[console]")
{
    ConsoleSite site;
    auto& kioskctl = site.kioskctl;
    const auto weak = kioskctl.with_input({"staff", "add", "stagiaire"}, "court\n");
    CHECK(weak.exit_code == 2);
    CHECK(weak.err.find("au moins 10 caractères") != std::string::npos);
    const auto taken = kioskctl.with_input({"staff", "add", "accueil"}, "un-autre-mot-de-passe\n");
    CHECK(taken.exit_code == 2);
    CHECK(taken.err.find("existe déjà") != std::string::npos);
    const auto bad_name =
        kioskctl.with_input({"staff", "add", "Marie Dupont"}, "un-autre-mot-de-passe\n");
    CHECK(bad_name.exit_code == 2);
    CHECK(kioskctl.ok({"staff", "list"}) == "accueil\tstaff\nresponsable\tmanager\n");

    ConsoleServer server(kioskctl, afternoon, "serve");
    Browser browser(server);
    REQUIRE(browser.sign_in("accueil", test::staff_password).status == 303);
    REQUIRE(browser.get("/jour").status == 200);

    SECTION("a new password signs the account out everywhere")
    {
        REQUIRE(kioskctl.with_input({"staff", "passwd", "accueil"}, "nouveau-mot-de-passe\n")
                    .exit_code == 0);
        CHECK(browser.get("/jour").status == 303);
        CHECK(browser.sign_in("accueil", test::staff_password).status == 401);
        CHECK(browser.sign_in("accueil", "nouveau-mot-de-passe").status == 303);
    }
    SECTION("a removed account is signed out")
    {
        REQUIRE(kioskctl({"staff", "remove", "accueil"}).exit_code == 0);
        CHECK(browser.get("/jour").status == 303);
        CHECK(kioskctl({"staff", "remove", "accueil"}).exit_code == 2);
    }
}
