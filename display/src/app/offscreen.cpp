// Drawing without a window: one screenshot, or a benchmark of the frame pipeline.

#include "board_screen.hpp"
#include "kiosk_display/app.hpp"
#include "kiosk_display/kiosk_behaviour.hpp"
#include "kiosk_display/system_state.hpp"

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <SFML/OpenGL.hpp>
#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <string_view>
#include <time.h>
#include <vector>

namespace kiosk_display::app {
namespace {

ScreenSize offscreen_size(const Options& options)
{
    return options.size ? *options.size : oriented({1920, 1080}, options.orientation);
}

void create_target(sf::RenderTexture& target, ScreenSize size)
{
    if (!target.create(size.width, size.height))
        throw std::runtime_error(
            fmt::format("impossible de créer une image de {}×{}", size.width, size.height));
}

BoardData load_once(const Options& options, kiosk::Instant now)
{
    kiosk::Store store(options.database, kiosk::Access::ReadOnly);
    return load_board_data(store, options.site, now);
}

BoardContext context_for(const Options& options, kiosk::Instant now)
{
    return BoardContext{now, options.clock.trust(), Freshness::Current, now,
                        camera_state(options.runtime_dir), link_state(options.runtime_dir)};
}

struct Sample {
    double wall_ms = 0;
    double cpu_ms = 0;
};

double process_cpu_ms()
{
    timespec time{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time);
    return static_cast<double>(time.tv_sec) * 1e3 + static_cast<double>(time.tv_nsec) / 1e6;
}

template <typename Work> Sample measure(Work&& work)
{
    const double cpu_start = process_cpu_ms();
    const auto start = std::chrono::steady_clock::now();
    work();
    const auto wall = std::chrono::steady_clock::now() - start;
    return {std::chrono::duration<double, std::milli>(wall).count(), process_cpu_ms() - cpu_start};
}

// Median and 95th percentile of wall and CPU times.
void print_row(std::string_view name, const std::vector<Sample>& samples, std::string_view what)
{
    auto at = [&](double Sample::*field, double fraction) {
        std::vector<double> values;
        for (const auto& sample : samples)
            values.push_back(sample.*field);
        std::sort(values.begin(), values.end());
        return values[static_cast<std::size_t>(fraction * static_cast<double>(values.size() - 1))];
    };
    fmt::print("{:<20} median {:7.4f} ms   p95 {:7.4f} ms   cpu median {:7.4f} p95 {:7.4f}{}{}\n",
               name, at(&Sample::wall_ms, 0.5), at(&Sample::wall_ms, 0.95),
               at(&Sample::cpu_ms, 0.5), at(&Sample::cpu_ms, 0.95), what.empty() ? "" : "   ", what);
}

// Resident and proportional set sizes, in kB, from the kernel's summary of our mappings.
std::pair<long, long> memory_kb()
{
    std::ifstream rollup("/proc/self/smaps_rollup");
    std::string line;
    long rss = -1;
    long pss = -1;
    while (std::getline(rollup, line)) {
        std::istringstream fields(line);
        std::string name;
        long value = 0;
        fields >> name >> value;
        if (name == "Rss:")
            rss = value;
        else if (name == "Pss:")
            pss = value;
    }
    return {rss, pss};
}

} // namespace

int take_screenshot(const Options& options)
{
    const Fonts fonts(options.fonts);
    const kiosk::Instant now = options.clock.now();
    const BoardData data = load_once(options, now);
    const ScreenSize size = offscreen_size(options);
    // Shifted as the live board would be at that instant (burn-in), so a screenshot is exact.
    const BoardLayout layout = shifted(
        compose(data, context_for(options, now), size, fonts, options.page), burn_in_offset(now));

    sf::RenderTexture target;
    create_target(target, size);
    Renderer renderer(fonts);
    renderer.draw(target, layout);
    target.display();
    if (!target.getTexture().copyToImage().saveToFile(options.screenshot.string()))
        throw std::runtime_error("impossible d'écrire " + options.screenshot.string());
    if (!options.dump_model.empty())
        dump_layout(options.dump_model, layout);
    return 0;
}

int run_benchmark(const Options& options)
{
    const Fonts fonts(options.fonts);
    const kiosk::Instant now = options.clock.now();
    const ScreenSize size = offscreen_size(options);
    const int frames = options.benchmark_frames;
    std::vector<Sample> loads;
    BoardData data;
    for (int i = 0; i < std::max(1, frames / 10); ++i)
        loads.push_back(measure([&] { data = load_once(options, now); }));
    const BoardContext context = context_for(options, now);

    sf::RenderTexture target;
    create_target(target, size);
    auto show = [&] {
        target.display();
        glFinish(); // the software renderer works asynchronously: wait for the pixels
    };

    // The floor: the least any frame that reaches the screen costs on this renderer.
    std::vector<Sample> baseline;
    for (int i = 0; i < frames; ++i)
        baseline.push_back(measure([&] {
            target.clear();
            show();
        }));

    Renderer renderer(fonts);
    BoardLayout layout;
    auto full_frame = [&](unsigned page) {
        layout = shifted(compose(data, context, size, fonts, page), burn_in_offset(now));
        renderer.draw(target, layout);
        show();
    };
    const Sample first = measure([&] { full_frame(0); });
    std::vector<Sample> full;
    for (int i = 0; i < frames; ++i)
        full.push_back(measure([&] { full_frame(static_cast<unsigned>(i)); }));
    std::vector<Sample> composing;
    for (int i = 0; i < frames; ++i)
        composing.push_back(measure(
            [&] { layout = compose(data, context, size, fonts, static_cast<unsigned>(i)); }));
    // The same picture painted again from its prepared geometry: what uncovering the window
    // costs, and what every frame cost when the board was repainted each turn.
    std::vector<Sample> repaint;
    for (int i = 0; i < frames; ++i)
        repaint.push_back(measure([&] {
            renderer.draw(target);
            show();
        }));

    // The live loop's own turn, on the same data, once its first picture is up.
    Options quiet = options;
    quiet.sound = kiosk::Sound::Off;
    BoardScreen board(quiet, fonts, size);
    if (board.turn(target, SteadyClock::now()) == TurnResult::Drawn)
        show();
    std::vector<Sample> steady;
    int steady_drawn = 0;
    for (int i = 0; i < frames; ++i)
        steady.push_back(measure([&] {
            if (board.turn(target, SteadyClock::now()) == TurnResult::Drawn) {
                show();
                ++steady_drawn;
            }
        }));

    const auto [rss, pss] = memory_kb();
    std::ifstream load_average("/proc/loadavg");
    std::string load;
    load_average >> load;
    fmt::print("kiosk-display benchmark: {}×{}, {} sessions, {} frames, renderer {}, load average {}\n",
               size.width, size.height, data.sessions.size(), frames,
               reinterpret_cast<const char*>(glGetString(GL_RENDERER)), load);
    fmt::print("(wall time, then the process's CPU time: all threads, the renderer's included)\n");
    fmt::print("first frame (glyphs rasterised) {:8.2f} ms\n", first.wall_ms);
    print_row("database reload", loads, "");
    print_row("baseline", baseline, "clear + display + glFinish: the renderer's floor");
    print_row("full redraw", full, "model + layout + draw + glFinish");
    print_row("  model + layout", composing, "");
    print_row("repaint unchanged", repaint, "prepared geometry drawn again + glFinish");
    print_row("steady frame", steady,
              fmt::format("a live-loop turn, nothing changed: {} of {} drew", steady_drawn, frames));
    fmt::print("memory                 RSS {} kB   PSS {} kB\n", rss, pss);
    return 0;
}

} // namespace kiosk_display::app
