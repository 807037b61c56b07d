#include "kiosk_display/banner_queue.hpp"

#include <algorithm>

namespace kiosk_display {

BannerQueue::BannerQueue(BannerTiming timing) : timing_(timing)
{
    timing_.places = std::max<std::size_t>(1, timing_.places);
    timing_.least = std::min(timing_.least, timing_.dwell);
}

void BannerQueue::push(Banner banner) { waiting_.push_back(std::move(banner)); }

bool BannerQueue::advance(Moment now)
{
    bool changed = false;
    // Time is up for banners shown their full time; a place that empties is closed up.
    const auto before = shown_.size();
    std::erase_if(shown_, [&](const ShownBanner& shown) { return now - shown.since >= timing_.dwell; });
    changed = shown_.size() != before;
    while (shown_.size() < timing_.places && !waiting_.empty()) {
        shown_.push_back({std::move(waiting_.front()), now});
        waiting_.pop_front();
        changed = true;
    }
    // Others wait: the banner up longest gives way, once it has had its minimum.
    while (!waiting_.empty()) {
        auto oldest = std::min_element(shown_.begin(), shown_.end(),
                                       [](const ShownBanner& a, const ShownBanner& b) {
                                           return a.since < b.since;
                                       });
        if (oldest == shown_.end() || now - oldest->since < timing_.least)
            break;
        *oldest = {std::move(waiting_.front()), now};
        waiting_.pop_front();
        changed = true;
    }
    return changed;
}

std::optional<Moment> BannerQueue::next_change() const
{
    std::optional<Moment> next;
    auto consider = [&](Moment moment) {
        if (!next || moment < *next)
            next = moment;
    };
    for (const auto& shown : shown_)
        consider(shown.since + (waiting_.empty() ? timing_.dwell : timing_.least));
    if (!waiting_.empty() && shown_.size() < timing_.places)
        consider(Moment{}); // a free place: at once
    return next;
}

} // namespace kiosk_display
