#include "build_paths.hpp"
#include "kioskctl.hpp"
#include "sql.hpp"

#include <catch2/catch.hpp>

using test::Kioskctl;
using test::trimmed;

TEST_CASE("kioskctl init is idempotent", "[kioskctl]")
{
    Kioskctl kioskctl;
    CHECK_THAT(kioskctl.ok({"init"}), Catch::Contains("prête"));
    CHECK_THAT(kioskctl.ok({"init"}), Catch::Contains("prête"));
}

TEST_CASE("kioskctl --help works everywhere without a database", "[kioskctl]")
{
    Kioskctl kioskctl;
    for (const std::vector<std::string>& command :
         {std::vector<std::string>{"--help"}, {"session", "--help"}, {"session", "add", "--help"},
          {"session", "update", "--help"}, {"demo", "--help"}}) {
        const auto result =
            test::run_process(test::command_line(test::kioskctl_program(), command));
        CHECK(result.exit_code == 0);
        CHECK_THAT(result.out, Catch::Contains("Utilisation") && Catch::Contains("Options"));
        CHECK_THAT(result.out, !Catch::Contains("Usage") && !Catch::Contains("Subcommands"));
    }
}

TEST_CASE("kioskctl demo seeds a lively day at every site, twice without duplicates", "[kioskctl]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    kioskctl.ok({"demo", "--date", "2026-11-26"});
    const auto first = kioskctl.day("montpellier", "2026-11-26");
    kioskctl.ok({"demo", "--date", "2026-11-26"});
    const auto second = kioskctl.day("montpellier", "2026-11-26");
    CHECK(first["sessions"].size() == second["sessions"].size());
    CHECK(first["sessions"].size() >= 15);
    bool live_with_url = false, private_with_organiser = false;
    for (const auto& session : first["sessions"]) {
        live_with_url |= session["kind"] == "live" && !session["join_url"].get<std::string>().empty();
        private_with_organiser |= session["kind"] == "privee" && session["organiser"] == "CCI Hérault";
    }
    CHECK(live_with_url);
    CHECK(private_with_organiser);
    // The default date is today at the frozen clock.
    kioskctl.ok({"--at", "2026-12-01 08:00", "demo"});
    CHECK(kioskctl.day("rennes", "2026-12-01")["sessions"].size() >= 15);
}

TEST_CASE("staff add, correct and remove sessions from the command line", "[kioskctl]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto id = trimmed(kioskctl.ok({"session", "add", "--site", "nancy", "--kind", "atelier",
                                         "--title", "Découvrir la facturation électronique",
                                         "--start", "2026-11-26 14:00", "--end", "16:00",
                                         "--room", "Salle Stanislas", "--capacity", "16",
                                         "--trainer", "Marc Delorme", "--tags", "gestion, factures"}));
    REQUIRE(id.size() == 16);

    auto session = kioskctl.day("nancy", "2026-11-26")["sessions"][0];
    CHECK(session["id"] == id);
    CHECK(session["title"] == "Découvrir la facturation électronique");
    CHECK(session["start"] == "2026-11-26T14:00:00+01:00");
    CHECK(session["end"] == "2026-11-26T16:00:00+01:00");
    CHECK(session["capacity"] == 16);
    CHECK(session["tags"] == nlohmann::json::array({"gestion", "factures"}));

    SECTION("move keeps the length")
    {
        kioskctl.ok({"session", "update", id, "--start", "2026-11-27 09:30"});
        CHECK(kioskctl.day("nancy", "2026-11-26")["sessions"].empty());
        session = kioskctl.day("nancy", "2026-11-27")["sessions"][0];
        CHECK(session["start"] == "2026-11-27T09:30:00+01:00");
        CHECK(session["end"] == "2026-11-27T11:30:00+01:00");
    }
    SECTION("delay")
    {
        kioskctl.ok({"session", "update", id, "--status", "delayed", "--delay-min", "15"});
        session = kioskctl.day("nancy", "2026-11-26")["sessions"][0];
        CHECK(session["status"] == "delayed");
        CHECK(session["delay_min"] == 15);
        kioskctl.ok({"session", "update", id, "--status", "scheduled"});
        session = kioskctl.day("nancy", "2026-11-26")["sessions"][0];
        CHECK(session["delay_min"] == 0);
    }
    SECTION("room change remembers the previous room")
    {
        kioskctl.ok({"session", "update", id, "--room", "Salle Majorelle"});
        session = kioskctl.day("nancy", "2026-11-26")["sessions"][0];
        CHECK(session["status"] == "room_changed");
        CHECK(session["room"] == "Salle Majorelle");
        CHECK(session["previous_room"] == "Salle Stanislas");
    }
    SECTION("full and cancelled")
    {
        kioskctl.ok({"session", "update", id, "--status", "full"});
        CHECK(kioskctl.day("nancy", "2026-11-26")["sessions"][0]["status"] == "full");
        kioskctl.ok({"session", "update", id, "--status", "cancelled"});
        CHECK(kioskctl.day("nancy", "2026-11-26")["sessions"][0]["status"] == "cancelled");
    }
    SECTION("remove")
    {
        CHECK_THAT(kioskctl.ok({"session", "remove", id, "--by", "claire"}),
                   Catch::Contains("« Découvrir la facturation électronique » supprimée"));
        CHECK(kioskctl.day("nancy", "2026-11-26")["sessions"].empty());
        CHECK(kioskctl({"session", "remove", id}).exit_code == 2);
    }
}

