// The staff corner's camera, read from the same heartbeat file as the console's health page:
// a camera process that died shows at once, a handheld reader is not a dead camera, and a
// full disk is said.

#include "board_fixtures.hpp"
#include "kiosk/runtime.hpp"
#include "kiosk_display/board_model.hpp"
#include "kiosk_display/system_state.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

using namespace kiosk_display;

namespace {

void beat(const std::filesystem::path& runtime, long pid, std::chrono::seconds age,
          const std::string& input = "camera", const std::string& problem = "")
{
    const double at =
        std::chrono::duration<double>((std::chrono::system_clock::now() - age).time_since_epoch())
            .count();
    kiosk::write_file_atomically(
        kiosk::camera_status_path(runtime),
        nlohmann::json{{"pid", pid},
                       {"input", input},
                       {"heartbeat", at},
                       {"last_frame", input == "camera" ? nlohmann::json(at) : nullptr},
                       {"fps", 12.0},
                       {"record_problem", problem}}
            .dump());
}

long ended_pid()
{
    const pid_t child = fork();
    if (child == 0)
        _exit(0);
    int status = 0;
    waitpid(child, &status, 0);
    return child;
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
    beat(runtime.path(), ended_pid(), std::chrono::seconds{0});
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
