#include "greeter.hpp"

#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>

namespace kiosk_display::app {
namespace {

void log_line(const std::string& line) { std::cerr << "kiosk-display : " << line << '\n'; }

std::string_view tone_name(Tone tone)
{
    switch (tone) {
    case Tone::Go:
        return "go";
    case Tone::Caution:
        return "caution";
    case Tone::Stop:
        return "stop";
    default:
        return "info";
    }
}

} // namespace

Greeter::Greeter(const Options& options)
    : watcher_(options.database, options.site.site_id, options.clock, options.runtime_dir, log_line)
    , chimes_(options.sound, log_line)
{
    if (!options.banner_log.empty()) {
        log_.open(options.banner_log, std::ios::app);
        if (!log_)
            throw std::runtime_error("impossible d'écrire " + options.banner_log.string());
    }
}

bool Greeter::update(Moment now)
{
    for (auto& event : watcher_.take()) {
        Banner banner = banner_for(event);
        if (banner.staff_call == StaffCall::Yes)
            staff_called_at_ = banner.at;
        queue_.push(std::move(banner));
    }
    return queue_.advance(now);
}

Greetings Greeter::greetings() const
{
    Greetings greetings;
    for (const auto& shown : queue_.shown())
        greetings.banners.push_back(shown.banner);
    greetings.waiting = queue_.waiting();
    greetings.staff_called_at = staff_called_at_;
    return greetings;
}

Activity Greeter::activity() const
{
    return queue_.empty() ? Activity::Idle : Activity::Greeting;
}

bool Greeter::has_new_banners() const
{
    for (const auto& shown : queue_.shown())
        if (!on_screen_.contains(shown.banner.scan))
            return true;
    return false;
}

void Greeter::frame_shown(std::chrono::system_clock::time_point when)
{
    // Wall-clock time, comparable with the writer's commit time in another process.
    const auto shown_at =
        std::chrono::duration_cast<std::chrono::microseconds>(when.time_since_epoch()).count();
    std::set<kiosk::ScanId> now_on_screen;
    const Banner* newest = nullptr;
    for (const auto& shown : queue_.shown()) {
        now_on_screen.insert(shown.banner.scan);
        if (on_screen_.contains(shown.banner.scan))
            continue;
        newest = &shown.banner;
        if (log_.is_open()) {
            nlohmann::ordered_json line;
            line["scan"] = shown.banner.scan.to_string();
            line["tone"] = tone_name(shown.banner.tone);
            line["headline"] = shown.banner.headline();
            line["shown_at_us"] = shown_at;
            line["waiting"] = queue_.waiting();
            log_ << line.dump() << '\n';
        }
    }
    log_.flush();
    // One sound per frame, the newest arrival's: a burst is not a cacophony.
    if (newest)
        chimes_.play(newest->tone);
    on_screen_ = std::move(now_on_screen);
}

void Greeter::wait(Moment now, std::chrono::milliseconds timeout)
{
    if (const auto next = queue_.next_change()) {
        if (*next <= now)
            return;
        timeout = std::min(timeout, std::chrono::ceil<std::chrono::milliseconds>(*next - now));
    }
    (void)watcher_.wait(timeout);
}

} // namespace kiosk_display::app
