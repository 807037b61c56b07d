// Each console action over HTTPS, checked in the database afterwards and in the audit trail:
// the quick actions of the day, the full edit, adding a session, visitors checked in by hand,
// walk-ins, notices, and the conflict rule.

#include "console_site.hpp"
#include "kiosk/store/store.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using test::Browser;
using test::ConsoleServer;
using test::ConsoleSite;

namespace {

constexpr const char* afternoon = "2026-11-26 14:20";

struct SignedInSite : test::SignedInConsole {

    // The fingerprint the day page shows for a session, as a browser would post it back.
    std::string seen(Browser& who, const std::string& id)
    {
        const auto day = who.get("/jour?date=2026-11-26");
        REQUIRE(day.status == 200);
        const auto form = day.body.find("/session/" + id + "/retard");
        REQUIRE(form != std::string::npos);
        return Browser::field(day.body.substr(form), "seen");
    }

    // What the console recorded (the fixture's own sessions, added with kioskctl, aside).
    std::vector<std::string> audit_actions()
    {
        std::vector<std::string> actions;
        for (auto& row : test::Sql(kioskctl.database(), test::Sql::Mode::ReadOnly)
                             .rows("SELECT actor || ' ' || action FROM audit_log WHERE actor <> "
                                   "'kioskctl' ORDER BY id"))
            actions.push_back(std::move(row[0]));
        return actions;
    }

    std::string query(const std::string& sql)
    {
        const auto rows = test::Sql(kioskctl.database(), test::Sql::Mode::ReadOnly).rows(sql);
        REQUIRE_FALSE(rows.empty());
        return rows[0][0];
    }

    std::string ticket_of(const std::string& first_name)
    {
        return query("SELECT printf('%016x', id) FROM tickets WHERE first_name = '" + first_name +
                     "'");
    }
};

} // namespace

TEST_CASE("The day's quick actions change the session and are audited", "[console]")
{
    SignedInSite site;
    const std::string path = "/session/" + site.workshop;

    auto page = site.browser.post(path + "/retard",
                                  {{"minutes", "15"}, {"seen", site.seen(site.browser, site.workshop)}});
    REQUIRE(page.status == 303);
    CHECK(page.location == "/jour?date=2026-11-26");
    CHECK(site.session(site.workshop)["status"] == "delayed");
    CHECK(site.session(site.workshop)["delay_min"] == 15);
    // The message shows once, on the next page.
    const auto day = site.browser.get(page.location);
    CHECK(day.body.find("retardée de 15 min") != std::string::npos);
    CHECK(day.body.find("role=\"status\"") != std::string::npos);
    CHECK(site.browser.get(page.location).body.find("role=\"status\"") == std::string::npos);

    page = site.browser.post(path + "/salle",
                             {{"room", "Fab lab"}, {"seen", site.seen(site.browser, site.workshop)}});
    REQUIRE(page.status == 303);
    CHECK(site.session(site.workshop)["room"] == "Fab lab");
    CHECK(site.session(site.workshop)["previous_room"] == "Salle Bréhat");

    page = site.browser.post(path + "/complet", {{"seen", site.seen(site.browser, site.workshop)}});
    REQUIRE(page.status == 303);
    CHECK(site.session(site.workshop)["status"] == "full");

    page = site.browser.post(path + "/annuler", {{"seen", site.seen(site.browser, site.workshop)}});
    REQUIRE(page.status == 303);
    CHECK(site.session(site.workshop)["status"] == "cancelled");

    // Tickets exist: the session can be cancelled, not removed.
    const auto day_page = site.browser.get("/jour?date=2026-11-26");
    const auto at_form = day_page.body.find(path + "/retablir");
    REQUIRE(at_form != std::string::npos);
    const std::string seen = Browser::field(day_page.body.substr(at_form), "seen");
    page = site.browser.post(path + "/supprimer", {{"seen", seen}});
    CHECK(page.status == 409);
    CHECK(page.body.find("annulez-la plutôt") != std::string::npos);
    CHECK(site.session(site.workshop) != nullptr);

    page = site.browser.post(path + "/retablir", {{"seen", seen}});
    REQUIRE(page.status == 303);
    CHECK(site.session(site.workshop)["status"] == "scheduled");

    // The online session has no history: it can go.
    page = site.browser.post("/session/" + site.online + "/supprimer",
                             {{"seen", site.seen(site.browser, site.online)}});
    REQUIRE(page.status == 303);
    CHECK(site.session(site.online) == nullptr);

    CHECK(site.audit_actions() ==
          std::vector<std::string>{"accueil session.delay", "accueil session.room",
                                   "accueil session.full", "accueil session.cancel",
                                   "accueil session.restore", "accueil session.remove"});
    const std::string before = site.query("SELECT before_state FROM audit_log WHERE "
                                          "action = 'session.room'");
    const std::string after = site.query("SELECT after_state FROM audit_log WHERE "
                                         "action = 'session.room'");
    CHECK(before.find("\"room\":\"Salle Bréhat\"") != std::string::npos);
    CHECK(after.find("\"room\":\"Fab lab\"") != std::string::npos);
}

