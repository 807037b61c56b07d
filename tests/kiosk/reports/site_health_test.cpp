// A site's health from the camera's heartbeat file and the database, and the office's view of
// the sites once sync has brought each site's last reading back.

#include "heartbeat.hpp"
#include "kiosk/platform/runtime.hpp"
#include "kiosk/reports/site_health.hpp"
#include "kiosk/sync/link.hpp"
#include "png_bytes.hpp"
#include "sync_fixture.hpp"

#include <unistd.h>

using kiosk::CameraCondition;
using kiosk::Severity;
using test::ended_pid;
using test::paris;
using test::write_heartbeat;

namespace {

using Clock = std::chrono::system_clock;

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

TEST_CASE("The camera's heartbeat says whether it runs, hangs, has stopped or never started",
          "[health]")
{
    test::TempDir runtime;
    const auto now = Clock::now();
    const long me = getpid();

    CHECK(kiosk::read_camera_health(runtime.path(), now).condition == CameraCondition::NoStatus);

    write_heartbeat(runtime.path(), me, now - std::chrono::seconds{1},
                    now - std::chrono::seconds{1});
    auto camera = kiosk::read_camera_health(runtime.path(), now);
    CHECK(camera.condition == CameraCondition::Running);
    CHECK(camera.frames_per_second == Approx(9.8));
    CHECK(camera.source == "v4l2");

    write_heartbeat(runtime.path(), me, now - std::chrono::seconds{1},
                    now - std::chrono::seconds{30});
    CHECK(kiosk::read_camera_health(runtime.path(), now).condition == CameraCondition::NoFrames);
    write_heartbeat(runtime.path(), me, now - std::chrono::seconds{1}, std::nullopt);
    CHECK(kiosk::read_camera_health(runtime.path(), now).condition == CameraCondition::NoFrames);

    write_heartbeat(runtime.path(), me, now - std::chrono::seconds{8},
                    now - std::chrono::seconds{8});
    CHECK(kiosk::read_camera_health(runtime.path(), now).condition == CameraCondition::Stalled);
    // The limit is the caller's.
    CHECK(kiosk::read_camera_health(runtime.path(), now,
                                    {std::chrono::seconds{10}, std::chrono::seconds{10}})
              .condition == CameraCondition::Running);

    // A fresh heartbeat from a process that no longer exists: it died a moment ago.
    write_heartbeat(runtime.path(), ended_pid(), now, now);
    CHECK(kiosk::read_camera_health(runtime.path(), now).condition == CameraCondition::Stopped);

    // A handheld scanner has no frames: its heartbeat is enough.
    write_heartbeat(runtime.path(), me, now, std::nullopt, "", "reader");
    camera = kiosk::read_camera_health(runtime.path(), now);
    CHECK(camera.input == kiosk::TicketInput::Reader);
    CHECK(camera.condition == CameraCondition::Running);

    kiosk::write_file_atomically(kiosk::camera_status_path(runtime.path()), "{\"pid\": ");
    CHECK(kiosk::read_camera_health(runtime.path(), now).condition == CameraCondition::Stalled);
    kiosk::write_file_atomically(kiosk::camera_status_path(runtime.path()), R"({"pid": "moi"})");
    CHECK(kiosk::read_camera_health(runtime.path(), now).condition == CameraCondition::Stopped);
}

TEST_CASE("A site's health: camera, disk, sync and data, worst first", "[health]")
{
    test::SyncNetwork network;
    test::TempDir runtime;
    const auto real_now = Clock::now();
    const auto now = paris("2026-11-26 14:00");
    auto& rennes = network.rennes->store();

    write_heartbeat(runtime.path(), getpid(), real_now, real_now,
                    "Disque plein : entrées refusées.");
    auto health = kiosk::measure_site_health(rennes, "rennes", runtime.path(), now, real_now);
    CHECK(health.severity() == Severity::Problem);
    CHECK(health.findings.front().topic == "camera");
    CHECK(health.findings.front().message == "Disque plein : entrées refusées.");
    CHECK(health.free_bytes > 0);
    // Nothing has come from the office yet.
    CHECK(finding(health.findings, "synchro").severity == Severity::Warning);
    CHECK(finding(health.findings, "donnees").message == "Aucune session au programme.");

    write_heartbeat(runtime.path(), getpid(), real_now, real_now);
    test::write_board_heartbeat(runtime.path(), getpid(), real_now, true, real_now,
                                test::png_bytes(480, 270));
    network.add_session(*network.office, std::nullopt, "Sécurité en ligne", "2026-11-26 17:00",
                        "2026-11-26 18:00");
    network.rennes->apply_ok(network.office->export_for(*network.rennes));
    health = kiosk::measure_site_health(rennes, "rennes", runtime.path(), now, real_now);
    CHECK(health.severity() == Severity::Ok);
    CHECK(finding(health.findings, "camera").message == "La caméra fonctionne (9.8 images/s).");
    CHECK(finding(health.findings, "synchro").message ==
          "Dernier envoi du siège reçu le 2026-11-26 12:05.");
    CHECK(health.schedule_changed_at.has_value());

    SECTION("a day without news from the office is worth a look")
    {
        health = kiosk::measure_site_health(rennes, "rennes", runtime.path(),
                                            paris("2026-11-27 15:00"), real_now);
        CHECK(finding(health.findings, "synchro").severity == Severity::Warning);
        CHECK(finding(health.findings, "synchro").message ==
              "Dernier envoi du siège reçu il y a 26 h.");
    }
    SECTION("a nearly full disk is a warning, then a problem")
    {
        const auto space = std::filesystem::space(rennes.path().parent_path());
        kiosk::SiteHealthLimits limits;
        limits.problem_free_bytes = 1;
        limits.warning_free_bytes = space.available + (1ull << 30);
        health =
            kiosk::measure_site_health(rennes, "rennes", runtime.path(), now, real_now, limits);
        CHECK(finding(health.findings, "disque").severity == Severity::Warning);
        limits.problem_free_bytes = limits.warning_free_bytes;
        health =
            kiosk::measure_site_health(rennes, "rennes", runtime.path(), now, real_now, limits);
        CHECK(finding(health.findings, "disque").severity == Severity::Problem);
        CHECK(health.findings.front().topic == "disque");
    }
}

TEST_CASE("A site on the live link: its health says how the link is, from the agent's heartbeat",
          "[health][link]")
{
    test::SyncNetwork network;
    test::TempDir runtime;
    const auto now = paris("2026-11-26 14:00");
    auto& rennes = network.rennes->store();
    const std::string office = "https://bureau.example.fr:8443";
    kiosk::Link(rennes).set_office({office, "-----BEGIN CERTIFICATE-----", "5c0e", now});
    // One real instant for the heartbeats and the reading, so that "il y a 40 s" is exact.
    const auto real_now = Clock::now();
    const auto link = [&] {
        return finding(
            kiosk::measure_site_health(rennes, "rennes", runtime.path(), now, real_now).findings,
            "synchro");
    };

    // Joined, but the agent has not run yet.
    CHECK(link().severity == Severity::Warning);
    CHECK(link().message == "Le lien avec le siège (" + office +
                                ") n'a pas encore tourné (service atelier-sync).");

    test::write_link_heartbeat(runtime.path(), getpid(), std::chrono::seconds{40}, "", office, real_now);
    CHECK(link().severity == Severity::Ok);
    CHECK(link().message == "Dernier échange avec le siège (" + office + ") il y a 40 s.");

    // Offline for a short while is worth a look; past the silence limit (15 min) it is a problem.
    test::write_link_heartbeat(runtime.path(), getpid(), std::chrono::minutes{5},
                               "siège injoignable", office, real_now);
    CHECK(link().severity == Severity::Warning);
    CHECK(link().message == "Hors ligne depuis 5 min : siège injoignable.");
    test::write_link_heartbeat(runtime.path(), getpid(), std::chrono::hours{2},
                               "siège injoignable", office, real_now);
    CHECK(link().severity == Severity::Problem);
    CHECK(link().message == "Hors ligne depuis 2 h : siège injoignable.");
    test::write_link_heartbeat(runtime.path(), getpid(), std::nullopt, "siège injoignable",
                               office);
    CHECK(link().severity == Severity::Problem);
    CHECK(link().message == "Hors ligne (jamais joint) : siège injoignable.");

    // The agent's process is gone.
    test::write_link_heartbeat(runtime.path(), ended_pid(), std::chrono::seconds{1}, "", office, real_now);
    CHECK(link().severity == Severity::Problem);
    CHECK(link().message == "Le lien avec le siège est arrêté (service atelier-sync).");
}

TEST_CASE("The office sees each site's last health, brought back by sync", "[health][sync]")
{
    test::SyncNetwork network;
    test::TempDir runtime;
    const auto real_now = Clock::now();
    auto& office = network.office->store();

    auto overviews = kiosk::site_overviews(office, kiosk::local_day(paris("2026-11-26 14:00")),
                                           paris("2026-11-26 14:00"));
    REQUIRE(overviews.size() == 4);
    for (const auto& site : overviews) {
        CHECK(site.severity() == Severity::Warning);
        CHECK(site.findings.front().message == "Aucun envoi reçu de ce site.");
    }

    // Each site records its health, as `sync export` does, and sends its bundle.
    const auto report = [&](test::SyncPeer& site, long camera_pid) {
        write_heartbeat(runtime.path(), camera_pid, real_now, real_now);
        test::write_board_heartbeat(runtime.path(), getpid(), real_now, true, real_now,
                                    test::png_bytes(480, 270));
        kiosk::record_site_health(
            site.store(), kiosk::measure_site_health(site.store(), site.name(), runtime.path(),
                                                     paris("2026-11-26 11:55"), real_now));
        network.office->apply_ok(site.export_for(*network.office));
    };
    report(*network.rennes, ended_pid()); // Rennes's camera process died
    report(*network.nancy, getpid());     // Nancy's runs

    overviews = kiosk::site_overviews(office, kiosk::local_day(paris("2026-11-26 14:00")),
                                      paris("2026-11-26 14:00"));
    const auto& rennes = overviews[0];
    REQUIRE(rennes.site == "rennes");
    CHECK(rennes.camera == CameraCondition::Stopped);
    CHECK(rennes.severity() == Severity::Problem);
    CHECK(rennes.findings.front().message ==
          "Au dernier relevé, le programme de la caméra était arrêté.");
    CHECK(rennes.last_bundle_made == paris("2026-11-26 12:00"));
    CHECK(rennes.health_measured_at == paris("2026-11-26 11:55"));

    const auto& nancy = overviews[1];
    REQUIRE(nancy.site == "nancy");
    CHECK(nancy.camera == CameraCondition::Running);
    CHECK(nancy.frames_per_second == Approx(9.8));
    CHECK(nancy.free_bytes.has_value());

    // The next day without news, what the office knows is stale.
    overviews = kiosk::site_overviews(office, kiosk::local_day(paris("2026-11-27 15:00")),
                                      paris("2026-11-27 15:00"));
    CHECK(overviews[1].severity() == Severity::Warning);
    CHECK(overviews[1].findings.front().topic == "synchro");
}