TEST_CASE("a session with tickets or check-ins is cancelled, never removed", "[kioskctl]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto key = (kioskctl.dir() / "cle.key").string();
    kioskctl.ok({"keys", "generate", "--out", key});
    const auto id = trimmed(kioskctl.ok({"session", "add", "--site", "nancy", "--kind", "atelier",
                                         "--title", "Tableurs", "--start", "2026-11-26 14:00",
                                         "--end", "16:00", "--room", "Salle Stanislas"}));
    kioskctl.ok({"ticket", "issue", "--session", id, "--first-name", "Zoé", "--last-name",
                 "Nguyen", "--key", key});
    const auto before = kioskctl.snapshot();
    const auto refused = kioskctl({"session", "remove", id});
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err, Catch::Contains("« Tableurs » a des billets ou des entrées") &&
                                Catch::Contains("annulez-la plutôt"));
    CHECK(kioskctl.snapshot() == before);
    CHECK_THAT(kioskctl.ok({"session", "update", id, "--status", "cancelled"}),
               Catch::Contains("« Tableurs » : annulée"));
    CHECK(kioskctl.day("nancy", "2026-11-26")["sessions"][0]["status"] == "cancelled");
}

TEST_CASE("every session change from kioskctl leaves an audit row naming who made it",
          "[kioskctl]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto id = trimmed(kioskctl.ok({"session", "add", "--site", "nancy", "--kind", "atelier",
                                         "--title", "Tableurs", "--start", "2026-11-26 14:00",
                                         "--end", "16:00", "--room", "Salle A", "--by", "claire"}));
    CHECK_THAT(kioskctl.ok({"session", "update", id, "--delay-min", "10", "--room", "Salle B",
                            "--by", "lea"}),
               Catch::Contains("« Tableurs » : retardée de 10 min : 14 h → 14 h 10 ; salle : "
                               "Salle A → Salle B"));
    kioskctl.ok({"session", "remove", id, "--by", "marc"});
    test::Sql sql(kioskctl.database(), test::Sql::Mode::ReadOnly);
    CHECK(sql.text("SELECT group_concat(actor || ':' || action || ':' || target, ' ') FROM "
                   "(SELECT * FROM audit_log ORDER BY id)") ==
          "claire:session.add:" + id + " lea:session.update:" + id + " marc:session.remove:" + id);
    CHECK(sql.integer("SELECT count(*) FROM audit_log WHERE action = 'session.update' AND "
                      "json_extract(before_state, '$.room') = 'Salle A' AND "
                      "json_extract(after_state, '$.room') = 'Salle B'") == 1);
}