TEST_CASE("A session is added, then edited in full, from the console", "[console]")
{
    SignedInSite site;
    auto page = site.browser.post("/sessions", {{"date", "2026-11-26"},
                                                {"kind", "atelier"},
                                                {"title", "Atelier de dernière minute"},
                                                {"start", "16:30"},
                                                {"end", "17:30"},
                                                {"room", "Salle Ouessant"},
                                                {"capacity", "8"}});
    REQUIRE(page.status == 303);
    const auto day = site.kioskctl.day("rennes", "2026-11-26");
    std::string added;
    for (const auto& session : day["sessions"])
        if (session["title"] == "Atelier de dernière minute")
            added = session["id"];
    REQUIRE_FALSE(added.empty());
    CHECK(site.session(added)["start"] == "2026-11-26T16:30:00+01:00");
    CHECK(site.session(added)["capacity"] == 8);

    const auto edit = site.browser.get("/session/" + added);
    REQUIRE(edit.status == 200);
    page = site.browser.post("/session/" + added, {{"seen", Browser::field(edit.body, "seen")},
                                                   {"title", "Atelier express"},
                                                   {"date", "2026-11-26"},
                                                   {"start", "16:45"},
                                                   {"end", "17:45"},
                                                   {"room", "Salle Ouessant"},
                                                   {"capacity", "10"},
                                                   {"trainer", "Inès"},
                                                   {"url", ""}});
    REQUIRE(page.status == 303);
    CHECK(site.session(added)["title"] == "Atelier express");
    CHECK(site.session(added)["start"] == "2026-11-26T16:45:00+01:00");
    CHECK(site.session(added)["trainer"] == "Inès");
    CHECK(site.audit_actions() ==
          std::vector<std::string>{"accueil session.add", "accueil session.edit"});
}

TEST_CASE("Of two staff editing one session, the later save is told it changed", "[console]")
{
    SignedInSite site;
    Browser other(site.server);
    REQUIRE(other.sign_in("responsable", test::manager_password).status == 303);
    const std::string seen_by_first = site.seen(site.browser, site.workshop);
    const std::string seen_by_other = site.seen(other, site.workshop);
    REQUIRE(seen_by_first == seen_by_other);

    REQUIRE(site.browser
                .post("/session/" + site.workshop + "/retard",
                      {{"minutes", "10"}, {"seen", seen_by_first}})
                .status == 303);
    const auto later = other.post("/session/" + site.workshop + "/salle",
                                  {{"room", "Fab lab"}, {"seen", seen_by_other}});
    CHECK(later.status == 409);
    CHECK(later.body.find("a modifié cette session depuis que vous l") != std::string::npos);
    CHECK(later.body.find("retardée de 10 min") != std::string::npos);
    CHECK(site.session(site.workshop)["room"] == "Salle Bréhat");
    CHECK(site.session(site.workshop)["delay_min"] == 10);
    CHECK(site.audit_actions() == std::vector<std::string>{"accueil session.delay"});
}

