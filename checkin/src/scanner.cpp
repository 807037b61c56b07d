#include "kiosk_checkin/scanner.hpp"

#include "kiosk/base/site.hpp"
#include "kiosk/checkin/checkin.hpp"
#include "kiosk/checkin/checkin_refusal.hpp"
#include "kiosk/config/startup.hpp"
#include "kiosk/platform/runtime.hpp"
#include "kiosk/platform/service_notifier.hpp"
#include "kiosk_checkin/liveness.hpp"
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

namespace kiosk::checkin {
namespace {

std::atomic<bool> stop_requested{false};

extern "C" void request_stop(int) { stop_requested = true; }

void install_signal_handlers()
{
    struct sigaction action {};
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
    throw kiosk::UserError("aucune caméra : --camera, --pipeline, --images ou la configuration");
}

// The reader's answer on standard output, one JSON line per scan, written only once the scan
// is committed: what a supervising program or a test may count on.
void print_answer(const kiosk::CheckinResult& result)
{
    fmt::print("{}\n", nlohmann::ordered_json(result).dump(
                           -1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
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

    // Decides and records one scan. The database may be busy for a while (a long import): the
    // scan keeps its instant and is tried again a few times; if it still cannot be written, the
    // visitor is sent to the desk and staff are told, as for a full disk, never dropped
    // silently. A damaged or unwritable database throws: the process exits and systemd
    // restarts it.
    void operator()(const kiosk::ScanRequest& request)
    {
        constexpr int attempts = 5;
        for (int attempt = 1;; ++attempt) {
            const auto result = kiosk::try_check_in(store, request, rules);
            if (result) {
                liveness.record_problem({});
                log(fmt::format("scan : {} — {} ({})", kiosk::to_string(result->decision.verdict()),
                                result->decision.message(), result->decision.detail));
                print_answer(*result);
                return;
            }
            const auto& refusal = result.error();
            if (refusal.reason == kiosk::CheckinNotRecorded::Reason::Busy && attempt < attempts) {
                log(fmt::format("essai {} sur {} : {} — nouvel essai", attempt, attempts,
                                refusal.staff));
                std::this_thread::sleep_for(std::chrono::milliseconds(200 * attempt));
                notifier.loop_turned(std::chrono::steady_clock::now());
                continue;
            }
            log("scan refusé, non enregistré : " + refusal.staff);
            liveness.record_problem(refusal.staff);
            print_refusal(refusal);
            return;
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
    auto startup = kiosk::resolve_startup({options.site, options.config, options.at});
    if (!startup)
        throw kiosk::UserError(startup.error());
    kiosk::SiteConfig& config = startup->config;
    if (!options.device.empty())
        config.device = options.device;
    const kiosk::Clock clock = startup->clock;
    if (options.database.empty())
        throw kiosk::UserError("aucune base indiquée : --db FICHIER ou KIOSK_DB");
    kiosk::Store store(options.database, kiosk::Access::ReadWrite);
    const auto rules = kiosk::CheckinRules::from(config);
    const std::filesystem::path runtime_dir = options.runtime_dir.empty()
                                                  ? kiosk::default_runtime_dir()
                                                  : std::filesystem::path(options.runtime_dir);
    std::error_code ignored;
    std::filesystem::create_directories(runtime_dir, ignored);

    auto notifier = kiosk::ServiceNotifier::from_environment();
    kiosk::checkin::LivenessFile liveness(kiosk::camera_status_path(runtime_dir),
                                          options.lines.empty() ? kiosk::TicketInput::Camera
                                                                : kiosk::TicketInput::Reader);
    Recorder recorder{store, rules, notifier, liveness};
    const auto on_code = [&](std::string_view payload) {
        kiosk::ScanRequest request;
        request.payload = payload;
        request.site = config.site_id;
        request.device = config.device;
        request.at = clock.now();
        request.clock = clock.trust();
        recorder(request);
        liveness.scanned(std::chrono::system_clock::now());
        kiosk::wake_board(runtime_dir);
    };

    install_signal_handlers();
    log(fmt::format("kiosk-checkin : {} ({}), appareil « {} »", config.display_name, config.site_id,
                    config.device));
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

} // namespace kiosk::checkin
