#pragma once

// Hands new scans to the board the moment they are committed. A background thread waits on
// the wake-up socket the check-in side writes to after each scan (kiosk::wake_board), and
// also checks PRAGMA data_version every `poll_interval`, so a reader that does not wake the
// board (or a socket that cannot be opened) is only slower, never missed.

#include "kiosk/base/time.hpp"
#include "kiosk/checkin/scan_feed.hpp"

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace kiosk {
class WakeupListener;
}

namespace kiosk_display {

enum class WakeUp { Socket, PollingOnly };

class ScanWatcher {
public:
    using Log = std::function<void(const std::string&)>;

    // Opens its own read-only connection; scans already recorded are not greeted.
    ScanWatcher(std::filesystem::path database, std::string site_id, kiosk::Clock clock,
                const std::filesystem::path& runtime_dir, Log log,
                std::chrono::milliseconds poll_interval = std::chrono::milliseconds{200});
    ~ScanWatcher();
    ScanWatcher(const ScanWatcher&) = delete;
    ScanWatcher& operator=(const ScanWatcher&) = delete;

    // The scans read since the last call, oldest first.
    [[nodiscard]] std::vector<kiosk::RecordedScan> take();
    // Waits until new scans are ready or `timeout` passes; true when some are ready.
    bool wait(std::chrono::milliseconds timeout);
    [[nodiscard]] WakeUp wake_up() const { return wake_up_; }

private:
    void run();
    void read(bool woken);

    std::filesystem::path database_;
    kiosk::Clock clock_;
    Log log_;
    std::chrono::milliseconds poll_interval_;
    std::string site_id_;
    std::unique_ptr<kiosk::Store> store_; // the thread's own
    std::unique_ptr<kiosk::ScanFeed> feed_;
    std::unique_ptr<kiosk::WakeupListener> listener_;
    WakeUp wake_up_ = WakeUp::PollingOnly;
    std::int64_t seen_version_ = -1;
    int stop_fd_ = -1; // an eventfd that interrupts the thread's poll()
    bool failing_ = false;

    std::mutex mutex_;
    std::condition_variable ready_;
    std::vector<kiosk::RecordedScan> pending_;
    std::thread thread_;
};

} // namespace kiosk_display
