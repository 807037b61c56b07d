#pragma once

// The site's sync agent (kioskctl sync run): keeps the site and the office in step by itself.
// The site always calls (sites sit behind NAT): each exchange sends the site's bundle and
// brings back the office's. When neither side has anything, the office holds the request until
// it has (or about 25 s); a change made at the site meanwhile cuts the held request and goes at
// once. An unreachable office is tried again after a growing pause (1 s to 5 min, with jitter),
// forever; bundles being idempotent, nothing is lost or applied twice.

#include "kiosk/base/time.hpp"
#include "kiosk/store/store.hpp"
#include "kiosk_link/office_client.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <tl/expected.hpp>

namespace kiosk_link {

struct AgentOptions {
    std::filesystem::path database;
    std::filesystem::path runtime_dir; // where the link's heartbeat goes (sync.json)
    kiosk::Clock clock = kiosk::Clock::system();
    std::chrono::seconds hold{25};                   // how long the office may keep a request
    std::chrono::milliseconds first_retry{1000};     // the pause after a first failure…
    std::chrono::milliseconds longest_retry{300000}; // …doubling up to this
    std::chrono::milliseconds watch{250};            // how often local changes are looked for
    std::chrono::seconds health_every{60}; // the site's health goes with a bundle this often
    // Called on every turn, waiting included: the service watchdog's hook.
    std::function<void()> each_turn;
    std::function<void(const std::string&)> log;
};

struct ExchangeReport {
    std::size_t sent_rows = 0;     // rows and deletions this site sent
    std::size_t received_rows = 0; // rows and deletions applied from the office
    std::size_t bytes_sent = 0;
    std::size_t bytes_received = 0;
    bool change_waiting = false; // a change here cut the held request: it goes in the next
};

class Agent {
public:
    explicit Agent(AgentOptions options);

    // One exchange, the office allowed to hold it for `hold`: what waits here is sent, what
    // comes back applied. The message says why it failed.
    [[nodiscard]] tl::expected<ExchangeReport, std::string> exchange(std::chrono::seconds hold);

    // Exchanges until `stop`, holding when there is nothing to send, retrying with a growing
    // pause when the office cannot be reached.
    void run(const std::atomic<bool>& stop);

private:
    void beat(const std::string& error, std::optional<std::chrono::system_clock::time_point> next);
    void log(const std::string& line) const;
    [[nodiscard]] std::chrono::milliseconds pause_after(int failures);

    AgentOptions options_;
    // Kept from one exchange to the next (made again after a failure or when the office's
    // address or certificate changes): the database stays open, the TLS context and the
    // connection are reused.
    std::optional<kiosk::Store> store_;
    std::optional<kiosk::Store> watched_;
    std::unique_ptr<OfficeClient> client_;
    std::string client_for_; // the address and certificate client_ was made for
    std::string office_;
    std::optional<std::chrono::system_clock::time_point> last_success_;
    std::optional<std::chrono::system_clock::time_point> last_attempt_;
    std::chrono::steady_clock::time_point health_recorded_{};
    std::int64_t waiting_ = 0;
    std::mt19937 random_;
    const std::atomic<bool>* stop_ = nullptr; // run()'s, so a held request is cut at once
};

} // namespace kiosk_link
