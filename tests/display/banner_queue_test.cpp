// The banner queue on a fixed clock: people arriving together are greeted together, a burst
// drains quickly, and no scan is ever dropped.

#include "kiosk_display/banner_queue.hpp"

#include <catch2/catch.hpp>
#include <map>

using namespace kiosk_display;
using std::chrono::milliseconds;

namespace {

Banner banner(std::int64_t scan)
{
    Banner banner;
    banner.scan = kiosk::ScanId{scan};
    banner.greeting = "Bienvenue";
    return banner;
}

const Moment start{std::chrono::hours{1}};

// When each scan was first shown and for how long, replaying the queue every `step`.
struct Replay {
    std::map<std::int64_t, Moment> first_shown;
    std::map<std::int64_t, milliseconds> shown_for;
    Moment drained{};
    std::size_t most_at_once = 0;
};

Replay replay(BannerQueue& queue, const std::map<milliseconds, std::vector<std::int64_t>>& arrivals,
              milliseconds step = milliseconds{10})
{
    Replay result;
    std::map<std::int64_t, Moment> since;
    for (Moment now = start; now < start + std::chrono::minutes{2}; now += step) {
        for (const auto& [offset, scans] : arrivals)
            if (now - step < start + offset && start + offset <= now)
                for (const auto scan : scans)
                    queue.push(banner(scan));
        queue.advance(now);
        std::map<std::int64_t, Moment> current;
        for (const auto& shown : queue.shown()) {
            const auto scan = shown.banner.scan.value();
            current[scan] = shown.since;
            result.first_shown.try_emplace(scan, now);
        }
        for (const auto& [scan, moment] : since)
            if (!current.contains(scan))
                result.shown_for[scan] = std::chrono::duration_cast<milliseconds>(now - moment);
        since = current;
        result.most_at_once = std::max(result.most_at_once, queue.shown().size());
        if (queue.empty() && now > start + arrivals.rbegin()->first) {
            result.drained = now;
            break;
        }
    }
    return result;
}

} // namespace

TEST_CASE("a lone scan shows at once and stays two and a half seconds", "[banners]")
{
    BannerQueue queue;
    queue.push(banner(1));
    CHECK(queue.advance(start));
    REQUIRE(queue.shown().size() == 1);
    CHECK(queue.next_change() == start + milliseconds{2500});
    CHECK_FALSE(queue.advance(start + milliseconds{2499}));
    CHECK(queue.advance(start + milliseconds{2500}));
    CHECK(queue.empty());
    CHECK_FALSE(queue.next_change());
}

TEST_CASE("people arriving together are greeted side by side at once", "[banners]")
{
    BannerQueue queue;
    queue.push(banner(1));
    queue.advance(start);
    queue.push(banner(2));
    queue.push(banner(3));
    CHECK(queue.advance(start + milliseconds{300}));
    REQUIRE(queue.shown().size() == 3);
    CHECK(queue.shown()[0].banner.scan.value() == 1); // nobody moves for a newcomer
    CHECK(queue.shown()[2].banner.scan.value() == 3);
    CHECK(queue.waiting() == 0);
}

TEST_CASE("a fourth arrival replaces the banner up longest once it had its minimum", "[banners]")
{
    BannerQueue queue;
    for (int i = 1; i <= 3; ++i)
        queue.push(banner(i));
    queue.advance(start);
    queue.push(banner(4));
    CHECK_FALSE(queue.advance(start + milliseconds{799}));
    CHECK(queue.waiting() == 1);
    CHECK(queue.next_change() == start + milliseconds{800});
    CHECK(queue.advance(start + milliseconds{800}));
    CHECK(queue.waiting() == 0);
    REQUIRE(queue.shown().size() == 3);
    CHECK(queue.shown()[0].banner.scan.value() == 4); // in the place of the one it replaced
    // Nobody waits any more: the others get their full time again.
    CHECK(queue.next_change() == start + milliseconds{2500});
}

TEST_CASE("a burst of 50 scans in 2 s shows every one briefly and drains in seconds",
          "[banners][burst]")
{
    BannerQueue queue;
    std::map<milliseconds, std::vector<std::int64_t>> arrivals;
    for (int i = 0; i < 50; ++i)
        arrivals[milliseconds{i * 40}].push_back(i + 1);
    const Replay result = replay(queue, arrivals);
    CHECK(result.first_shown.size() == 50); // none lost
    CHECK(result.shown_for.size() == 50);
    CHECK(result.most_at_once == 3);
    for (const auto& [scan, duration] : result.shown_for) {
        INFO("scan " << scan);
        CHECK(duration >= milliseconds{800});
        CHECK(duration <= milliseconds{2510});
    }
    // In arrival order: nobody overtakes someone who came before.
    for (int scan = 2; scan <= 50; ++scan)
        CHECK(result.first_shown.at(scan) >= result.first_shown.at(scan - 1));
    const auto drain = std::chrono::duration_cast<milliseconds>(result.drained - start);
    WARN("50 scans in 2 s drained in " << drain.count() << " ms");
    CHECK(drain < std::chrono::seconds{20}); // not the 40 s of one banner after another
}

TEST_CASE("a steady stream every 400 ms is greeted without waiting", "[banners]")
{
    BannerQueue queue;
    std::map<milliseconds, std::vector<std::int64_t>> arrivals;
    for (int i = 0; i < 30; ++i)
        arrivals[milliseconds{i * 400}].push_back(i + 1);
    const Replay result = replay(queue, arrivals);
    REQUIRE(result.first_shown.size() == 30);
    for (int i = 0; i < 30; ++i) {
        INFO("scan " << i + 1);
        const auto arrived = start + milliseconds{i * 400};
        CHECK(result.first_shown.at(i + 1) - arrived <= milliseconds{10}); // one step of replay
    }
}
