// Drawing without a window: one screenshot, or a benchmark of the frame pipeline.

#include "app.hpp"

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
    return BoardContext{now, clock_trust(options.clock), Freshness::Current, now,
                        camera_state(options.runtime_dir)};
}

struct Figures {
    double median_ms = 0;
    double p95_ms = 0;
};

Figures figures(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    auto at = [&](double fraction) {
        const auto index = static_cast<std::size_t>(fraction * static_cast<double>(samples.size() - 1));
        return samples[index];
    };
    return {at(0.5), at(0.95)};
}

template <typename Work> double milliseconds(Work&& work)
{
    const auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
        .count();
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
    std::vector<double> loads;
    BoardData data;
    for (int i = 0; i < std::max(1, options.benchmark_frames / 10); ++i)
        loads.push_back(milliseconds([&] { data = load_once(options, now); }));
    const BoardContext context = context_for(options, now);

    sf::RenderTexture target;
    create_target(target, size);
    Renderer renderer(fonts);
    BoardLayout layout;
    auto full_frame = [&](unsigned page) {
        layout = compose(data, context, size, fonts, page);
        renderer.draw(target, layout);
        target.display();
        glFinish();
    };
    const double first = milliseconds([&] { full_frame(0); });

    std::vector<double> full;
    std::vector<double> steady;
    for (int i = 0; i < options.benchmark_frames; ++i)
        full.push_back(milliseconds([&] { full_frame(static_cast<unsigned>(i)); }));
    for (int i = 0; i < options.benchmark_frames; ++i)
        steady.push_back(milliseconds([&] {
            renderer.draw(target);
            target.display();
            glFinish();
        }));

    std::vector<double> composing;
    for (int i = 0; i < options.benchmark_frames; ++i)
        composing.push_back(milliseconds(
            [&] { layout = compose(data, context, size, fonts, static_cast<unsigned>(i)); }));

    const Figures compose_figures = figures(composing);
    const Figures full_figures = figures(full);
    const Figures steady_figures = figures(steady);
    const Figures load_figures = figures(loads);
    const auto [rss, pss] = memory_kb();
    fmt::print("kiosk-display benchmark: {}×{}, {} sessions, {} frames, renderer {}\n", size.width,
               size.height, data.sessions.size(), options.benchmark_frames,
               reinterpret_cast<const char*>(glGetString(GL_RENDERER)));
    fmt::print("first frame (glyphs rasterised)     {:8.2f} ms\n", first);
    fmt::print("database reload        median {:6.2f} ms   p95 {:6.2f} ms\n",
               load_figures.median_ms, load_figures.p95_ms);
    fmt::print("full redraw            median {:6.2f} ms   p95 {:6.2f} ms   (model + layout + draw + glFinish)\n",
               full_figures.median_ms, full_figures.p95_ms);
    fmt::print("  of which model + layout median {:6.2f} ms   p95 {:6.2f} ms\n",
               compose_figures.median_ms, compose_figures.p95_ms);
    fmt::print("steady frame           median {:6.2f} ms   p95 {:6.2f} ms   (draw + glFinish)\n",
               steady_figures.median_ms, steady_figures.p95_ms);
    fmt::print("memory                 RSS {} kB   PSS {} kB\n", rss, pss);
    return 0;
}

} // namespace kiosk_display::app
