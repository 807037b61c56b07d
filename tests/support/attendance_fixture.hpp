#pragma once

// A day at two sites with known figures, for the attendance reports (26 November 2026):
//   Rennes, "Tableur" 10:00–12:00, 12 seats: 5 tickets, one revoked; holders admitted at 9:40,
//     9:50 and 10:05, a walk-in at 10:02; refused: the revoked ticket, a second scan of an
//     admitted one, one of its tickets read at Nancy.
//   Rennes, "Photo" 14:00–16:00, 8 seats: 2 tickets, nobody yet (the report runs at 13:00).
//   Nancy, "Compta" 10:00–12:00, 10 seats: 2 tickets, both admitted (9:45, 9:58).
//   A national live session at 11:00, with no check-in at all: not measured.
//   At Rennes, something that is not a ticket was read at 9:30.

#include "checkin_fixture.hpp"
#include "kiosk/checkin/walkins.hpp"

namespace test {

class AttendanceFixture : public CheckinFixture {
public:
    AttendanceFixture()
    {
        tableur = add_named("rennes", "Tableur : les bases", "2026-11-26 10:00", "2026-11-26 12:00",
                            12);
        photo = add_named("rennes", "Photo de produit", "2026-11-26 14:00", "2026-11-26 16:00", 8);
        compta = add_named("nancy", "Compta, « facile »", "2026-11-26 10:00", "2026-11-26 12:00",
                           10);
        live = add_session(std::nullopt, "2026-11-26 11:00", "2026-11-26 12:00", kiosk::Kind::Live);

        std::vector<std::string> tableur_tickets;
        for (int index = 0; index < 4; ++index)
            tableur_tickets.push_back(ticket_for(tableur));
        auto revoked_ticket = kiosk::TicketStore(store()).issue(tableur, key(),
                                                                at("2026-11-01 09:00"));
        REQUIRE(revoked_ticket);
        kiosk::TicketStore(store()).revoke(revoked_ticket->claims.ticket, at("2026-11-20 09:00"));
        const auto revoked = revoked_ticket->payload;
        ticket_for(photo);
        ticket_for(photo);
        const auto compta_first = ticket_for(compta);
        const auto compta_second = ticket_for(compta);
        Sql(store().path())
            .exec("UPDATE tickets SET first_name = 'Marguerite', last_name = 'Duchêne', "
                  "email = 'm.duchene@example.fr', note = 'fauteuil roulant', "
                  "holder = 'm.duchene@example.fr' || id");

        scan("pas un billet", "2026-11-26 09:30");
        scan(tableur_tickets[0], "2026-11-26 09:40");
        scan(revoked, "2026-11-26 09:45");
        scan(tableur_tickets[1], "2026-11-26 09:50");
        scan(tableur_tickets[2], "2026-11-26 09:55", "nancy");
        scan(tableur_tickets[2], "2026-11-26 10:05");
        scan(tableur_tickets[2], "2026-11-26 10:06");
        walk_in(tableur, "Gaston", "2026-11-26 10:02");
        scan(compta_first, "2026-11-26 09:45", "nancy");
        scan(compta_second, "2026-11-26 09:58", "nancy");
    }

    kiosk::SessionId add_named(const char* site, const char* title, const char* start,
                               const char* end, int capacity)
    {
        const auto id = add_session(std::string(site), start, end);
        auto session = *kiosk::SessionStore(store()).find(id);
        session.title = title;
        session.capacity = capacity;
        kiosk::SessionStore(store()).update(session, session.start);
        return id;
    }

    void walk_in(kiosk::SessionId session, const char* first_name, const char* when)
    {
        const auto recorded = kiosk::record_walkin(
            store(), {session, first_name, "rennes", "accueil", at(when), "lea"}, kiosk::SeatRules{});
        REQUIRE(recorded);
    }

    kiosk::SessionId tableur, photo, compta, live;
};

} // namespace test
