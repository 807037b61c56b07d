#pragma once

// People trained over a period: how many distinct people followed at least one session, at a
// site (checked in with their ticket, or admitted without one) or online (counted present in
// the platform's attendance report). Counts only: no name or e-mail leaves this function.
//
// Who is one person: the registration's identity (e-mail, else names folded), through the
// ticket or the online registration matched; an online participant not registered, by the
// e-mail or name the platform gave; a walk-in, who has no ticket, is one person each time.
// The identities are kept as keyed hashes (PersonKeys), so purge changes none of the figures.
//
// A person counts once in each row they appear in (a month, a kind of session, a site) and
// once in the total: a person trained in two months is in both months' rows and once in the
// total, so the rows of a breakdown may add up to more than the total.

#include "kiosk/base/time.hpp"
#include "kiosk/store/store.hpp"

#include <string>
#include <vector>

namespace kiosk {

struct TrainedCount {
    std::string key;  // "2026-11", "atelier", "rennes", "en ligne"; "" for the total
    int people = 0;   // distinct people
    int on_site = 0;  // of whom checked in with a ticket at a site
    int walk_ins = 0; // of whom admitted without a ticket
    int online = 0;   // of whom present online
};

struct PeopleTrained {
    Day from;
    Day to;                             // inclusive
    std::vector<TrainedCount> by_month; // "AAAA-MM", in order
    std::vector<TrainedCount> by_kind;  // atelier, live, coaching, privee (those with people)
    std::vector<TrainedCount> by_site;  // the four sites, then "en ligne"
    TrainedCount total;
};

// The site column's name for online sessions, which have no site.
inline constexpr std::string_view online_site_key = "en ligne";

// Over the sessions' local days from `from` to `to` inclusive: check-ins and walk-ins not
// undone, by the day they were recorded; online participants counted present, by the day of
// their session.
[[nodiscard]] PeopleTrained people_trained(Store& store, Day from, Day to);

} // namespace kiosk
