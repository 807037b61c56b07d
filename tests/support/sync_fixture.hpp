#pragma once

// The office and sites as real databases in temporary directories, each with its sync
// identity and key file, wired together as in the README: sites trust the office's key, the
// office registers the sites' device keys.

#include "kiosk/checkin/checkin.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk/sync/sync.hpp"
#include "kiosk/tickets/ticket_store.hpp"
#include "kiosk/tickets/trusted_keys.hpp"
#include "sql.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <vector>

namespace test {

inline kiosk::Instant paris(const char* local_time) { return *kiosk::parse_local_time(local_time); }

class SyncPeer {
public:
    explicit SyncPeer(const std::string& name)
        : name_(name)
        , store_(dir_ / "kiosk.db", kiosk::Access::ReadWrite, kiosk::Creation::CreateIfMissing)
    {
        const auto key = kiosk::SigningKey::generate();
        REQUIRE(key.save_new(key_file()));
        public_key_ = key.public_key();
        REQUIRE(kiosk::Sync(store_).set_identity(name, key_file(), paris("2026-11-01 09:00")));
    }

    kiosk::Store& store() { return store_; }
    kiosk::Sync sync() { return kiosk::Sync(store_); }
    const std::string& name() const { return name_; }
    const kiosk::PublicKey& public_key() const { return public_key_; }
    std::filesystem::path key_file() const { return dir_ / "sync.key"; }
    kiosk::SigningKey key() const { return std::move(*kiosk::SigningKey::load(key_file())); }

    std::vector<std::uint8_t> export_for(const SyncPeer& to,
                                         std::optional<std::int64_t> since = std::nullopt)
    {
        auto bundle = sync().export_for(to.name(), since, paris("2026-11-26 12:00"));
        INFO((bundle ? std::string() : bundle.error().message));
        REQUIRE(bundle);
        return bundle->bytes;
    }

    tl::expected<kiosk::AppliedBundle, kiosk::SyncError>
    apply(const std::vector<std::uint8_t>& bytes)
    {
        return sync().apply(bytes, paris("2026-11-26 12:05"));
    }

    void apply_ok(const std::vector<std::uint8_t>& bytes)
    {
        const auto applied = apply(bytes);
        INFO((applied ? std::string() : applied.error().message));
        REQUIRE(applied);
    }

    // Every table but the sync bookkeeping, row by row: what "the same database" means.
    std::string dump()
    {
        Sql database(store_.path());
        std::string text;
        for (const auto& table : database.tables()) {
            if (table.starts_with("sync"))
                continue;
            text += "[" + table + "]\n";
            for (const auto& row : database.rows("SELECT * FROM " + table + " ORDER BY 1")) {
                for (const auto& value : row)
                    text += (value == "NULL" ? "∅" : value) + "|";
                text += "\n";
            }
        }
        return text;
    }

    // The dump plus the sync bookkeeping: a refused bundle changes neither.
    std::string full_dump()
    {
        Sql database(store_.path());
        std::string text = dump();
        for (const char* table : {"sync_changes", "sync_identity", "sync_peers", "sync_pending"})
            for (const auto& row : database.rows(std::string("SELECT * FROM ") + table + " ORDER BY 1"))
                for (const auto& value : row)
                    text += (value == "NULL" ? "" : value) + "|";
        return text;
    }

    int count(const std::string& sql) { return static_cast<int>(Sql(store_.path()).integer(sql)); }

private:
    std::string name_;
    TempDir dir_;
    kiosk::Store store_;
    kiosk::PublicKey public_key_;
};

// The office (its sync key is its ticket key) and the sites it knows.
struct SyncNetwork {
    std::unique_ptr<SyncPeer> office = std::make_unique<SyncPeer>("office");
    std::unique_ptr<SyncPeer> rennes = site("rennes");
    std::unique_ptr<SyncPeer> nancy = site("nancy");

    std::unique_ptr<SyncPeer> site(const std::string& name)
    {
        auto peer = std::make_unique<SyncPeer>(name);
        kiosk::TrustedKeys(peer->store()).trust(office->public_key(), paris("2026-11-01 09:00"));
        office->sync().register_device(name, peer->public_key(), paris("2026-11-01 09:00"));
        return peer;
    }

    kiosk::SessionId add_session(SyncPeer& peer, const std::optional<std::string>& site,
                                 const char* title, const char* start, const char* end)
    {
        kiosk::Session session;
        session.site = site;
        session.kind = site ? kiosk::Kind::Atelier : kiosk::Kind::Live;
        session.title = title;
        session.room = site ? "Salle Bréhat" : "";
        session.start = paris(start);
        session.end = paris(end);
        return kiosk::SessionStore(peer.store()).add(session, paris("2026-11-02 10:00"));
    }

    // A ticket issued at the office, with the holder's names as registration would store them.
    std::string issue(kiosk::SessionId session, const std::string& first_name)
    {
        const auto key = office->key();
        auto ticket =
            kiosk::TicketStore(office->store()).issue(session, key, paris("2026-11-03 10:00"));
        REQUIRE(ticket);
        Sql(office->store().path())
            .exec("UPDATE tickets SET first_name = ?2, last_name = 'Le Gall', "
                  "email = 'personne@example.fr', note = 'fauteuil' WHERE id = ?1",
                  {ticket->claims.ticket.database_value(), first_name});
        return ticket->payload;
    }
};

inline kiosk::CheckinResult scan(SyncPeer& site, const std::string& payload, const char* when)
{
    return kiosk::check_in(site.store(), {payload, site.name(), "entree", paris(when)}, {});
}

} // namespace test
