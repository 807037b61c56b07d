// kioskctl health: the console's health page in a terminal, with an exit status a monitoring
// script can use, and --record, which keeps the reading for the next sync bundle.

#include "heartbeat.hpp"
#include "kioskctl.hpp"
#include "png_bytes.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <unistd.h>

using test::Kioskctl;

TEST_CASE("kioskctl health says what needs staff, worst first, and exits 1 on a problem",
          "[kioskctl][health]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto runtime = kioskctl.dir() / "run";
    std::filesystem::create_directories(runtime);

    auto result = kioskctl({"health", "--site", "rennes", "--runtime-dir", runtime.string()});
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.out, Catch::StartsWith("rennes — PROBLÈME"));
    CHECK_THAT(result.out, Catch::Contains("PROBLÈME   camera   Le programme de la caméra n'a pas "
                                           "démarré."));
    CHECK(result.out.find("camera") < result.out.find("disque"));

    // This process stands in for a camera that beats and sees frames.
    const auto now = std::chrono::system_clock::now();
    test::write_heartbeat(runtime, getpid(), now, now, "", "camera", 14.9);
    // And for a board that draws and pictures its screen.
    test::write_board_heartbeat(runtime, getpid(), now, true, now, test::png_bytes(480, 270));
    result = kioskctl({"health", "--site", "rennes", "--runtime-dir", runtime.string(), "--format",
                       "json", "--record"});
    INFO(result.err);
    CHECK(result.exit_code == 0); // sync not configured is a warning, not a problem
    const auto document = nlohmann::json::parse(result.out);
    CHECK(document["severity"] == "warning");
    CHECK(document["camera"]["condition"] == "running");
    CHECK(document["camera"]["fps"] == 14.9);
    CHECK(document["board"]["condition"] == "drawing");
    CHECK(document["board"]["picture_width"] == 480);
    CHECK(document["findings"][0]["topic"] == "synchro");

    SQLite::Database database(kioskctl.database(), SQLite::OPEN_READONLY);
    CHECK(database
              .execAndGet("SELECT camera || ' ' || fps_tenths || ' ' || severity FROM "
                          "site_health WHERE site = 'rennes'")
              .getString() == "running 149 warning");
    CHECK(database.execAndGet("SELECT board || ' ' || width FROM site_health JOIN board_pictures "
                              "USING (site) WHERE site = 'rennes'")
              .getString() == "drawing 480");

    // Without --record nothing is written: a reading is not a change.
    const auto changes = database.execAndGet("SELECT max(seq) FROM sync_changes").getInt64();
    kioskctl({"health", "--site", "rennes", "--runtime-dir", runtime.string()});
    CHECK(database.execAndGet("SELECT max(seq) FROM sync_changes").getInt64() == changes);

    result = kioskctl({"health", "--site", "lyon"});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("lyon"));
}

TEST_CASE("kioskctl health at the office points to --sites rather than asking which site",
          "[kioskctl][health]")
{
    test::Kioskctl office;
    office.ok({"init"});
    const auto key = (office.dir() / "office.key").string();
    office.ok({"keys", "generate", "--out", key});
    office.ok({"sync", "identity", "--office", "--key", key});
    const auto result = office({"health"});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("kioskctl health --sites") &&
                               !Catch::Contains("quel site"));
    CHECK(office({"health", "--sites"}).exit_code != 2);
}
