#include "scan_command.hpp"

#include "kiosk/checkin.hpp"
#include "kiosk/checkin_refusal.hpp"
#include "kiosk/config.hpp"
#include "kiosk/runtime.hpp"
#include "kiosk/site.hpp"
#include "kiosk_checkin/liveness.hpp"
#include "kiosk/service_notifier.hpp"
#include "kiosk_checkin/scan_loop.hpp"
#include "line_reader.hpp"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <fmt/format.h>
#include <functional>
#include <nlohmann/json.hpp>
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

// The reader's answer on standard output, one JSON line per scan, written only once the scan
// is committed: what a supervising program or a test may count on.
void print_answer(const kiosk::CheckinResult& result)
{
    const auto& decision = result.decision;
    nlohmann::ordered_json answer;
    answer["verdict"] = kiosk::to_string(decision.verdict);
    answer["admitted"] = result.checkin.has_value();
    if (decision.ticket)
        answer["ticket"] = decision.ticket->to_string();
    else
        answer["ticket"] = nullptr;
    answer["scan"] = result.scan.to_string();
    answer["message"] = decision.message;
    fmt::print("{}\n", answer.dump());
    std::fflush(stdout);
}

void print_refusal(const kiosk::CheckinNotRecorded& refusal)
{
    nlohmann::ordered_json answer;
    answer["verdict"] = "not_recorded";
    answer["admitted"] = false;
    answer["message"] = refusal.message;
    answer["staff"] = refusal.staff;
    fmt::print("{}\n", answer.dump());
    std::fflush(stdout);
}

struct Recorder {
    kiosk::Store& store;
    const kiosk::CheckinRules& rules;
    kiosk::ServiceNotifier& notifier;
    kiosk::checkin::LivenessFile& liveness;

    // Decides and records one scan. The database may be busy for a moment (a long import):
    // the scan keeps its instant and is retried rather than lost. A full disk is a refusal
    // staff can act on, never a crash; the next scan tries again.
    void operator()(const kiosk::ScanRequest& request)
    {
        for (int attempt = 1;; ++attempt) {
            try {
                const auto result = kiosk::try_check_in(store, request, rules);
                if (!result) {
                    log("scan refusé, non enregistré : " + result.error().staff);
                    liveness.record_problem(result.error().staff);
                    print_refusal(result.error());
                    return;
                }
                liveness.record_problem({});
                log(fmt::format("scan : {} — {} ({})", kiosk::to_string(result->decision.verdict),
                                result->decision.message, result->decision.detail));
                print_answer(*result);
                return;
            } catch (const kiosk::StoreError&) {
                throw; // a broken database: exit, systemd restarts us after its back-off
            } catch (const std::exception& error) {
                if (attempt == 5) {
                    log(fmt::format("scan non enregistré après {} essais : {}", attempt,
                                    error.what()));
                    return;
                }
                log(fmt::format("base occupée ({}) — nouvel essai", error.what()));
                std::this_thread::sleep_for(std::chrono::milliseconds(200 * attempt));
                notifier.loop_turned(std::chrono::steady_clock::now());
            }
        }
    }
};

// A handheld scanner or a recorded list of codes: one code per line, until the end of input.
void read_lines(const std::string& path, const std::function<void(std::string_view)>& on_code,
                kiosk::ServiceNotifier& notifier, kiosk::checkin::LivenessFile& liveness)
{
    LineReader reader(path);
    std::string line;
    kiosk::checkin::SourceState state;
    state.running = true;
    state.source = "lecteur : " + path;
    auto last_beat = std::chrono::steady_clock::time_point{};
    while (!stop_requested) {
        const auto now = std::chrono::steady_clock::now();
        notifier.loop_turned(now);
        // The same heartbeat as the camera's, about once a second: the console's health page
        // and the board's staff corner see a reader that stopped.
        if (now - last_beat >= std::chrono::seconds{1}) {
            liveness.update(state);
            last_beat = now;
        }
        const auto outcome = reader.next(line, std::chrono::milliseconds(250));
        if (outcome == LineReader::Outcome::End)
            return;
        if (outcome == LineReader::Outcome::Line && !line.empty())
            on_code(line);
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

    auto notifier = kiosk::ServiceNotifier::from_environment();
    kiosk::checkin::LivenessFile liveness(kiosk::camera_status_path(runtime_dir),
                                          options.lines.empty() ? kiosk::checkin::Input::Camera
                                                                : kiosk::checkin::Input::Reader);
    Recorder recorder{store, rules, notifier, liveness};
    const auto on_code = [&](std::string_view payload) {
        kiosk::ScanRequest request;
        request.payload = payload;
        request.site = config.site_id;
        request.device = config.device;
        request.at = clock.now();
        request.clock = clock.is_frozen() ? kiosk::ClockTrust::Synchronised
                                          : kiosk::system_clock_trust(request.at);
        recorder(request);
        liveness.scanned(std::chrono::system_clock::now());
        kiosk::wake_board(runtime_dir);
    };

    install_signal_handlers();
    log(fmt::format("kiosk-checkin : {} ({}), appareil « {} »", config.display_name,
                    config.site_id, config.device));
    if (!options.lines.empty()) {
        read_lines(options.lines, on_code, notifier, liveness);
        notifier.stopping();
        log("kiosk-checkin : arrêt");
        return 0;
    }

    auto source = make_source(options, config);
    kiosk::checkin::ScanLoopOptions loop_options;
    loop_options.debounce = std::chrono::milliseconds(options.debounce_ms);
    if (options.until_end)
        loop_options.at_end_of_stream = kiosk::checkin::AtEndOfStream::Stop;
    kiosk::checkin::ScanLoop loop(
        *source, [&](const kiosk::checkin::Detection& code) { on_code(code.text); }, loop_options);
    loop.on_state([&](const kiosk::checkin::SourceState& state) { liveness.update(state); });
    loop.on_log([](std::string_view line) { log(std::string(line)); });
    loop.on_turn([&] { notifier.loop_turned(std::chrono::steady_clock::now()); });
    loop.run(stop_requested);
    notifier.stopping();
    const auto& statistics = loop.statistics();
    log(fmt::format("kiosk-checkin : arrêt — {} images, {} analysées, {} codes", statistics.frames,
                    statistics.decoded_frames, statistics.codes));
    return 0;
}

} // namespace kiosk_checkin_app
