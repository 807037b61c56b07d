#pragma once

#include "kiosk/store.hpp"
#include "kiosk/time.hpp"

namespace kiosk {

// Seeds a lively day at the four sites (and the day after, so the board always has a "next"):
// workshops in named rooms, national live trainings, coaching slots, private sessions.
// Idempotent: sessions carry demo uids and are updated in place. Returns how many it wrote.
int seed_demo(Store& store, Day day, Instant now);

} // namespace kiosk
