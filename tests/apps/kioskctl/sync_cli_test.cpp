// The office and two sites, three real databases, synced by bundles through the kioskctl
// binary as an operator would with a USB stick.

#include "kioskctl.hpp"

#include <SQLiteCpp/Database.h>
#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>

using test::Kioskctl;
using test::trimmed;

namespace {

std::string public_key_of(const std::string& generate_output)
{
    const auto start = generate_output.find("clé publique ") + 14;
    return generate_output.substr(start, 64);
}

struct Database {
    Kioskctl kioskctl;
    std::string name;

    explicit Database(std::string name_)
        : name(std::move(name_))
    {
        kioskctl.ok({"init"});
    }

    std::string file(const std::string& name_) const { return (kioskctl.dir() / name_).string(); }

    // Exports for `to` into a file of this database's directory and returns its path.
    std::string send(const Database& to, std::vector<std::string> extra = {})
    {
        const auto path =
            file(name + "-to-" + to.name + "-" + std::to_string(++bundles) + ".bundle");
        std::vector<std::string> arguments{"sync", "export", "--for", to.name, "--out", path};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        kioskctl.ok(arguments);
        return path;
    }

    std::string receive(const std::string& bundle)
    {
        return kioskctl.ok({"sync", "apply", bundle});
    }

    long long count(const std::string& sql) const
    {
        SQLite::Database database(kioskctl.database(), SQLite::OPEN_READONLY);
        return database.execAndGet(sql).getInt64();
    }

    int bundles = 0;
};

// The office signs tickets and bundles with one key, which the sites trust; each site has a
// device key that the office registers.
struct Network {
    Database office{"office"};
    Database rennes{"rennes"};
    Database nancy{"nancy"};
    std::string issuer_key = office.file("issuer.key");

    Network()
    {
        const auto office_key =
            public_key_of(office.kioskctl.ok({"keys", "generate", "--out", issuer_key}));
        office.kioskctl.ok({"keys", "trust", office_key});
        CHECK_THAT(office.kioskctl.ok({"sync", "identity", "--office", "--key", issuer_key}),
                   Catch::Contains("keys trust " + office_key));
        for (Database* site : {&rennes, &nancy}) {
            site->kioskctl.ok({"keys", "trust", office_key});
            const auto device_key = site->file("device.key");
            const auto device =
                public_key_of(site->kioskctl.ok({"keys", "generate", "--out", device_key}));
            CHECK_THAT(
                site->kioskctl.ok({"sync", "identity", "--site", site->name, "--key", device_key}),
                Catch::Contains("sync register --site " + site->name));
            office.kioskctl.ok({"sync", "register", "--site", site->name, "--public-key", device});
        }
    }
};

} // namespace

