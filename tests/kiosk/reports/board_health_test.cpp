// The board's proof of display as the core reads it: its heartbeat and picture under the
// runtime folder, read with bounds; the line staff read at the site; the picture recorded with
// the site's health, carried by sync and judged again at the office.

#include "heartbeat.hpp"
#include "kiosk/reports/site_health.hpp"
#include "png_bytes.hpp"
#include "reports/board_health.hpp"
#include "sql.hpp"
#include "sync_fixture.hpp"

#include <fstream>
#include <unistd.h>

using kiosk::BoardCondition;
using kiosk::Severity;
using test::ended_pid;
using test::paris;
using test::write_board_heartbeat;

namespace {

using Clock = std::chrono::system_clock;
using namespace std::chrono_literals;

// 10:32 in Paris (UTC+1 in November), in real time.
const Clock::time_point half_past_ten =
    Clock::time_point{paris("2026-11-26 10:32").time_since_epoch()};

void write(const std::filesystem::path& file, const std::string& content)
{
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << content;
}

const kiosk::HealthFinding& finding(const std::vector<kiosk::HealthFinding>& findings,
                                    const std::string& topic)
{
    for (const auto& found : findings)
        if (found.topic == topic)
            return found;
    FAIL("no finding about " << topic);
    return findings.front();
}

} // namespace

TEST_CASE("The board's picture is read within bounds and refused in French otherwise",
          "[health][board]")
{
    test::TempDir runtime;
    const auto file = kiosk::board_picture_path(runtime.path());

    auto read = kiosk::read_board_picture(file);
    REQUIRE_FALSE(read);
    CHECK_THAT(read.error(), Catch::StartsWith("image de l'écran absente"));

    const std::string png = test::png_bytes(480, 270);
    write(file, png);
    read = kiosk::read_board_picture(file);
    REQUIRE(read);
    CHECK(read->size.width == 480);
    CHECK(read->size.height == 270);
    CHECK(read->png == png);

    write(file, "<html>pas une image</html>");
    read = kiosk::read_board_picture(file);
    REQUIRE_FALSE(read);
    CHECK(read.error() == "l'image de l'écran n'est pas une image PNG");
    write(file, png.substr(0, 20)); // cut inside its header
    CHECK(kiosk::read_board_picture(file).error() == "l'image de l'écran n'est pas une image PNG");

    // A PNG whose header claims a size no board has.
    write(file, test::png_bytes(4000, 1));
    CHECK(kiosk::read_board_picture(file).error() ==
          "image de l'écran de taille inattendue (4000 × 1 pixels)");

    // Larger than readers take: refused without reading it all.
    write(file, png + std::string(kiosk::largest_board_picture, '\0'));
    read = kiosk::read_board_picture(file);
    REQUIRE_FALSE(read);
    CHECK_THAT(read.error(), Catch::StartsWith("image de l'écran trop lourde (") &&
                                 Catch::EndsWith(" ko ; au plus 256 ko)"));
    CHECK_FALSE(kiosk::check_board_picture(png + std::string(kiosk::largest_board_picture, '\0')));
}

TEST_CASE("The board's heartbeat says whether it draws, sleeps, has stopped drawing or running",
          "[health][board]")
{
    test::TempDir runtime;
    const auto now = half_past_ten + 40s;
    const long me = getpid();
    const std::string png = test::png_bytes(480, 270);
    const auto board = [&] { return kiosk::read_board_health(runtime.path(), now); };
    const auto line = [&] { return kiosk::board_health::site_finding(board(), now); };

    CHECK(board().condition == BoardCondition::NoStatus);
    CHECK(line().severity == Severity::Problem);
    CHECK(line().message == "Le programme du tableau n'a pas démarré.");

    write_board_heartbeat(runtime.path(), me, now - 2s, true, half_past_ten, png);
    auto health = board();
    CHECK(health.condition == BoardCondition::Drawing);
    REQUIRE(health.picture);
    CHECK(health.picture->size.width == 480);
    CHECK(line().severity == Severity::Ok);
    CHECK(line().message == "Le tableau s'affiche (image de 10 h 32, il y a 40 s).");

    // Outside opening hours the board keeps the screen off: an old picture is expected.
    write_board_heartbeat(runtime.path(), me, now - 2s, false, half_past_ten - 9h);
    CHECK(board().condition == BoardCondition::ScreenOff);
    CHECK(line().severity == Severity::Ok);
    CHECK(line().message == "Écran éteint hors des horaires d'ouverture (dernière image de "
                            "1 h 32, il y a 9 h).");

    // On, alive, but nothing drawn for five minutes.
    write_board_heartbeat(runtime.path(), me, now - 2s, true, now - 5min);
    CHECK(board().condition == BoardCondition::Stale);
    CHECK(line().severity == Severity::Problem);
    CHECK(line().message == "L'écran n'a rien dessiné depuis 5 min (dernière image de 10 h 27, "
                            "il y a 5 min).");
    write_board_heartbeat(runtime.path(), me, now - 2s, true, std::nullopt, "", now - 4min);
    CHECK(line().message == "L'écran n'a rien dessiné depuis 4 min (aucune image depuis le "
                            "démarrage du tableau).");
    // Just started: no picture yet is no problem.
    write_board_heartbeat(runtime.path(), me, now - 2s, true, std::nullopt, "", now - 5s);
    CHECK(board().condition == BoardCondition::Drawing);
    CHECK(line().message == "Le tableau vient de démarrer : pas encore d'image de l'écran.");

    // The heartbeat stopped while its process still exists: the board hangs.
    write_board_heartbeat(runtime.path(), me, now - 2min, true, now - 2min);
    CHECK(board().condition == BoardCondition::Stalled);
    CHECK(line().message == "Le programme du tableau ne répond plus depuis 2 min (dernière image "
                            "de 10 h 30, il y a 2 min).");
    write_board_heartbeat(runtime.path(), ended_pid(), now - 1s, true, now - 1s);
    CHECK(board().condition == BoardCondition::Stopped);
    CHECK_THAT(line().message, Catch::StartsWith("Le programme du tableau est arrêté"));

    // A picture that does not read is said, the board itself being fine.
    write_board_heartbeat(runtime.path(), me, now - 2s, true, now - 10s, "GIF89a…");
    health = board();
    CHECK(health.condition == BoardCondition::Drawing);
    CHECK_FALSE(health.picture);
    CHECK(line().severity == Severity::Warning);
    CHECK(line().message == "Le tableau s'affiche, mais son image ne se lit pas : l'image de "
                            "l'écran n'est pas une image PNG.");

    kiosk::write_file_atomically(kiosk::board_status_path(runtime.path()), "{\"pid\": ");
    CHECK(board().condition == BoardCondition::Stalled);
}

