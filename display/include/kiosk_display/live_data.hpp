#pragma once

// Keeps the board's data current without stalling frames: a background thread polls
// PRAGMA data_version on its own read-only connection and reloads when another process
// committed, or when the day changes. A failed reload keeps the last good data, marked stale.

#include "kiosk/base/time.hpp"
#include "kiosk_display/board_data.hpp"
#include "kiosk_display/board_source.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace kiosk_display {

struct LiveSnapshot {
    std::shared_ptr<const BoardData> data;
    std::uint64_t generation = 0; // grows with every new data or change of freshness
    Freshness freshness = Freshness::Current;
    kiosk::Instant data_as_of{};
    std::string problem; // why the last reload failed, for the log
};

class LiveData {
public:
    // Loads once before returning, so a missing or foreign database fails here (StoreError).
    LiveData(std::filesystem::path database, SiteSettings site, kiosk::Clock clock,
             std::chrono::milliseconds poll_interval = std::chrono::milliseconds{250});
    ~LiveData();
    LiveData(const LiveData&) = delete;
    LiveData& operator=(const LiveData&) = delete;

    [[nodiscard]] LiveSnapshot latest() const;

private:
    void run();
    void poll_once();
    void open_store();
    void publish(std::shared_ptr<const BoardData> data, Freshness freshness, std::string problem);

    std::filesystem::path database_;
    SiteSettings site_;
    kiosk::Clock clock_;
    std::chrono::milliseconds poll_interval_;

    // Touched only by the polling thread (and the constructor, before it starts).
    std::unique_ptr<kiosk::Store> store_;
    std::pair<std::uint64_t, std::uint64_t> opened_file_{}; // device and inode when opened
    std::int64_t seen_version_ = -1;
    kiosk::Day seen_day_{};

    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    LiveSnapshot snapshot_;
    std::thread thread_;
};

} // namespace kiosk_display
