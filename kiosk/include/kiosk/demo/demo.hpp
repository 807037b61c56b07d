#pragma once

#include "kiosk/base/time.hpp"
#include "kiosk/store/store.hpp"

namespace kiosk {

// Seeds a lively day at the four sites (and the day after, so the board always has a "next"):
// workshops in named rooms, national live trainings, coaching slots, private sessions.
// Idempotent: sessions carry demo uids and are updated in place. Returns how many it wrote.
int seed_demo(Store& store, Day day, Instant now);

struct DemoVisitors {
    int tickets = 0;
    int checkins = 0;
    int walk_ins = 0;
};

// Visitors for the demo day's workshops, so its attendance report and chart mean something:
// registered people with tickets signed by a throwaway key the database trusts, check-ins
// through the real rules for sessions that have started by `now` (most holders, some twice, a
// walk-in each, a code that is not a ticket at each site). Seeds once per day.
DemoVisitors seed_demo_visitors(Store& store, Day day, Instant now);

} // namespace kiosk
