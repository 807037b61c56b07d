#include "kiosk/schedule/session_changes.hpp"

#include <fmt/format.h>
#include <vector>

namespace kiosk {

namespace {

std::string seats(std::optional<int> capacity)
{
    return capacity ? std::to_string(*capacity) : std::string("sans limite");
}

} // namespace

std::string describe_changes(const Session& before, const Session& after)
{
    std::vector<std::string> said;
    if (after.title != before.title)
        said.push_back(fmt::format("titre : « {} » → « {} »", before.title, after.title));
    if (after.start != before.start || after.end != before.end)
        said.push_back(fmt::format("horaire : {} – {} → {} – {}", french_time(before.start),
                                   french_time(before.end), french_time(after.start),
                                   french_time(after.end)));
    if (after.delay_minutes != before.delay_minutes)
        said.push_back(after.delay_minutes == 0
                           ? fmt::format("plus de retard : {}", french_time(after.start))
                           : fmt::format("retardée de {} min : {} → {}", after.delay_minutes,
                                         french_time(after.start),
                                         french_time(after.effective_start())));
    if (after.room != before.room)
        said.push_back(fmt::format("salle : {} → {}", before.room.empty() ? "aucune" : before.room,
                                   after.room.empty() ? "aucune" : after.room));
    if (after.capacity != before.capacity)
        said.push_back(
            fmt::format("places : {} → {}", seats(before.capacity), seats(after.capacity)));
    // Delayed and "room changed" follow from the delay and the room, said above.
    const auto said_status = [](Status status) {
        return status == Status::Cancelled ? "annulée"
               : status == Status::Full    ? "complète"
                                           : "ouverte";
    };
    if (said_status(after.status) != std::string_view(said_status(before.status)))
        said.push_back(before.status == Status::Cancelled ? std::string("rétablie")
                                                          : std::string(said_status(after.status)));
    if (after.trainer != before.trainer)
        said.push_back(
            fmt::format("intervenant : {}", after.trainer.empty() ? "aucun" : after.trainer));
    if (said.empty())
        return "rien de changé";
    std::string text;
    for (const auto& part : said)
        text += (text.empty() ? "" : " ; ") + part;
    return text;
}

} // namespace kiosk