TEST_CASE("A visitor without the ticket is found by name and checked in by hand", "[console]")
{
    SignedInSite site;
    const std::string visitors = "/session/" + site.workshop + "/visiteurs";
    // Issued Élodie Lefèvre, Jean-Pierre Martin, Amina Diallo: listed by last name.
    const auto all = site.browser.get(visitors).body;
    const auto diallo = all.find("Amina Diallo");
    const auto lefevre = all.find("Élodie Lefèvre");
    const auto martin = all.find("Jean-Pierre Martin");
    REQUIRE(martin != std::string::npos);
    CHECK(diallo < lefevre);
    CHECK(lefevre < martin);
    const auto search = site.browser.get(visitors + "?q=lefevre");
    REQUIRE(search.status == 200);
    CHECK(search.body.find("Élodie Lefèvre") != std::string::npos);
    CHECK(search.body.find("Jean-Pierre") == std::string::npos);
    CHECK(search.body.find("Inscrits (1 sur 3)") != std::string::npos);

    const std::string ticket = site.ticket_of("Élodie");
    auto page = site.browser.post("/session/" + site.workshop + "/entree", {{"ticket", ticket}});
    REQUIRE(page.status == 303);
    const auto entered = site.browser.get(page.location).body;
    CHECK(entered.find("Élodie L. est entré·e à « Découvrir les outils numériques ».") !=
          std::string::npos);
    // A wrong tap is undone from the message itself, without asking again.
    const auto offer = entered.find(R"(<form method="post" action="/session/)" + site.workshop +
                                    R"(/annuler-entree" class="offer">)");
    REQUIRE(offer != std::string::npos);
    CHECK(entered.find(R"(name="confirme" value="oui")", offer) != std::string::npos);
    CHECK(entered.find(R"(name="csrf")", offer) != std::string::npos);
    CHECK(entered.find("Annuler cette entrée", offer) != std::string::npos);
    CHECK(site.query("SELECT kind || ' ' || device FROM checkins WHERE undone_at IS NULL") ==
          "manual console");

    // The same rules as at the door: twice is refused.
    page = site.browser.post("/session/" + site.workshop + "/entree", {{"ticket", ticket}});
    const auto twice = site.browser.get(page.location).body;
    CHECK(twice.find("Élodie L. n'est pas entré·e à « Découvrir les outils numériques » : Déjà "
                     "enregistré") != std::string::npos);
    CHECK(twice.find("session " + site.workshop) == std::string::npos);
    CHECK(site.query("SELECT count(*) FROM checkins") == "1");

    // Undoing asks first, naming who and when; only the confirmation changes anything.
    page = site.browser.post("/session/" + site.workshop + "/annuler-entree", {{"ticket", ticket}});
    REQUIRE(page.status == 200);
    CHECK(page.body.find("Élodie L. est entré·e à 14 h 20. Annuler cette entrée ?") !=
          std::string::npos);
    CHECK(page.body.find("Oui, annuler l'entrée") != std::string::npos);
    CHECK(site.query("SELECT count(*) FROM checkins WHERE undone_at IS NULL") == "1");
    page = site.browser.post("/session/" + site.workshop + "/annuler-entree",
                             {{"ticket", ticket}, {"confirme", "oui"}});
    REQUIRE(page.status == 303);
    CHECK(site.query("SELECT undone_by FROM checkins") == "accueil");
    // …and offers to let them in again at once.
    const auto undone = site.browser.get(page.location).body;
    CHECK(undone.find("Entrée de Élodie L. annulée.") != std::string::npos);
    CHECK(undone.find("Faire entrer de nouveau") != std::string::npos);

    page = site.browser.post("/session/" + site.workshop + "/sans-billet",
                             {{"first_name", "Noé"}});
    REQUIRE(page.status == 303);
    const auto after_walkin = site.browser.get(visitors);
    CHECK(after_walkin.body.find("Noé") != std::string::npos);
    const std::string walkin = Browser::field(after_walkin.body, "walkin");
    page = site.browser.post("/session/" + site.workshop + "/sans-billet/annuler",
                             {{"walkin", walkin}});
    REQUIRE(page.status == 303);
    CHECK(site.query("SELECT undone_by FROM walkins") == "accueil");
    CHECK(site.audit_actions() ==
          std::vector<std::string>{"accueil checkin.manual", "accueil checkin.manual",
                                   "accueil checkin.undo", "accueil walkin.add",
                                   "accueil walkin.undo"});
}

TEST_CASE("A latecomer is admitted anyway with a reason, named, counted present", "[console]")
{
    test::ConsoleSite site;
    // The workshop started at 14 h 30; its doors closed at 14 h 45.
    ConsoleServer server(site.kioskctl, "2026-11-26 15:10", "serve");
    Browser browser(server);
    REQUIRE(browser.sign_in("accueil", test::staff_password).status == 303);
    REQUIRE(browser.get("/jour").status == 200);
    const auto query = [&](const std::string& sql) {
        return test::Sql(site.kioskctl.database(), test::Sql::Mode::ReadOnly).text(sql);
    };
    const std::string ticket = Browser::field(
        browser.get("/session/" + site.workshop + "/visiteurs?q=lefevre").body, "ticket");

    auto page = browser.post("/session/" + site.workshop + "/entree", {{"ticket", ticket}});
    CHECK(page.status == 409);
    CHECK(page.body.find("Élodie L. n'est pas entré·e à « Découvrir les outils numériques »") !=
          std::string::npos);
    CHECK(page.body.find("Admettre quand même") != std::string::npos);
    CHECK(page.body.find("session " + site.workshop) == std::string::npos);
    CHECK(query("SELECT count(*) FROM checkins") == "0");

    page = browser.post("/session/" + site.workshop + "/entree",
                        {{"ticket", ticket}, {"raison", "Bus en retard"}});
    REQUIRE(page.status == 303);
    CHECK(browser.get(page.location)
              .body.find("Élodie L. est entré·e à « Découvrir les outils numériques » (admis·e "
                         "quand même : Bus en retard).") != std::string::npos);
    CHECK(query("SELECT kind || '|' || override_reason FROM checkins") ==
          "manual|Bus en retard");
    const auto attendance = nlohmann::json::parse(site.kioskctl.ok(
        {"attendance", "--site", "rennes", "--date", "2026-11-26", "--format", "json"}));
    bool counted = false;
    for (const auto& session : attendance["sessions"])
        if (session["title"] == "Découvrir les outils numériques")
            counted = session["checked_in"] == 1 && session["no_shows"] == 2;
    CHECK(counted);

    // The manager's journal tells it in words: who, which visitor, which session, why.
    Browser manager(server);
    REQUIRE(manager.sign_in("responsable", test::manager_password).status == 303);
    const auto journal = manager.get("/journal");
    REQUIRE(journal.status == 200);
    CHECK(journal.body.find("a admis quand même Élodie L. à « Découvrir les outils numériques » "
                            ": Bus en retard") != std::string::npos);
    CHECK(journal.body.find("a voulu faire entrer Élodie L. à « Découvrir les outils "
                            "numériques » : refusé") != std::string::npos);
    CHECK(journal.body.find(ticket) == std::string::npos);
    CHECK(journal.body.find("{&quot;") == std::string::npos);
    CHECK(journal.body.find("checkin.manual") == std::string::npos);
    const auto mine = manager.get("/journal?par=accueil&session=" + site.workshop);
    REQUIRE(mine.status == 200);
    CHECK(mine.body.find("Bus en retard") != std::string::npos);
    CHECK(manager.get("/journal?par=personne").body.find("Bus en retard") == std::string::npos);
    CHECK(manager.get("/journal?session=" + site.online).body.find("Bus en retard") ==
          std::string::npos);
}

