#include "kioskctl.hpp"

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
        const auto result = test::run_process(test::command_line(KIOSKCTL, command));
        CHECK(result.exit_code == 0);
        CHECK_THAT(result.out, Catch::Contains("Usage") || Catch::Contains("Options"));
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
        kioskctl.ok({"session", "remove", id});
        CHECK(kioskctl.day("nancy", "2026-11-26")["sessions"].empty());
        CHECK(kioskctl({"session", "remove", id}).exit_code == 2);
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
    const std::string config = std::string(SOURCE_DIR) + "/deploy/sites/rennes.toml";
    kioskctl.ok({"--config", config, "session", "add", "--kind", "atelier", "--title", "Fab",
                 "--start", "2026-11-26 10:00", "--end", "11:00", "--room", "Fab lab"});
    const auto session = kioskctl.day("rennes", "2026-11-26")["sessions"][0];
    CHECK(session["site"] == "rennes");
    CHECK(session["capacity"] == 8);
    const auto table = kioskctl.ok({"--config", config, "session", "list", "--date", "2026-11-26"});
    CHECK_THAT(table, Catch::Contains("Rennes — jeudi 26 novembre 2026") &&
                          Catch::Contains("Fab lab (8 pl.)"));
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
