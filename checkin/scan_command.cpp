#include "scan_command.hpp"

#include "kiosk/checkin.hpp"
#include "kiosk/config.hpp"
#include "kiosk/runtime.hpp"
#include "kiosk/site.hpp"
#include "kiosk_checkin/liveness.hpp"
#include "kiosk_checkin/scan_loop.hpp"

#include <atomic>
#include <csignal>
#include <fmt/format.h>
#include <stdexcept>
#include <thread>

namespace kiosk_checkin_app {
namespace {

std::atomic<bool> stop_requested{false};

extern "C" void request_stop(int) { stop_requested = true; }

void install_signal_handlers()
{
    struct sigaction action{};
    action.sa_handler = request_stop;
    sigemptyset(&action.sa_mask);
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
}

void log(const std::string& line) { fmt::print(stderr, "{}\n", line); }

std::unique_ptr<kiosk::checkin::FrameSource> make_source(const ScanOptions& options,
                                                         const kiosk::SiteConfig& config)
{
    using namespace kiosk::checkin;
    const Delivery delivery = options.until_end ? Delivery::EveryFrame : Delivery::NewestOnly;
    if (!options.images.empty()) {
        std::vector<std::filesystem::path> paths(options.images.begin(), options.images.end());
        return make_image_files_source(paths, options.until_end ? Repeat::No : Repeat::Yes);
    }
    if (!options.pipeline.empty())
        return make_pipeline_source(options.pipeline, delivery);
    if (!options.camera.empty())
        return make_pipeline_source(camera_pipeline(options.camera), delivery);
    if (!config.camera_pipeline.empty())
        return make_pipeline_source(config.camera_pipeline, delivery);
    if (!config.camera.empty())
        return make_pipeline_source(camera_pipeline(config.camera), delivery);
    throw std::invalid_argument("aucune caméra : --camera, --pipeline, --images ou la configuration");
}

kiosk::SiteConfig load_config(const ScanOptions& options)
{
    kiosk::SiteConfig config;
    if (!options.config.empty()) {
        auto loaded = kiosk::load_site_config(options.config);
        if (!loaded)
            throw std::invalid_argument(loaded.error().message);
        config = *loaded;
        if (!options.site.empty() && options.site != config.site_id)
            throw std::invalid_argument(fmt::format("--site {} contredit la configuration ({})",
                                                    options.site, config.site_id));
    } else {
        if (options.site.empty())
            throw std::invalid_argument("quel site ? --site ou --config");
        auto defaults = kiosk::default_site_config(options.site);
        if (!defaults)
            throw std::invalid_argument(fmt::format("site inconnu « {} » (sites : {})",
                                                    options.site, kiosk::known_site_ids()));
        config = *defaults;
    }
    if (!options.device.empty())
        config.device = options.device;
    return config;
}

// Decides and records one scan. The database may be busy for a moment (a backup, a long
// import): the scan keeps its instant and is retried rather than lost.
void record(kiosk::Store& store, const kiosk::ScanRequest& request,
            const kiosk::CheckinRules& rules)
{
    for (int attempt = 1;; ++attempt) {
        try {
            const auto result = kiosk::check_in(store, request, rules);
            log(fmt::format("scan : {} — {} ({})", kiosk::to_string(result.decision.verdict),
                            result.decision.message, result.decision.detail));
            return;
        } catch (const std::exception& error) {
            if (attempt == 5) {
                log(fmt::format("scan non enregistré après {} essais : {}", attempt, error.what()));
                return;
            }
            log(fmt::format("base occupée ({}) — nouvel essai", error.what()));
            std::this_thread::sleep_for(std::chrono::milliseconds(200 * attempt));
        }
    }
}

} // namespace

int run_scanner(const ScanOptions& options)
{
    const auto config = load_config(options);
    if (options.database.empty())
        throw std::invalid_argument("aucune base indiquée : --db FICHIER ou KIOSK_DB");
    kiosk::Store store(options.database, kiosk::Access::ReadWrite);
    const auto rules = kiosk::CheckinRules::from(config);
    const auto clock = options.at.empty()
                           ? kiosk::Clock::system()
                           : kiosk::Clock::frozen([&] {
                                 auto at = kiosk::parse_local_time(options.at);
                                 if (!at)
                                     throw std::invalid_argument("--at : " + at.error());
                                 return *at;
                             }());
    const std::filesystem::path runtime_dir =
        options.runtime_dir.empty() ? kiosk::default_runtime_dir()
                                    : std::filesystem::path(options.runtime_dir);
    std::error_code ignored;
    std::filesystem::create_directories(runtime_dir, ignored);

    auto source = make_source(options, config);
    kiosk::checkin::ScanLoopOptions loop_options;
    loop_options.debounce = std::chrono::milliseconds(options.debounce_ms);
    if (options.until_end)
        loop_options.at_end_of_stream = kiosk::checkin::AtEndOfStream::Stop;

    kiosk::checkin::LivenessFile liveness(kiosk::camera_status_path(runtime_dir));
    kiosk::checkin::ScanLoop loop(*source, [&](const kiosk::checkin::Detection& code) {
        kiosk::ScanRequest request;
        request.payload = code.text;
        request.site = config.site_id;
        request.device = config.device;
        request.at = clock.now();
        request.clock = clock.is_frozen() ? kiosk::ClockTrust::Synchronised
                                          : kiosk::system_clock_trust(request.at);
        record(store, request, rules);
        liveness.scanned(std::chrono::system_clock::now());
        kiosk::wake_board(runtime_dir);
    }, loop_options);
    loop.on_state([&](const kiosk::checkin::SourceState& state) { liveness.update(state); });
    loop.on_log([](std::string_view line) { log(std::string(line)); });

    install_signal_handlers();
    log(fmt::format("kiosk-checkin : {} ({}), appareil « {} »", config.display_name,
                    config.site_id, config.device));
    loop.run(stop_requested);
    const auto& statistics = loop.statistics();
    log(fmt::format("kiosk-checkin : arrêt — {} images, {} analysées, {} codes", statistics.frames,
                    statistics.decoded_frames, statistics.codes));
    return 0;
}

} // namespace kiosk_checkin_app