TEST_CASE("Notices are posted and taken down from the console", "[console]")
{
    SignedInSite site;
    auto page = site.browser.post("/avis", {{"text", "Salle 2 fermée aujourd'hui"},
                                            {"level", "info"},
                                            {"until", "18:00"}});
    REQUIRE(page.status == 303);
    CHECK(site.kioskctl.ok({"--at", afternoon, "notice", "list", "--site", "rennes"})
              .find("Salle 2 fermée aujourd'hui") != std::string::npos);
    const auto notices = site.browser.get("/avis");
    page = site.browser.post("/avis/retirer", {{"id", Browser::field(notices.body, "id")}});
    REQUIRE(page.status == 303);
    CHECK(site.kioskctl.ok({"--at", afternoon, "notice", "list", "--site", "rennes"})
              .find("Salle 2") == std::string::npos);
    CHECK(site.audit_actions() ==
          std::vector<std::string>{"accueil notice.add", "accueil notice.clear"});
}

TEST_CASE("Another site's session is not there, and a national one is read-only but for the door",
          "[console]")
{
    ConsoleSite site;
    const auto nancy = test::trimmed(site.kioskctl.ok(
        {"session", "add", "--site", "nancy", "--kind", "atelier", "--title", "Atelier de Nancy",
         "--start", std::string(test::console_day) + " 14:00", "--end", "16:00"}));
    const auto national = test::trimmed(site.kioskctl.ok(
        {"session", "add", "--kind", "live", "--title", "Live national", "--start",
         std::string(test::console_day) + " 11:00", "--end", "12:00", "--url",
         "https://visio.example.org/national"}));
    ConsoleServer server(site.kioskctl, std::string(test::console_day) + " 10:00", "serve");
    Browser manager(server);
    REQUIRE(manager.sign_in("responsable", test::manager_password).status == 303);
    REQUIRE(manager.get("/jour").status == 200);
    const auto before = site.content();

    for (const std::string& path : {"/session/" + nancy, "/session/" + nancy + "/visiteurs"}) {
        INFO(path);
        const auto page = manager.get(path);
        CHECK(page.status == 404);
        CHECK(page.body.find("Atelier de Nancy") == std::string::npos);
    }
    for (const std::string action : {"/retard", "/annuler", "/supprimer", "/sans-billet"}) {
        INFO(action);
        CHECK(manager.post("/session/" + nancy + action, {{"minutes", "10"}, {"first_name", "Léo"}})
                  .status == 404);
    }
    CHECK(site.content() == before);

    // The national session: seen, its plan and state not changed here, its door open.
    CHECK(manager.get("/session/" + national + "/visiteurs").status == 200);
    for (const std::string action : {"/retard", "/annuler", "/complet", "/supprimer"}) {
        INFO(action);
        const auto refused = manager.post("/session/" + national + action, {{"minutes", "10"}});
        CHECK(refused.status == 403);
        CHECK(refused.body.find("Session nationale") != std::string::npos);
    }
    CHECK(site.content() == before);
    CHECK(manager.post("/session/" + national + "/sans-billet", {{"first_name", "Léo"}}).status ==
          303);
}
