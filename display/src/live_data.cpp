#include "kiosk_display/live_data.hpp"

#include <exception>
#include <sys/stat.h>

namespace kiosk_display {
namespace {

// A file put in place of the database (a restore, a copy) is a new file: the connection
// still reading the old one would never see it.
std::pair<std::uint64_t, std::uint64_t> file_identity(const std::filesystem::path& path)
{
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0)
        return {0, 0};
    return {static_cast<std::uint64_t>(status.st_dev), static_cast<std::uint64_t>(status.st_ino)};
}

} // namespace

void LiveData::open_store()
{
    opened_file_ = file_identity(database_);
    seen_version_ = -1; // versions are per connection: a new one must reload
    store_ = std::make_unique<kiosk::Store>(database_, kiosk::Access::ReadOnly);
}

LiveData::LiveData(std::filesystem::path database, SiteSettings site, kiosk::Clock clock,
                   std::chrono::milliseconds poll_interval)
    : database_(std::move(database))
    , site_(std::move(site))
    , clock_(clock)
    , poll_interval_(poll_interval)
{
    open_store();
    const kiosk::Instant now = clock_.now();
    seen_version_ = store_->data_version();
    seen_day_ = kiosk::local_day(now);
    snapshot_.data = std::make_shared<const BoardData>(load_board_data(*store_, site_, now));
    snapshot_.generation = 1;
    snapshot_.data_as_of = now;
    thread_ = std::thread([this] { run(); });
}

LiveData::~LiveData()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

LiveSnapshot LiveData::latest() const
{
    std::lock_guard lock(mutex_);
    return snapshot_;
}

void LiveData::run()
{
    std::unique_lock lock(mutex_);
    while (!stopping_) {
        wake_.wait_for(lock, poll_interval_, [this] { return stopping_; });
        if (stopping_)
            return;
        lock.unlock();
        poll_once();
        lock.lock();
    }
}

void LiveData::poll_once()
{
    try {
        if (store_ && file_identity(database_) != opened_file_)
            store_.reset();
        if (!store_)
            open_store();
        const kiosk::Instant now = clock_.now();
        const std::int64_t version = store_->data_version();
        const kiosk::Day day = kiosk::local_day(now);
        const auto shown = latest();
        const bool stale = shown.freshness == Freshness::Stale;
        const bool seats_due = shown.data && shown.data->seats_change_at &&
                               now >= *shown.data->seats_change_at;
        if (version == seen_version_ && day == seen_day_ && !stale && !seats_due)
            return;
        auto data = std::make_shared<const BoardData>(load_board_data(*store_, site_, now));
        seen_version_ = version;
        seen_day_ = day;
        publish(std::move(data), Freshness::Current, {});
    } catch (const std::exception& error) {
        // Keep the last good board; reopen the database on the next turn.
        store_.reset();
        publish(nullptr, Freshness::Stale, error.what());
    }
}

void LiveData::publish(std::shared_ptr<const BoardData> data, Freshness freshness,
                       std::string problem)
{
    std::lock_guard lock(mutex_);
    const bool changed = data || freshness != snapshot_.freshness;
    if (data) {
        snapshot_.data = std::move(data);
        snapshot_.data_as_of = snapshot_.data->loaded_at;
    }
    snapshot_.freshness = freshness;
    snapshot_.problem = std::move(problem);
    if (changed)
        ++snapshot_.generation;
}

} // namespace kiosk_display
