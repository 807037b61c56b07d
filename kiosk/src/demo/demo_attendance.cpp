#include "kiosk/base/site.hpp"
#include "kiosk/checkin/checkin.hpp"
#include "kiosk/checkin/walkins.hpp"
#include "kiosk/demo/demo.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk/tickets/keys.hpp"
#include "kiosk/tickets/ticket_store.hpp"
#include "kiosk/tickets/trusted_keys.hpp"

#include <array>
#include <fmt/format.h>
#include <random>

namespace kiosk {
namespace {

constexpr std::array<const char*, 16> first_names{
    "Marie",  "Thomas", "Léa",   "Hugo",   "Chloé",    "Lucas",  "Inès",   "Gabriel",
    "Manon",  "Jules",  "Zoé",   "Théo",   "Camille",  "Noé",    "Anaïs",  "Émile"};
constexpr std::array<const char*, 12> last_names{
    "Le Goff", "Martin",  "Bernard", "Petit",   "Durand",  "Lefèvre",
    "Moreau",  "Garnier", "Roux",    "Fournier", "Girard", "Bonnet"};

// Whether demo visitors were already seeded: reseeding would add scans, not update them.
bool already_seeded(Store& store, Day day)
{
    const DayRange range = local_day_range(day);
    return scans_recorded(store, "demo", range.begin - std::chrono::hours{1}, range.end) > 0;
}

std::vector<Registration> people_for(const Session& session, std::mt19937& random, bool with_note)
{
    const int seats = session.capacity.value_or(10);
    const int count = std::max(2, seats * 6 / 10 + static_cast<int>(random() % 3));
    std::vector<Registration> people;
    for (int index = 0; index < count; ++index) {
        Registration person;
        person.first_name = first_names[random() % first_names.size()];
        person.last_name = fmt::format("{} {}", last_names[random() % last_names.size()],
                                       index + 1); // one person each, whatever the draw
        if (with_note && index == 0)
            person.note = "fauteuil roulant";
        people.push_back(std::move(person));
    }
    return people;
}

ScanRequest request(std::string_view payload, std::string_view site, Instant at)
{
    return {payload, std::string(site), "demo", at, ClockTrust::Synchronised};
}

} // namespace

DemoVisitors seed_demo_visitors(Store& store, Day day, Instant now)
{
    DemoVisitors seeded;
    if (already_seeded(store, day))
        return seeded;
    const auto key = SigningKey::generate();
    const Instant issued = local_day_range(day).begin - std::chrono::hours{24 * 7};
    const CheckinRules rules;
    store.write([&] {
        TrustedKeys(store).trust(key.public_key(), issued);
        for (const auto& site : all_sites()) {
            std::mt19937 random(static_cast<unsigned>(site.id().size() * 7919));
            bool noted = false;
            for (const auto& session : SessionStore(store).day(site.id(), day)) {
                if (session.kind != Kind::Atelier || !session.site ||
                    session.status == Status::Cancelled)
                    continue;
                const auto people = people_for(session, random, !noted);
                noted = true;
                auto tickets = TicketStore(store).issue_for(session.id, people, key, issued,
                                                            WhenRevoked::Skip);
                if (!tickets)
                    continue;
                seeded.tickets += static_cast<int>(tickets->size());
                const Instant start = session.effective_start();
                for (const auto& ticket : *tickets) {
                    // Most come, from 25 minutes early to 8 minutes late.
                    if (random() % 10 < 2)
                        continue;
                    const Instant at = start + Minutes{static_cast<int>(random() % 34) - 25};
                    if (at > now)
                        continue;
                    const auto result =
                        check_in(store, request(ticket.payload, site.id(), at), rules);
                    seeded.checkins += admits(result.decision.verdict()) ? 1 : 0;
                    if (random() % 12 == 0) // shown twice
                        check_in(store, request(ticket.payload, site.id(), at + Minutes{1}), rules);
                }
                if (start + Minutes{3} <= now &&
                    record_walkin(store,
                                  {session.id, first_names[random() % first_names.size()],
                                   std::string(site.id()), "demo", start + Minutes{3}, "demo"},
                                  SeatRules{}))
                    ++seeded.walk_ins;
            }
            const Instant morning = local_day_range(day).begin + std::chrono::hours{9};
            if (morning <= now) // a visitor shows a boarding pass
                check_in(store, request("M1DUPONT/MARIE", site.id(), morning), rules);
        }
    });
    return seeded;
}

} // namespace kiosk
