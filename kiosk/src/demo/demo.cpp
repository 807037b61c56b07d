#include "kiosk/demo/demo.hpp"

#include "kiosk/schedule/session_store.hpp"

#include <array>
#include <fmt/format.h>

namespace kiosk {
namespace {

struct Room {
    const char* name;
    int capacity;
};

struct SiteRooms {
    const char* site;
    std::array<Room, 3> rooms;
    const char* organiser; // the local chamber or merchants' association
};

constexpr std::array<SiteRooms, 4> site_rooms{{
    {"rennes", {{{"Salle Bréhat", 14}, {"Salle Ouessant", 10}, {"Fab lab", 8}}},
     "CCI Ille-et-Vilaine"},
    {"nancy", {{{"Salle Stanislas", 16}, {"Salle Majorelle", 12}, {"Atelier 3", 8}}},
     "Union des commerçants de Nancy"},
    {"montpellier", {{{"Salle Antigone", 14}, {"Salle Comédie", 10}, {"Labo", 8}}},
     "CCI Hérault"},
    {"saint-etienne", {{{"Salle Manufacture", 12}, {"Salle Pilat", 10}, {"Espace Design", 8}}},
     "Les vitrines de Saint-Étienne"},
}};

struct Workshop {
    int start; // minutes after local midnight
    int minutes;
    std::size_t room;
    const char* title;
    const char* trainer;
    const char* tags;
};

constexpr std::array<Workshop, 6> workshops{{
    {9 * 60 + 30, 90, 0, "Créer sa fiche d'établissement sur Google", "Claire Le Gall",
     "commerce,visibilité"},
    {10 * 60, 120, 1, "Facebook et Instagram pour les commerçants", "Yannick Moreau",
     "réseaux sociaux"},
    {11 * 60, 60, 2, "Découvrir l'impression 3D", "Inès Benali", "fabrication"},
    {14 * 60, 120, 0, "Lancer sa boutique en ligne", "Hugo Martin", "commerce,vente en ligne"},
    {14 * 60 + 30, 120, 1, "Sauvegardes et mots de passe : protéger son activité",
     "Sophie Arnaud", "sécurité"},
    {16 * 60 + 30, 90, 0, "Facturation électronique : ce qui change en 2026", "Marc Delorme",
     "gestion"},
}};

struct Live {
    int start;
    int minutes;
    const char* title;
    const char* slug;
    const char* trainer;
};

constexpr std::array<Live, 5> lives{{
    {10 * 60, 90, "Lancer son site Internet", "lancer-son-site", "Julie Renaud"},
    {11 * 60 + 30, 60, "Télétravail : les bons outils", "teletravail-outils", "Karim Haddad"},
    {14 * 60, 90, "Agriculteurs : vendre en ligne", "agriculteurs-vente-en-ligne",
     "Pierre Lemoine"},
    {15 * 60 + 30, 60, "Tourisme : préparer l'après-crise", "tourisme-apres-crise",
     "Anne Vidal"},
    {17 * 60, 60, "Être visible sur les plateformes de réservation", "plateformes-reservation",
     "Lucas Perrin"},
}};

Instant at(Day day, int minutes_after_midnight)
{
    const int hours = minutes_after_midnight / 60;
    const int minutes = minutes_after_midnight % 60;
    return *parse_local_time(fmt::format("{} {:02}:{:02}", format_day(day), hours, minutes));
}

// Small, deterministic variety so the demo board shows every state at some site.
Status demo_status(std::size_t site, std::size_t workshop, int& delay)
{
    delay = 0;
    if (site == 0 && workshop == 1) {
        delay = 15;
        return Status::Delayed;
    }
    if (site == 1 && workshop == 3)
        return Status::Full;
    if (site == 2 && workshop == 5)
        return Status::Cancelled;
    return Status::Scheduled;
}

} // namespace

int seed_demo(Store& store, Day day, Instant now)
{
    SessionStore sessions(store);
    int written = 0;
    auto put = [&](Session session) {
        sessions.upsert_by_uid(std::move(session), now);
        ++written;
    };
    return store.write([&] {
        for (int offset = 0; offset < 2; ++offset) {
            const Day current{date::sys_days{day} + date::days{offset}};
            const std::string stamp = format_day(current);
            for (std::size_t s = 0; s < site_rooms.size(); ++s) {
                const SiteRooms& site = site_rooms[s];
                for (std::size_t w = 0; w < workshops.size(); ++w) {
                    const Workshop& workshop = workshops[w];
                    Session session;
                    session.uid = fmt::format("demo-{}-{}-atelier-{}", stamp, site.site, w);
                    session.site = site.site;
                    session.kind = Kind::Atelier;
                    session.title = workshop.title;
                    session.trainer = workshop.trainer;
                    session.tags = split_tags(workshop.tags);
                    const Room& room = site.rooms[workshop.room];
                    session.room = room.name;
                    session.capacity = room.capacity;
                    session.start = at(current, workshop.start);
                    session.end = session.start + Minutes{workshop.minutes};
                    session.status = demo_status(s, w, session.delay_minutes);
                    if (offset == 0 && s == 3 && w == 4) {
                        session.previous_room = site.rooms[0].name;
                        session.status = Status::RoomChanged;
                    }
                    put(std::move(session));
                }
                Session group;
                group.uid = fmt::format("demo-{}-{}-privee", stamp, site.site);
                group.site = site.site;
                group.kind = Kind::Privee;
                group.title = "Réseaux sociaux : atelier pour les commerces du centre-ville";
                group.organiser = site.organiser;
                group.join_url = fmt::format("https://visio.ateliers-numeriques.fr/prive/{}-{}",
                                             site.site, stamp);
                group.start = at(current, 12 * 60 + 30);
                group.end = group.start + Minutes{60};
                put(std::move(group));
            }
            for (std::size_t l = 0; l < lives.size(); ++l) {
                const Live& live = lives[l];
                Session session;
                session.uid = fmt::format("demo-{}-live-{}", stamp, live.slug);
                session.kind = Kind::Live;
                session.title = live.title;
                session.trainer = live.trainer;
                session.tags = {"en ligne"};
                session.join_url =
                    fmt::format("https://visio.ateliers-numeriques.fr/live/{}", live.slug);
                session.start = at(current, live.start);
                session.end = session.start + Minutes{live.minutes};
                put(std::move(session));
            }
            for (int slot = 0; slot < 8; ++slot) {
                Session session;
                session.uid = fmt::format("demo-{}-coaching-{}", stamp, slot);
                session.kind = Kind::Coaching;
                session.title = "Coaching individuel en visio";
                session.trainer = slot % 2 == 0 ? "Nadia Ferrand" : "Thomas Giraud";
                const int start = (slot < 4 ? 9 * 60 : 14 * 60) + (slot % 4) * 45;
                session.start = at(current, start);
                session.end = session.start + Minutes{40};
                put(std::move(session));
            }
        }
        return written;
    });
}

} // namespace kiosk