TEST_CASE("A picture of another day says its day", "[health][board]")
{
    CHECK(kiosk::picture_age(half_past_ten - 24h, half_past_ten) ==
          "image du mercredi 25 novembre à 10 h 32, il y a 24 h");
}

TEST_CASE("The board's picture travels with the site's health, once per new picture, and the "
          "office sees it with its age",
          "[health][board][sync]")
{
    test::SyncNetwork network;
    test::TempDir runtime;
    auto& rennes = network.rennes->store();
    auto& office = network.office->store();
    // A whole second, so that ages read exactly.
    const Clock::time_point real_now = std::chrono::floor<std::chrono::seconds>(Clock::now());
    const std::string png = test::png_bytes(480, 270);
    test::write_heartbeat(runtime.path(), getpid(), real_now, real_now);
    write_board_heartbeat(runtime.path(), getpid(), real_now, true, real_now - 20s, png);
    const auto record = [&] {
        kiosk::record_site_health(rennes,
                                  kiosk::measure_site_health(rennes, "rennes", runtime.path(),
                                                             paris("2026-11-26 11:55"), real_now));
    };
    const auto picture_entry = [&] {
        return test::Sql(rennes.path())
            .integer("SELECT seq FROM sync_changes WHERE table_name = 'board_pictures'");
    };

    record();
    auto kept = kiosk::recorded_board_picture(rennes, "rennes");
    REQUIRE(kept);
    CHECK(kept->picture.png == png);
    CHECK(kept->taken_at == std::chrono::round<std::chrono::seconds>(real_now - 20s));
    // Measured again with the same picture on screen: the health changes, the picture does not.
    const auto first_entry = picture_entry();
    CHECK(first_entry > 0);
    record();
    CHECK(picture_entry() == first_entry);

    network.office->apply_ok(network.rennes->export_for(*network.office));
    kept = kiosk::recorded_board_picture(office, "rennes");
    REQUIRE(kept);
    CHECK(kept->picture.png == png);
    CHECK(kept->picture.size.width == 480);
    CHECK_FALSE(kiosk::recorded_board_picture(office, "nancy"));
    const auto today = kiosk::local_day(paris("2026-11-26 12:10"));
    auto overview = kiosk::site_overviews(office, today, paris("2026-11-26 12:10")).front();
    REQUIRE(overview.site == "rennes");
    CHECK(overview.board == BoardCondition::Drawing);
    CHECK(overview.board_picture_at == kept->taken_at);
    for (const auto& line : overview.findings)
        CHECK(line.topic != "ecran");
    CHECK(kiosk::picture_age(*overview.board_picture_at, real_now) ==
          "image de " + kiosk::french_time(kept->taken_at) + ", il y a 20 s");

    // The board stops drawing: the site says so, and so does the office after the next bundle.
    const auto stopped_drawing = real_now - 10min;
    write_board_heartbeat(runtime.path(), getpid(), real_now, true, stopped_drawing, png);
    record();
    CHECK(picture_entry() > first_entry); // an older picture is still another picture
    network.office->apply_ok(network.rennes->export_for(*network.office));
    overview = kiosk::site_overviews(office, today, paris("2026-11-26 12:10")).front();
    CHECK(overview.board == BoardCondition::Stale);
    CHECK(overview.severity() == Severity::Problem);
    CHECK(finding(overview.findings, "ecran").message ==
          "Au dernier relevé, l'écran n'avait rien dessiné depuis le " +
              kiosk::format_local_datetime(
                  std::chrono::round<std::chrono::seconds>(stopped_drawing)) +
              ".");
    CHECK_THAT(overview.recorded_summary,
               Catch::Contains("L'écran n'a rien dessiné depuis 10 min"));
}
