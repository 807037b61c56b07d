#pragma once

// kiosk-display's pieces: options, the frame pipeline (data → model → layout → pixels) and the
// three ways of running (live window, screenshot, benchmark).

#include "kiosk/base/time.hpp"
#include "kiosk/config/startup.hpp"
#include "kiosk_display/board_layout.hpp"
#include "kiosk_display/board_source.hpp"
#include "kiosk_display/renderer.hpp"

#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

namespace kiosk_display::app {

// A mistake in the command line or configuration: printed as is, exit status 2.
using kiosk::UserError;

enum class WindowMode { Fullscreen, Windowed };

struct Options {
    std::filesystem::path database;
    SiteSettings site;
    kiosk::Clock clock = kiosk::Clock::system();
    WindowMode window = WindowMode::Fullscreen;
    std::optional<ScreenSize> size; // none: the screen's own, or 1920×1080 off screen
    kiosk::Orientation orientation = kiosk::Orientation::Landscape;
    std::filesystem::path screenshot;
    std::filesystem::path dump_model;
    std::filesystem::path runtime_dir;
    std::filesystem::path fonts;
    unsigned page = 0;
    int benchmark_frames = 0;
    int idle_seconds = 0;
    // The screen: on during these hours (and a little before), off otherwise.
    kiosk::OpeningHours hours;
    kiosk::Minutes screen_on_before_opening{15};
    kiosk::Sound sound = kiosk::Sound::On;
    std::filesystem::path banner_log;    // one JSON line per greeting, when first on screen
    std::filesystem::path frame_capture; // a PNG of each frame that brings a new greeting
    // Called on every turn of the live loop, drawing or not: the service watchdog's hook.
    std::function<void()> each_turn;
};

// Where the fonts are: --fonts, else KIOSK_FONTS, else beside the program, else installed.
[[nodiscard]] std::filesystem::path font_directory(const std::string& option_value);

// Landscape or portrait as asked, whatever way round the size was written.
[[nodiscard]] ScreenSize oriented(ScreenSize size, kiosk::Orientation orientation);

// The board as it stands now: model built and laid out.
[[nodiscard]] BoardLayout compose(const BoardData& data, const BoardContext& context,
                                  ScreenSize screen, const TextMeasurer& measurer, unsigned page,
                                  const Greetings& greetings = {});

// Writes what the layout says, atomically (a reader never sees half a file).
void dump_layout(const std::filesystem::path& file, const BoardLayout& layout);

// The hook that tells systemd the loop is alive (READY=1, then WATCHDOG=1 at half the
// watchdog interval); empty when not run by a service manager.
[[nodiscard]] std::function<void()> service_watchdog();

int take_screenshot(const Options& options);
int run_benchmark(const Options& options);
int run_live(const Options& options);

} // namespace kiosk_display::app
