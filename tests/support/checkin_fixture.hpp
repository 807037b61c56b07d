#pragma once

// A site database in a temporary directory with one trusted issuing key, and helpers to add
// sessions at real Paris times and sign tickets for them.

#include "kiosk/checkin/checkin.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk/tickets/ticket_store.hpp"
#include "kiosk/tickets/trusted_keys.hpp"
#include "sql.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace test {

inline kiosk::Instant at(const char* local_time)
{
    return *kiosk::parse_local_time(local_time);
}

class CheckinFixture {
public:
    CheckinFixture()
        : store_(dir_ / "site.db", kiosk::Access::ReadWrite, kiosk::Creation::CreateIfMissing)
        , key_(kiosk::SigningKey::generate())
    {
        kiosk::TrustedKeys(store_).trust(key_.public_key(), at("2026-01-01 09:00"));
    }

    kiosk::Store& store() { return store_; }
    const kiosk::SigningKey& key() const { return key_; }
    const TempDir& dir() const { return dir_; }

    kiosk::SessionId add_session(const std::optional<std::string>& site, const char* start,
                                 const char* end, kiosk::Kind kind = kiosk::Kind::Atelier)
    {
        kiosk::Session session;
        session.site = site;
        session.kind = kind;
        session.title = "Lancer sa boutique en ligne";
        session.room = kind == kiosk::Kind::Atelier ? "Salle Bréhat" : "";
        session.start = at(start);
        session.end = at(end);
        if (kind == kiosk::Kind::Privee)
            session.organiser = "CCI Hérault";
        return kiosk::SessionStore(store_).add(session, session.start);
    }

    // A ticket issued by the office for a session of this database.
    std::string ticket_for(kiosk::SessionId session)
    {
        auto ticket = kiosk::TicketStore(store_).issue(session, key_, at("2026-01-01 09:00"));
        REQUIRE(ticket);
        return ticket->payload;
    }

    kiosk::CheckinResult scan(const std::string& payload, const char* when,
                              const std::string& site = "rennes",
                              kiosk::ClockTrust clock = kiosk::ClockTrust::Synchronised)
    {
        return kiosk::check_in(store_, {payload, site, "entree", at(when), clock}, rules_);
    }

    int count(const std::string& sql) { return static_cast<int>(Sql(store_.path()).integer(sql)); }

private:
    TempDir dir_;
    kiosk::Store store_;
    kiosk::SigningKey key_;
    kiosk::CheckinRules rules_{};
};

} // namespace test
