#pragma once

// What the board says when a ticket is read at the entrance: a banner per scan, green for a
// welcome, amber for "already in", red for a refusal with what to do. Plain data, built from
// the scan as recorded (kiosk::ScanFeed) and worded by the core (kiosk::visitor_message); no
// window here.

#include "kiosk/base/time.hpp"
#include "kiosk/checkin/scan_feed.hpp"
#include "kiosk_display/palette.hpp"

#include <optional>
#include <string>

namespace kiosk_display {

enum class StaffCall { No, Yes };

struct Banner {
    kiosk::ScanId scan;
    kiosk::Instant at;
    Tone tone = Tone::Go; // Go: welcome; Caution: already in; Stop: refused
    // The headline is greeting + name + ending ("Bienvenue" "Marie" " !"); the layout shortens
    // only the name when it does not fit, so the greeting and the "!" always show.
    std::string greeting;
    std::string name;
    std::string ending;
    std::string detail; // "Lancer sa boutique en ligne": may be shortened
    std::string where;  // "Salle Bréhat · 14 h": where to go and when, always shown whole
    std::string hint;   // what to do, or "Un membre de l'équipe arrive"; always shown whole
    StaffCall staff_call = StaffCall::No;

    [[nodiscard]] std::string headline() const;
};

// What the hint says when a ticket carries a staff note.
inline constexpr const char* staff_coming = "Un membre de l'équipe arrive";

[[nodiscard]] Banner banner_for(const kiosk::RecordedScan& scan);

// A first name as it may be shown: control characters dropped, spaces collapsed, at most
// 80 code points (the layout shortens further to the width it has).
[[nodiscard]] std::string shown_first_name(std::string_view raw);

} // namespace kiosk_display
