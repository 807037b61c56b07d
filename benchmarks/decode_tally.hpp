#pragma once

// What the decoder benchmarks share: a frame's cost measured in CPU and wall time, a tally of
// reads, misreads and false positives beside those costs, and real signed tickets to read.

#include "kiosk/tickets/keys.hpp"
#include "kiosk/tickets/ticket.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <random>
#include <string>
#include <vector>

namespace bench {

inline double thread_cpu_milliseconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

struct Cost {
    double cpu_ms = 0, wall_ms = 0;
};

// Runs `decode` once and measures it both ways: the CPU time of this thread (what "on one
// core" means, and steady on a machine busy with other work) and the wall time beside it.
template <typename Decode> Cost measure(Decode&& decode)
{
    using Clock = std::chrono::steady_clock;
    const double cpu_start = thread_cpu_milliseconds();
    const auto wall_start = Clock::now();
    decode();
    const auto wall = std::chrono::duration<double, std::milli>(Clock::now() - wall_start).count();
    return {thread_cpu_milliseconds() - cpu_start, wall};
}

inline double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

struct Tally {
    int frames = 0, read = 0, misread = 0, false_positive = 0;
    std::vector<double> cpu_ms, wall_ms;

    // `expected` is empty for a frame with nothing to read: anything read there is a false
    // positive; on a frame with a code, anything but its text is a misread.
    void add(const std::vector<std::string>& texts, const std::string& expected, Cost cost)
    {
        ++frames;
        cpu_ms.push_back(cost.cpu_ms);
        wall_ms.push_back(cost.wall_ms);
        for (const auto& text : texts) {
            if (expected.empty())
                ++false_positive;
            else if (text != expected)
                ++misread;
        }
        if (!expected.empty() && std::find(texts.begin(), texts.end(), expected) != texts.end())
            ++read;
    }
    [[nodiscard]] double rate() const { return frames ? 100.0 * read / frames : 0; }
    // "rate wrong | cpu median p95 | wall median p95"; `wrong` counts false positives when
    // the frames had nothing to read.
    void print(bool empty) const
    {
        std::printf("%6.1f %5d %7.2f %7.2f %7.2f %7.2f", empty ? 0.0 : rate(),
                    empty ? false_positive : misread, percentile(cpu_ms, 0.5),
                    percentile(cpu_ms, 0.95), percentile(wall_ms, 0.5), percentile(wall_ms, 0.95));
    }
};

// A ticket as the office issues it: real claims signed with `key`.
inline std::string random_ticket(const kiosk::SigningKey& key, std::mt19937& random)
{
    kiosk::TicketClaims claims;
    claims.ticket = kiosk::TicketId::random();
    claims.session = kiosk::SessionId{static_cast<std::int64_t>(random() % 0x7fffffff) + 1};
    claims.site = "rennes";
    claims.day = *kiosk::parse_day("2026-11-26");
    return kiosk::sign_ticket(claims, key);
}

} // namespace bench
