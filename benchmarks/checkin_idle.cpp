// Idle CPU of the scan loop: 1280×720 at 30 frames a second with no code in view, measured
// with getrusage over the whole process (GStreamer's threads included). Prints, from the same
// run: the pipeline alone (what the camera costs anyway), the decoder on every frame (the
// baseline), and the scan loop as kiosk-checkin runs it.
//   bench_checkin_idle [SECONDS]

#include "kiosk_checkin/decoder.hpp"
#include "kiosk_checkin/frame_source.hpp"
#include "kiosk_checkin/scan_loop.hpp"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <sys/resource.h>
#include <thread>

using namespace kiosk::checkin;

namespace {

double cpu_seconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

struct Figures {
    double cpu_percent = 0;
    double frames_per_second = 0;
    double decoded_per_second = 0;
};

enum class Mode { PipelineOnly, ZxingEveryFrame, ScanLoop };

Figures measure(const std::string& pattern, Mode mode, double seconds)
{
    auto source = make_pipeline_source(
        "videotestsrc is-live=true pattern=" + pattern +
        " ! video/x-raw,width=1280,height=720,framerate=30/1");
    ScanLoopOptions options;
    if (mode == Mode::ZxingEveryFrame)
        options.motion.idle_decode_every = 1;
    // Two seconds of warm-up (pipeline start, the gate learning the scene's flicker) are
    // left out: a kiosk runs for hours.
    std::atomic<long> frames{0}, decoded{0};
    std::atomic<bool> stop{false};
    double cpu_before = 0, cpu_after = 0;
    long frames_before = 0, decoded_before = 0;
    std::thread timer([&] {
        std::this_thread::sleep_for(std::chrono::seconds(2));
        cpu_before = cpu_seconds();
        frames_before = frames;
        decoded_before = decoded;
        std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
        cpu_after = cpu_seconds();
        stop = true;
    });
    if (mode == Mode::PipelineOnly) {
        source->start();
        while (!stop)
            if (source->pull(std::chrono::milliseconds(200)).kind == PullResult::Kind::Frame)
                ++frames;
        source->stop();
    } else {
        ScanLoop loop(*source, [](const Detection&) {}, options);
        loop.on_log([](std::string_view) {});
        loop.on_state([&](const SourceState&) {
            frames = loop.statistics().frames;
            decoded = loop.statistics().decoded_frames;
        });
        loop.run(stop);
    }
    timer.join();
    const long measured_frames = frames - frames_before;
    const long measured_decodes = decoded - decoded_before;
    return {100.0 * (cpu_after - cpu_before) / seconds,
            static_cast<double>(measured_frames) / seconds,
            static_cast<double>(measured_decodes) / seconds};
}

} // namespace

int main(int argc, char** argv)
{
    const double seconds = argc > 1 ? std::atof(argv[1]) : 10.0;
    std::printf("scan loop CPU, 1280x720 @ 30 fps, no code in view, %.0f s per line\n", seconds);
    std::printf("%-10s %-22s %8s %8s %10s\n", "scene", "mode", "CPU %", "fps", "decodes/s");
    for (const char* pattern : {"smpte", "ball"}) {
        for (auto [mode, name] : {std::pair{Mode::PipelineOnly, "pipeline only"},
                                  std::pair{Mode::ZxingEveryFrame, "decoder every frame"},
                                  std::pair{Mode::ScanLoop, "scan loop (gated)"}}) {
            const auto figures = measure(pattern, mode, seconds);
            std::printf("%-10s %-22s %8.1f %8.1f %10.1f\n",
                        std::string(pattern) == "smpte" ? "still" : "moving", name,
                        figures.cpu_percent, figures.frames_per_second,
                        figures.decoded_per_second);
            std::fflush(stdout);
        }
    }
    return 0;
}