TEST_CASE("kioskctl sync: issue at the office, check in at Rennes, the office sees it, and "
          "edits, undo, revocation and deletion travel",
          "[kioskctl][sync]")
{
    Network network;
    auto& office = network.office;
    auto& rennes = network.rennes;
    auto& nancy = network.nancy;

    // Rennes's workshop reaches the office, which issues a ticket for it and publishes a live.
    const auto workshop = trimmed(
        rennes.kioskctl.ok({"session", "add", "--site", "rennes", "--kind", "atelier", "--title",
                            "Lancer sa boutique en ligne", "--start", "2026-11-26 14:00", "--end",
                            "16:00", "--room", "Salle Bréhat", "--capacity", "12"}));
    // The workshop, and the site's health as of the export.
    CHECK_THAT(office.receive(rennes.send(office)), Catch::Contains("2 lignes"));
    CHECK(office.count("SELECT count(*) FROM site_health WHERE site = 'rennes'") == 1);
    const auto live = trimmed(office.kioskctl.ok(
        {"session", "add", "--kind", "live", "--title", "Télétravail : les bons outils", "--start",
         "2026-11-26 10:00", "--end", "11:30", "--url", "https://visio.example.fr/live/t"}));
    const auto signed_ticket = nlohmann::json::parse(office.kioskctl.ok(
        {"ticket", "sign", "--session", workshop, "--key", network.issuer_key, "--json"}));
    const auto ticket = signed_ticket["payload"].get<std::string>();
    const auto national = nlohmann::json::parse(office.kioskctl.ok(
        {"ticket", "sign", "--session", live, "--key", network.issuer_key, "--json"}));
    rennes.receive(office.send(rennes));
    nancy.receive(office.send(nancy));
    CHECK(rennes.kioskctl.day("rennes", "2026-11-26")["sessions"].size() == 2);
    // Each applied bundle leaves one line in the receiver's trail: from whom, how many rows.
    const auto trail = nlohmann::json::parse(
        rennes.kioskctl.ok({"audit", "--by", "sync:office", "--format", "json"}));
    REQUIRE(trail.size() == 1);
    CHECK(trail[0]["action"] == "sync.apply");
    CHECK(trail[0]["after"]["rows"].get<int>() >= 3);
    CHECK_THAT(rennes.kioskctl.ok({"audit"}),
               Catch::Contains("siège (synchronisation) a apporté"));

    // Check-in at Rennes, back to the office.
    const auto admitted =
        rennes.kioskctl({"--at", "2026-11-26 13:50", "checkin", ticket, "--site", "rennes"});
    INFO(admitted.err);
    REQUIRE(admitted.exit_code == 0);
    office.receive(rennes.send(office));
    CHECK(office.count(
              "SELECT count(*) FROM checkins WHERE site = 'rennes' AND undone_at IS NULL") == 1);
    CHECK(office.count(
              "SELECT count(*) FROM scans WHERE site = 'rennes' AND verdict = 'accepted'") == 1);

    // Staff edit the workshop at Rennes and undo the check-in: the office sees both.
    rennes.kioskctl.ok({"session", "update", workshop, "--room", "Salle Ouessant"});
    const auto ticket_id = signed_ticket["ticket"].get<std::string>();
    rennes.kioskctl.ok(
        {"--at", "2026-11-26 13:56", "checkin", "undo", ticket_id, "--by", "accueil"});
    office.receive(rennes.send(office));
    const auto at_office = office.kioskctl.day("rennes", "2026-11-26")["sessions"];
    CHECK(std::any_of(at_office.begin(), at_office.end(), [&](const auto& session) {
        return session["id"] == workshop && session["room"] == "Salle Ouessant" &&
               session["previous_room"] == "Salle Bréhat";
    }));
    CHECK(office.count("SELECT count(*) FROM checkins WHERE undone_by = 'accueil'") == 1);

    // A revocation at the office reaches Nancy, which then refuses the national ticket.
    office.kioskctl.ok({"ticket", "revoke", national["ticket"].get<std::string>()});
    nancy.receive(office.send(nancy));
    const auto refused =
        nancy.kioskctl({"--at", "2026-11-26 09:50", "checkin",
                        national["payload"].get<std::string>(), "--site", "nancy", "--json"});
    CHECK(refused.exit_code == 1);
    CHECK(nlohmann::json::parse(refused.out)["verdict"] == "revoked");

    // The live has a ticket: it cannot be removed (it is cancelled instead). One without
    // tickets is removed at the office and disappears at Rennes.
    const auto kept = office.kioskctl({"session", "remove", live});
    CHECK(kept.exit_code == 2);
    CHECK_THAT(kept.err, Catch::Contains("a des billets ou des entrées"));
    const auto spare = trimmed(office.kioskctl.ok(
        {"session", "add", "--kind", "live", "--title", "Live sans inscrits", "--start",
         "2026-11-26 15:00", "--end", "16:00", "--url", "https://visio.example.fr/live/s"}));
    rennes.receive(office.send(rennes));
    CHECK(rennes.count("SELECT count(*) FROM sessions WHERE kind = 'live'") == 2);
    office.kioskctl.ok({"session", "remove", spare});
    CHECK_THAT(rennes.receive(office.send(rennes)), Catch::Contains("1 suppressions"));
    CHECK(rennes.count("SELECT count(*) FROM sessions WHERE kind = 'live'") == 1);

    // Status says what went where and when.
    const auto status = nlohmann::json::parse(office.kioskctl.ok({"sync", "status", "--json"}));
    CHECK(status["identity"] == "office");
    const auto& peers = status["peers"];
    const auto found = std::find_if(peers.begin(), peers.end(),
                                    [](const auto& peer) { return peer["peer"] == "rennes"; });
    REQUIRE(found != peers.end());
    CHECK((*found)["received_seq"].get<int>() > 0);
    CHECK((*found)["acked_seq"].get<int>() > 0);
    CHECK_FALSE((*found)["sent_at"].is_null());
    CHECK_THAT(rennes.kioskctl.ok({"sync", "status"}), Catch::Contains("office"));
}

TEST_CASE("kioskctl sync: bad bundles are refused with a message, exit 2, database unchanged",
          "[kioskctl][sync]")
{
    Network network;
    auto& office = network.office;
    auto& rennes = network.rennes;
    auto& nancy = network.nancy;
    office.kioskctl.ok({"session", "add", "--kind", "live", "--title", "Live", "--start",
                        "2026-11-26 10:00", "--end", "11:30"});
    const auto for_nancy = office.send(nancy);
    const auto for_rennes = office.send(rennes);
    rennes.receive(for_rennes);

    auto refused = [](Database& database, const std::string& bundle, const std::string& words) {
        const auto before = database.kioskctl.snapshot();
        const auto result = database.kioskctl({"sync", "apply", bundle});
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.err, Catch::Contains(words));
        CHECK(database.kioskctl.snapshot() == before);
    };
    refused(rennes, for_nancy, "destiné à « nancy »");

    const auto bytes = test::read_file(for_rennes);
    const auto truncated = rennes.file("truncated.bundle");
    std::ofstream(truncated, std::ios::binary) << bytes.substr(0, bytes.size() / 2);
    refused(rennes, truncated, "tronqué");
    auto changed = bytes;
    changed[changed.size() / 2] = static_cast<char>(changed[changed.size() / 2] ^ 0x20);
    const auto tampered = rennes.file("tampered.bundle");
    std::ofstream(tampered, std::ios::binary) << changed;
    refused(rennes, tampered, "signature invalide");
    // A file that never ends is read up to the largest bundle, not until memory runs out.
    refused(rennes, "/dev/zero", "plus de 128 Mo, ce n'est pas un paquet");

    // An unregistered device.
    Database stranger{"rennes"};
    const auto stranger_key = stranger.file("device.key");
    stranger.kioskctl.ok({"keys", "generate", "--out", stranger_key});
    stranger.kioskctl.ok({"sync", "identity", "--site", "rennes", "--key", stranger_key});
    refused(office, stranger.send(office), "appareil inconnu");

    // A replay is harmless: exit 0, nothing written.
    const auto before = rennes.kioskctl.snapshot();
    CHECK_THAT(rennes.receive(for_rennes), Catch::Contains("déjà appliqué"));
    CHECK(rennes.kioskctl.snapshot() == before);
}
