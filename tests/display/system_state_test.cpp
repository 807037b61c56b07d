// The staff corner's camera, read from the same heartbeat file as the console's health page:
// a camera process that died shows at once, a handheld reader is not a dead camera, and a
// full disk is said.

#include "board_fixtures.hpp"
#include "heartbeat.hpp"
#include "kiosk_display/board_model.hpp"
#include "kiosk_display/system_state.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <unistd.h>

using namespace kiosk_display;

namespace {

void beat(const std::filesystem::path& runtime, long pid, std::chrono::seconds age,
          const std::string& input = "camera", const std::string& problem = "")
{
    const auto at = std::chrono::system_clock::now() - age;
    test::write_heartbeat(runtime, pid, at, input == "camera" ? std::optional(at) : std::nullopt,
                          problem, input);
}

std::string corner(CameraState camera)
{
    const auto data = test::day_of({}, "2026-11-26");
    return build_board(data, BoardContext{test::at("2026-11-26 14:32"), ClockTrust::Synchronised,
                                          Freshness::Current, test::at("2026-11-26 14:30"), camera})
        .staff.camera;
}

} // namespace

TEST_CASE("the staff corner reads the camera's heartbeat as the console does", "[board][camera]")
{
    test::TempDir runtime;
    const long me = getpid();
    CHECK(camera_state(runtime.path()) == CameraState::Unknown);
    beat(runtime.path(), me, std::chrono::seconds{0});
    CHECK(camera_state(runtime.path()) == CameraState::Alive);
    beat(runtime.path(), me, std::chrono::seconds{30});
    CHECK(camera_state(runtime.path()) == CameraState::Silent);
    // The process is gone: no need to wait for the heartbeat to age.
    beat(runtime.path(), test::ended_pid(), std::chrono::seconds{0});
    CHECK(camera_state(runtime.path()) == CameraState::Stopped);
    beat(runtime.path(), me, std::chrono::seconds{0}, "reader");
    CHECK(camera_state(runtime.path()) == CameraState::ReaderReady);
    beat(runtime.path(), me, std::chrono::seconds{0}, "camera", "Disque plein");
    CHECK(camera_state(runtime.path()) == CameraState::NotRecording);

    CHECK(corner(CameraState::Alive) == "caméra OK");
    CHECK(corner(CameraState::ReaderReady) == "lecteur OK");
    CHECK(corner(CameraState::Silent) == "caméra muette");
    CHECK(corner(CameraState::Stopped) == "caméra arrêtée");
    CHECK(corner(CameraState::NotRecording) == "entrées non enregistrées");
    CHECK(corner(CameraState::Unknown) == "caméra ?");
}

namespace {

std::string link_corner(const std::filesystem::path& runtime)
{
    const auto data = test::day_of({}, "2026-11-26");
    BoardContext context{test::at("2026-11-26 14:32"), ClockTrust::Synchronised,
                         Freshness::Current, test::at("2026-11-26 14:30"), CameraState::Alive};
    context.link = link_state(runtime, std::chrono::system_clock::now());
    return build_board(data, context).staff.link;
}

} // namespace

TEST_CASE("the staff corner reads the sync agent's heartbeat: synchro il y a, hors ligne, arrêtée",
          "[board][link]")
{
    test::TempDir runtime;
    const long me = getpid();
    // Not on the live link (the file route, or the agent never ran): nothing is said.
    CHECK(link_corner(runtime.path()).empty());

    test::write_link_heartbeat(runtime.path(), me, std::chrono::seconds{42}, "");
    CHECK(link_corner(runtime.path()) == "synchro il y a 40 s");
    test::write_link_heartbeat(runtime.path(), me, std::chrono::minutes{7} + std::chrono::seconds{20}, "");
    CHECK(link_corner(runtime.path()) == "synchro il y a 7 min");

    test::write_link_heartbeat(runtime.path(), me, std::chrono::hours{2} + std::chrono::minutes{5},
              "siège injoignable (https://127.0.0.1:8443) : Connection");
    CHECK(link_corner(runtime.path()) == "hors ligne depuis 2 h");
    // Never reached the office since it started.
    test::write_link_heartbeat(runtime.path(), me, std::nullopt, "siège injoignable");
    CHECK(link_corner(runtime.path()) == "hors ligne");

    // The agent is gone: however fresh its last word, the link is stopped.
    test::write_link_heartbeat(runtime.path(), test::ended_pid(), std::chrono::seconds{1}, "");
    CHECK(link_corner(runtime.path()) == "synchro arrêtée");
}
