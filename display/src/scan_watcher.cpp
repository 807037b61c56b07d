#include "kiosk_display/scan_watcher.hpp"

#include "kiosk/platform/runtime.hpp"

#include <cerrno>
#include <poll.h>
#include <sys/eventfd.h>
#include <system_error>
#include <unistd.h>

namespace kiosk_display {

ScanWatcher::ScanWatcher(std::filesystem::path database, std::string site_id, kiosk::Clock clock,
                         const std::filesystem::path& runtime_dir, Log log,
                         std::chrono::milliseconds poll_interval)
    : database_(std::move(database))
    , clock_(clock)
    , log_(std::move(log))
    , poll_interval_(poll_interval)
    , site_id_(std::move(site_id))
{
    store_ = std::make_unique<kiosk::Store>(database_, kiosk::Access::ReadOnly);
    seen_version_ = store_->data_version();
    feed_ = std::make_unique<kiosk::ScanFeed>(*store_, site_id_);
    try {
        listener_ = std::make_unique<kiosk::WakeupListener>(runtime_dir);
        wake_up_ = WakeUp::Socket;
    } catch (const std::exception& error) {
        // Said once: greetings then wait for the next poll, a fraction of a second.
        log_("réveil par socket impossible (" + std::string(error.what()) +
             ") : scans lus toutes les " + std::to_string(poll_interval_.count()) + " ms");
    }
    stop_fd_ = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (stop_fd_ < 0)
        throw std::system_error(errno, std::generic_category(), "eventfd");
    thread_ = std::thread([this] { run(); });
}

ScanWatcher::~ScanWatcher()
{
    const std::uint64_t one = 1;
    (void)::write(stop_fd_, &one, sizeof(one));
    thread_.join();
    ::close(stop_fd_);
}

std::vector<kiosk::RecordedScan> ScanWatcher::take()
{
    std::lock_guard lock(mutex_);
    return std::exchange(pending_, {});
}

bool ScanWatcher::wait(std::chrono::milliseconds timeout)
{
    std::unique_lock lock(mutex_);
    return ready_.wait_for(lock, timeout, [this] { return !pending_.empty(); });
}

void ScanWatcher::run()
{
    while (true) {
        pollfd entries[2] = {{stop_fd_, POLLIN, 0}, {listener_ ? listener_->descriptor() : -1, POLLIN, 0}};
        const int ready = ::poll(entries, 2, static_cast<int>(poll_interval_.count()));
        if (ready > 0 && (entries[0].revents & POLLIN) != 0)
            return;
        const bool woken = ready > 0 && (entries[1].revents & POLLIN) != 0;
        if (woken)
            (void)listener_->wait(std::chrono::milliseconds{0}); // drains every datagram
        read(woken);
    }
}

void ScanWatcher::read(bool woken)
{
    try {
        if (!store_) {
            store_ = std::make_unique<kiosk::Store>(database_, kiosk::Access::ReadOnly);
            seen_version_ = -1;
        }
        const std::int64_t version = store_->data_version();
        if (!woken && version == seen_version_)
            return;
        seen_version_ = version;
        auto events = feed_->read_new(*store_, clock_.now());
        if (failing_)
            log_("lecture des scans rétablie");
        failing_ = false;
        if (events.empty())
            return;
        {
            std::lock_guard lock(mutex_);
            for (auto& event : events)
                pending_.push_back(std::move(event));
        }
        ready_.notify_all();
    } catch (const std::exception& error) {
        // The schedule's reader keeps the board up; here, retry on the next turn.
        if (!failing_)
            log_("lecture des scans impossible : " + std::string(error.what()));
        failing_ = true;
        store_.reset();
    }
}

} // namespace kiosk_display
