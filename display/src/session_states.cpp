// The state words of one session at one instant: what a visitor needs to know before walking
// to the room.

#include "kiosk_display/board_model.hpp"

#include <fmt/format.h>

namespace kiosk_display {

bool is_physical(const kiosk::Session& session) { return session.kind == kiosk::Kind::Atelier; }

std::vector<Badge> session_badges(const kiosk::Session& session, kiosk::Instant now,
                                  kiosk::Minutes doors_open_lead, std::optional<int> seats_left)
{
    using kiosk::Status;
    if (session.status == Status::Cancelled)
        return {{"annulé", Tone::Stop}};

    std::vector<Badge> badges;
    const kiosk::Instant start = session.effective_start();
    const kiosk::Instant end = session.effective_end();
    // A zero-length session is over as soon as it starts.
    if (now >= end) {
        badges.push_back({"terminé", Tone::Muted});
        return badges;
    }
    if (now >= start)
        badges.push_back({"en cours", Tone::Go});
    else if (is_physical(session) && now >= start - doors_open_lead)
        badges.push_back({"portes ouvertes", Tone::Go});
    else if (session.status != Status::Delayed)
        badges.push_back({"à venir", Tone::Info});

    if (session.status == Status::Delayed && session.delay_minutes > 0)
        badges.push_back({fmt::format("retardé de {} min", session.delay_minutes), Tone::Caution});
    if (session.status == Status::RoomChanged)
        badges.push_back({"salle changée", Tone::Caution});

    if (session.status == Status::Full || (seats_left && *seats_left <= 0))
        badges.push_back({"complet", Tone::Caution});
    else if (seats_left)
        badges.push_back({*seats_left == 1 ? std::string("1 place restante")
                                           : fmt::format("{} places restantes", *seats_left),
                          Tone::Go});
    return badges;
}

} // namespace kiosk_display
