#include "kiosk_link/agent.hpp"

#include "kiosk/platform/runtime.hpp"
#include "kiosk/reports/link_heartbeat.hpp"
#include "kiosk/reports/site_health.hpp"
#include "kiosk/sync/link.hpp"
#include "kiosk/sync/sync.hpp"
#include "kiosk_link/office_client.hpp"

#include <fmt/format.h>
#include <thread>
#include <unistd.h>

namespace kiosk_link {
namespace {

using RealClock = std::chrono::system_clock;

std::string not_joined()
{
    return "ce site n'a pas rejoint le siège : au siège, « kioskctl sync invite --site SITE », "
           "puis ici « kioskctl sync join \"LIGNE\" »";
}

} // namespace

Agent::Agent(AgentOptions options)
    : options_(std::move(options))
    , random_(std::random_device{}())
{}

void Agent::log(const std::string& line) const
{
    if (options_.log)
        options_.log(line);
}

tl::expected<ExchangeReport, std::string> Agent::exchange(std::chrono::seconds hold)
{
    if (!store_)
        store_.emplace(options_.database, kiosk::Access::ReadWrite);
    auto& store = *store_;
    kiosk::Sync sync(store);
    const auto me = sync.identity();
    const auto office = kiosk::Link(store).office();
    if (!me || me->name == kiosk::office_name || !office)
        return tl::unexpected(not_joined());
    office_ = office->url;
    const auto device = kiosk::SigningKey::load(me->key_file);
    if (!device)
        return tl::unexpected(device.error());

    const auto now = options_.clock.now();
    // The site's health goes with its bundles, now and then: the office sees a dead camera.
    if (const auto steady = std::chrono::steady_clock::now();
        health_recorded_ == std::chrono::steady_clock::time_point{} ||
        steady - health_recorded_ >= options_.health_every) {
        kiosk::record_site_health(store,
                                  kiosk::measure_site_health(store, me->name, options_.runtime_dir,
                                                             now, RealClock::now()));
        health_recorded_ = steady;
    }
    const auto bundle =
        sync.export_for(kiosk::office_name, std::nullopt, now, kiosk::link_bundle_changes);
    if (!bundle)
        return tl::unexpected(bundle.error().message);

    // The certificate pinned at joining and those the office announced since, less the
    // retired ones: the office may present any of them.
    std::string pinned;
    for (const auto& certificate : kiosk::Link(store).pinned_certificates())
        pinned += certificate + (certificate.ends_with('\n') ? "" : "\n");
    if (pinned.empty())
        return tl::unexpected(std::string(
            "le siège a retiré tous les certificats que ce site connaît : demandez une nouvelle "
            "invitation"));
    if (!client_ || client_for_ != office->url + "\n" + pinned) {
        client_ = std::make_unique<OfficeClient>(office->url, pinned);
        client_for_ = office->url + "\n" + pinned;
    }
    auto& client = *client_;
    // While the office holds the request, a change made here cuts it: it goes at once in the
    // next (the office, seeing the next one come, lets go of the one it held). A request that
    // carries changes is not cut: the office answers it at once, and its answer says what
    // arrived (cut, the same rows would go again, and again). Stopping cuts it.
    // The same thread keeps the watchdog fed, but only as long as the request is within its
    // deadline, so a request stuck past it still stops the pings.
    const bool carries_changes = bundle->rows + bundle->deletions > 0;
    std::atomic<bool> finished{false};
    std::atomic<bool> cut{false};
    const auto deadline = std::chrono::steady_clock::now() + hold + std::chrono::seconds{25};
    std::thread watcher([&] {
        auto& watched = watched_;
        while (!finished) {
            std::this_thread::sleep_for(options_.watch);
            if (finished)
                break;
            if (options_.each_turn && std::chrono::steady_clock::now() < deadline)
                options_.each_turn();
            try {
                if (!watched)
                    watched.emplace(options_.database, kiosk::Access::ReadOnly);
                const bool changed = kiosk::Sync(*watched).log_position() > bundle->header.to_seq;
                if (((changed && !carries_changes) || (stop_ && *stop_)) && !cut.exchange(true))
                    client.stop();
            } catch (const std::exception&) {
                watched.reset(); // looked at again on the next turn
            }
            if (cut)
                client.stop(); // the request may not have started when it was first cut
        }
    });
    auto answer = client.exchange(*device, me->name, bundle->bytes, hold, now);
    finished = true;
    watcher.join();

    ExchangeReport report;
    report.sent_rows = bundle->rows + bundle->deletions;
    report.bytes_sent = bundle->bytes.size();
    if (!answer) {
        if (cut) {
            report.change_waiting = true; // cut on purpose: what changed goes in the next one
            return report;
        }
        return tl::unexpected(answer.error().message);
    }
    report.bytes_received = answer->size();
    const auto applied = sync.apply(*answer, options_.clock.now());
    if (!applied)
        return tl::unexpected(applied.error().message);
    report.received_rows = applied->rows + applied->deletions;
    waiting_ = sync.waiting_for(kiosk::office_name);
    return report;
}

std::chrono::milliseconds Agent::pause_after(int failures)
{
    auto pause = options_.first_retry;
    for (int i = 1; i < failures && pause < options_.longest_retry; ++i)
        pause *= 2;
    pause = std::min(pause, options_.longest_retry);
    // Spread over half to one and a half the pause, so sites that lost the office together do
    // not all call it again together.
    std::uniform_real_distribution<double> spread(0.5, 1.5);
    return std::chrono::milliseconds{
        static_cast<std::int64_t>(static_cast<double>(pause.count()) * spread(random_))};
}

void Agent::beat(const std::string& error, std::optional<RealClock::time_point> next)
{
    kiosk::LinkHeartbeat heartbeat;
    heartbeat.pid = ::getpid();
    heartbeat.office = office_;
    heartbeat.last_attempt = last_attempt_;
    heartbeat.last_success = last_success_;
    heartbeat.last_error = error;
    heartbeat.next_attempt = next;
    heartbeat.waiting = waiting_;
    try {
        kiosk::write_file_atomically(kiosk::link_status_path(options_.runtime_dir),
                                     nlohmann::ordered_json(heartbeat).dump() + "\n");
    } catch (const std::exception&) {
        // An unwritable runtime folder must not stop the exchange; the health page will say the
        // link is not seen, which is what staff need to know.
    }
}

void Agent::run(const std::atomic<bool>& stop)
{
    stop_ = &stop;
    int failures = 0;
    std::string reported; // the last error logged, so a long outage is one line, not thousands
    while (!stop) {
        if (options_.each_turn)
            options_.each_turn();
        const auto started = std::chrono::steady_clock::now();
        last_attempt_ = RealClock::now();
        std::string error;
        try {
            const auto result = exchange(options_.hold);
            if (result) {
                last_success_ = RealClock::now();
                if (failures > 0 || !reported.empty())
                    log(fmt::format("lien rétabli avec {}", office_));
                failures = 0;
                reported.clear();
                beat("", std::nullopt);
                // An answer that came at once with nothing in it (the office could not hold the
                // request): a short pause rather than a busy loop.
                if (!result->change_waiting && result->sent_rows + result->received_rows == 0 &&
                    std::chrono::steady_clock::now() - started < std::chrono::seconds{1})
                    std::this_thread::sleep_for(std::chrono::seconds{1});
                continue;
            }
            error = result.error();
        } catch (const kiosk::StoreError&) {
            throw; // no database to sync: a broken installation, said loudly
        } catch (const std::exception& failure) {
            store_.reset(); // opened afresh on the next try
            watched_.reset();
            client_.reset();
            // A busy database is waited out like an unreachable office; a damaged one is not.
            if (const auto problem = kiosk::database_problem(failure);
                problem && *problem != kiosk::DatabaseProblem::Busy)
                throw;
            error = failure.what();
        }
        ++failures;
        const auto pause = pause_after(failures);
        if (error != reported)
            log(fmt::format("lien : {} ; nouvel essai dans {} s", error,
                            std::chrono::duration_cast<std::chrono::seconds>(pause).count()));
        reported = error;
        beat(error, RealClock::now() + pause);
        const auto until = std::chrono::steady_clock::now() + pause;
        while (!stop && std::chrono::steady_clock::now() < until) {
            if (options_.each_turn)
                options_.each_turn();
            std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
                options_.watch, until - std::chrono::steady_clock::now()));
        }
    }
    stop_ = nullptr;
}

} // namespace kiosk_link