TEST_CASE("global options come after the subcommand too, and the command line answers in "
          "French",
          "[kioskctl]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    // --at (and --db) after the subcommand, as the README writes them.
    const auto listed =
        test::run_process(test::command_line(test::kioskctl_program(),
                                             {"session", "list", "--site", "rennes", "--db",
                                              kioskctl.database(), "--at", "2026-11-26 08:00"}),
                          {{"KIOSK_DB", ""}, {"KIOSK_CONFIG", ""}, {"DISPLAY", ""}});
    CHECK(listed.exit_code == 0);
    CHECK_THAT(listed.out, Catch::Contains("jeudi 26 novembre 2026"));

    struct Case {
        std::vector<std::string> arguments;
        std::string said;
    };
    for (const auto& [arguments, said] :
         {Case{{"session", "list", "--frobnicate"}, "argument(s) inattendu(s) : --frobnicate"},
          Case{{"session", "remove"}, "id est obligatoire"},
          Case{{"serve", "--header-deadline", "0"},
               "--header-deadline : 0 n'est pas entre 0.1 et 300"},
          Case{{"session", "add", "--capacity", "douze"},
               "--capacity : « douze » n'est pas une valeur valable"},
          Case{{}, "quelle commande ?"}}) {
        const auto result = kioskctl(arguments);
        INFO(result.err);
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.err, Catch::Contains("kioskctl : " + said));
        for (const char* english : {"not expected", "is required", "not in range", "Usage"})
            CHECK_THAT(result.err, !Catch::Contains(english));
    }
}

TEST_CASE("online sessions are national unless a site is named", "[kioskctl]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    kioskctl.ok({"session", "add", "--kind", "live", "--title", "Lancer son site Internet",
                 "--start", "2026-11-26 10:00", "--end", "11:30", "--url",
                 "https://visio.example.fr/live/site"});
    kioskctl.ok({"session", "add", "--kind", "privee", "--site", "rennes", "--title", "Groupe",
                 "--organiser", "CCI Ille-et-Vilaine", "--start", "2026-11-26 12:00", "--end",
                 "13:00"});
    CHECK(kioskctl.day("nancy", "2026-11-26")["sessions"].size() == 1);
    const auto rennes = kioskctl.day("rennes", "2026-11-26")["sessions"];
    REQUIRE(rennes.size() == 2);
    CHECK(rennes[0]["site"].is_null());
    CHECK(rennes[1]["site"] == "rennes");
}

TEST_CASE("the site configuration gives the site and room capacities", "[kioskctl][config]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const std::string config = test::source_dir() + "/deploy/sites/rennes.toml";
    kioskctl.ok({"--config", config, "session", "add", "--kind", "atelier", "--title", "Fab",
                 "--start", "2026-11-26 10:00", "--end", "11:00", "--room", "Fab lab"});
    const auto session = kioskctl.day("rennes", "2026-11-26")["sessions"][0];
    CHECK(session["site"] == "rennes");
    CHECK(session["capacity"] == 8);
    const auto table = kioskctl.ok({"--config", config, "session", "list", "--date", "2026-11-26"});
    CHECK_THAT(table, Catch::Contains("Rennes — jeudi 26 novembre 2026") &&
                          Catch::Contains("Fab lab (0/8 billets)"));
}

TEST_CASE("overlapping bookings of one room warn but succeed", "[kioskctl]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    kioskctl.ok({"session", "add", "--site", "rennes", "--kind", "atelier", "--title", "A",
                 "--start", "2026-11-26 09:00", "--end", "11:00", "--room", "Salle Bréhat"});
    const auto result = kioskctl({"session", "add", "--site", "rennes", "--kind", "atelier",
                                  "--title", "B", "--start", "2026-11-26 10:00", "--end", "12:00",
                                  "--room", "Salle Bréhat"});
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.err, Catch::Contains("attention") && Catch::Contains("09:00 à 11:00"));
    CHECK(kioskctl.day("rennes", "2026-11-26")["sessions"].size() == 2);
}
