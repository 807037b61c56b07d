// kiosk-checkin end to end: tickets issued by kioskctl, printed into camera frames, read
// through a real GStreamer pipeline, decided by the core's rules and recorded in a real
// database, with the board woken and the camera's status written under the runtime dir.

#include "build_paths.hpp"
#include "kiosk/platform/runtime.hpp"
#include "kiosk/reports/camera_heartbeat.hpp"
#include "kioskctl.hpp"
#include "qr_image.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace {

std::string public_key(const std::string& output)
{
    const auto start = output.find("clé publique ") + std::string("clé publique ").size();
    return output.substr(start, 64);
}

std::string first_workshop(const test::Kioskctl& kioskctl, const std::string& site)
{
    const auto day = kioskctl.day(site, "2026-11-26");
    for (const auto& session : day["sessions"])
        if (session["kind"] == "atelier" && session["status"] == "scheduled")
            return session["id"];
    return {};
}

int count(const std::string& database, const std::string& sql)
{
    SQLite::Database db(database, SQLite::OPEN_READONLY);
    return db.execAndGet(sql).getInt();
}

} // namespace

TEST_CASE("camera frames of issued tickets check each holder in once, refusals recorded",
          "[kiosk-checkin][scan]")
{
    test::Kioskctl kioskctl;
    kioskctl.ok({"init"});
    kioskctl.ok({"demo", "--date", "2026-11-26"});
    const auto key = (kioskctl.dir() / "issuer.key").string();
    kioskctl.ok({"keys", "trust", public_key(kioskctl.ok({"keys", "generate", "--out", key}))});

    // Two tickets for a Rennes workshop, one for a Nancy one.
    auto sign = [&](const std::string& session) {
        return nlohmann::json::parse(
            kioskctl.ok({"ticket", "sign", "--session", session, "--key", key, "--json"}))["payload"]
            .get<std::string>();
    };
    const std::string rennes = first_workshop(kioskctl, "rennes");
    const std::string marie = sign(rennes), paul = sign(rennes), nancy = sign(first_workshop(kioskctl, "nancy"));

    // The visitors' frames: Marie holds her ticket up for a while, Paul's comes, a poster's
    // URL code, Nancy's ticket, then Marie again much later (after the debounce window). The
    // pipeline hands a frame over every 100 ms at the earliest, and a code seen again within
    // 1.5 s is ignored: Marie's held frames are one scan, her return 2 s later another.
    std::vector<std::string> frames{"", marie, marie, marie, "", paul, paul,
                                    "https://exemple.fr", "", nancy, nancy, ""};
    frames.resize(frames.size() + 20);
    frames.insert(frames.end(), {marie, ""});
    const auto dir = kioskctl.dir() / "frames";
    std::filesystem::create_directories(dir);
    for (std::size_t i = 0; i < frames.size(); ++i) {
        test::GrayImage frame(960, 540, 170);
        if (!frames[i].empty())
            test::draw_qr(frame, frames[i], 300, 40, 4);
        test::write_image(frame, dir / fmt::format("frame-{:03}.png", i));
    }
    const auto runtime = kioskctl.dir() / "run";
    std::filesystem::create_directories(runtime);
    kiosk::WakeupListener board(runtime);

    // 09:20 is inside the doors-open lead of the 09:30 workshop.
    const auto pipeline = fmt::format(
        "multifilesrc location=\"{}/frame-%03d.png\" index=0 caps=\"image/png,framerate=(fraction)15/1\" ! pngdec"
        " ! identity sleep-time=100000",
        dir.string());
    const auto result = test::run_process(
        {test::kiosk_checkin_program(), "--db", kioskctl.database(), "--site", "rennes", "--device",
         "entree-test", "--pipeline", pipeline, "--until-end", "--debounce-ms", "1500",
         "--runtime-dir", runtime.string(), "--at", "2026-11-26 09:20"},
        {{"DISPLAY", ""}});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);

    const auto& db = kioskctl.database();
    // The demo seeds visitors of its own (device 'demo'): only this reader's rows are counted.
    CHECK(count(db, "SELECT count(*) FROM checkins WHERE undone_at IS NULL"
                    " AND device = 'entree-test'") == 2);
    CHECK(count(db, "SELECT count(*) FROM scans WHERE device = 'entree-test'") == 5);
    CHECK(count(db, "SELECT count(*) FROM scans WHERE verdict = 'accepted' AND device = 'entree-test'") == 2);
    CHECK(count(db, "SELECT count(*) FROM scans WHERE verdict = 'not_a_ticket'"
                    " AND device = 'entree-test'") == 1);
    CHECK(count(db, "SELECT count(*) FROM scans WHERE verdict = 'wrong_site'"
                    " AND device = 'entree-test'") == 1);
    CHECK(count(db, "SELECT count(*) FROM scans WHERE verdict = 'already_checked_in'"
                    " AND device = 'entree-test'") == 1);
    CHECK_THAT(result.err, Catch::Contains("Ce billet est pour Nancy"));
    CHECK_THAT(result.err, Catch::Contains("Déjà enregistré à 9 h 20"));
    CHECK(board.wait(std::chrono::milliseconds(100)));

    const auto status = nlohmann::json::parse(test::read_file(kiosk::camera_status_path(runtime)));
    CHECK(status["running"] == false);
    CHECK(status["last_scan"].is_number());
    CHECK(status["last_frame"].is_number());

    SECTION("the same frames again: everyone is already in, nothing is admitted twice")
    {
        const auto again =
            test::run_process({test::kiosk_checkin_program(), "--db", db, "--site", "rennes",
                               "--pipeline", pipeline, "--until-end", "--debounce-ms", "1500",
                               "--runtime-dir", runtime.string(), "--at", "2026-11-26 09:25"});
        REQUIRE(again.exit_code == 0);
        CHECK(count(db, "SELECT count(*) FROM checkins WHERE undone_at IS NULL"
                        " AND device <> 'demo'") == 2);
        // Marie twice and Paul now, Marie's return in the first run.
        CHECK(count(db, "SELECT count(*) FROM scans WHERE verdict = 'already_checked_in'"
                        " AND device <> 'demo'") == 4);
        CHECK_THAT(again.err, Catch::Contains("Déjà enregistré à 9 h 20"));
    }
}

TEST_CASE("kiosk-checkin refuses what it cannot run, clearly", "[kiosk-checkin]")
{
    test::Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto no_site = test::run_process(
        {test::kiosk_checkin_program(), "--db", kioskctl.database(), "--images", "x.png"});
    CHECK(no_site.exit_code == 2);
    CHECK_THAT(no_site.err, Catch::Contains("--site"));
    const auto bad_site =
        test::run_process({test::kiosk_checkin_program(), "--db", kioskctl.database(), "--site",
                           "lyon", "--images", "x.png"});
    CHECK(bad_site.exit_code == 2);
    CHECK_THAT(bad_site.err, Catch::Contains("site inconnu « lyon »"));
    const auto no_db = test::run_process({test::kiosk_checkin_program(), "--db",
                                          (kioskctl.dir() / "absent.db").string(), "--site",
                                          "nancy", "--images", "x.png"});
    CHECK(no_db.exit_code == 2);
    CHECK_THAT(no_db.err, Catch::Contains("kioskctl init"));
}
