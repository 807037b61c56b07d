// The office signs, a site trusts, a kiosk decides: keys, tickets and check-in end to end
// through the kioskctl binary.

#include "build_paths.hpp"
#include "kioskctl.hpp"

#include <SQLiteCpp/Database.h>
#include <catch2/catch.hpp>
#include <fstream>
#include <sys/stat.h>

using test::Kioskctl;
using test::trimmed;

namespace {

struct Office {
    Kioskctl kioskctl;
    std::string key_file;
    std::string public_key;
    std::string key_id;
    std::string session;

    Office()
        : key_file((kioskctl.dir() / "issuer.key").string())
    {
        kioskctl.ok({"init"});
        const auto out = kioskctl.ok({"keys", "generate", "--out", key_file});
        public_key = out.substr(out.find("clé publique ") + 14, 64);
        key_id = trimmed(out.substr(out.find("identifiant ") + 12));
        kioskctl.ok({"keys", "trust", public_key});
        session =
            trimmed(kioskctl.ok({"session", "add", "--site", "rennes", "--kind", "atelier",
                                 "--title", "Lancer sa boutique en ligne", "--start",
                                 "2026-11-26 14:00", "--end", "16:00", "--room", "Salle Bréhat"}));
    }

    std::string sign()
    {
        return trimmed(kioskctl.ok({"ticket", "sign", "--session", session, "--key", key_file}));
    }

    test::ProcessResult checkin(const std::string& payload, const std::string& when,
                                std::vector<std::string> extra = {})
    {
        std::vector<std::string> arguments{"--at", when, "checkin", payload, "--site", "rennes"};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        return kioskctl(arguments);
    }
};

} // namespace

TEST_CASE("kioskctl keys: generate once and private, then trust, list and retire",
          "[kioskctl][keys]")
{
    Office office;
    CHECK(office.public_key.size() == 64);
    CHECK(office.key_id.size() == 8);
    struct stat status {};
    REQUIRE(::stat(office.key_file.c_str(), &status) == 0);
    CHECK((status.st_mode & 0777) == 0600);

    const auto before = test::read_file(office.key_file);
    const auto again = office.kioskctl({"keys", "generate", "--out", office.key_file});
    CHECK(again.exit_code == 2);
    CHECK_THAT(again.err, Catch::Contains("existe déjà"));
    CHECK(test::read_file(office.key_file) == before);

    CHECK_THAT(office.kioskctl.ok({"keys", "public", "--key", office.key_file}),
               Catch::Contains(office.public_key));
    CHECK_THAT(office.kioskctl.ok({"keys", "trust", office.public_key}),
               Catch::Contains("déjà acceptée"));
    auto list = nlohmann::json::parse(office.kioskctl.ok({"keys", "list", "--json"}));
    REQUIRE(list.size() == 1);
    CHECK(list[0]["key_id"] == office.key_id);
    CHECK(list[0]["retired_at"].is_null());

    // Rotation: a second key alongside the first, then the first retired.
    const auto second_file = (office.kioskctl.dir() / "issuer-2027.key").string();
    const auto out = office.kioskctl.ok({"keys", "generate", "--out", second_file});
    office.kioskctl.ok({"keys", "trust", out.substr(out.find("clé publique ") + 14, 64)});
    CHECK(nlohmann::json::parse(office.kioskctl.ok({"keys", "list", "--json"})).size() == 2);
    const auto ticket = office.sign();
    CHECK_THAT(office.kioskctl.ok({"keys", "retire", office.key_id}), Catch::Contains("retirée"));
    CHECK(office.kioskctl({"keys", "retire", office.key_id}).exit_code == 2);
    CHECK(office.kioskctl({"keys", "retire", "zz"}).exit_code == 2);
    CHECK(office.kioskctl({"keys", "trust", "abcd"}).exit_code == 2);
    list = nlohmann::json::parse(office.kioskctl.ok({"keys", "list", "--json"}));
    CHECK(list[1]["key_id"] == office.key_id);
    CHECK_FALSE(list[1]["retired_at"].is_null());
    const auto refused = office.checkin(ticket, "2026-11-26 14:00");
    CHECK(refused.exit_code == 1);
    CHECK_THAT(refused.out, Catch::Contains("[unknown_key]"));
}

TEST_CASE("kioskctl checkin: exit 0 when admitted, 1 when not, JSON on demand",
          "[kioskctl][checkin]")
{
    Office office;
    const auto ticket = office.sign();
    CHECK(ticket.size() == 135);

    const auto early = office.checkin(ticket, "2026-11-26 13:00");
    CHECK(early.exit_code == 1);
    CHECK_THAT(early.out, Catch::Contains("L'atelier commence à 14 h — revenez à 13 h 30"));

    const auto admitted = office.checkin(ticket, "2026-11-26 13:40", {"--device", "douchette"});
    CHECK(admitted.exit_code == 0);
    CHECK_THAT(admitted.out, Catch::Contains("Bienvenue") && Catch::Contains("[accepted]"));

    const auto twice = office.checkin(ticket, "2026-11-26 13:50", {"--json"});
    CHECK(twice.exit_code == 1);
    const auto json = nlohmann::json::parse(twice.out);
    CHECK(json["verdict"] == "already_checked_in");
    CHECK(json["admitted"] == false);
    CHECK(json["message"] == "Déjà enregistré à 13 h 40");
    CHECK(json["first_checkin"] == "2026-11-26T13:40:00+01:00");
    CHECK(json["ticket"].get<std::string>().size() == 16);

    const auto ticket_id = json["ticket"].get<std::string>();
    CHECK_THAT(office.kioskctl.ok(
                   {"--at", "2026-11-26 13:55", "checkin", "undo", ticket_id, "--by", "Léa"}),
               Catch::Contains("annulée"));
    CHECK(office.checkin(ticket, "2026-11-26 14:00").exit_code == 0);
    CHECK(office.kioskctl({"--at", "2026-11-27 09:00", "checkin", "undo", ticket_id}).exit_code ==
          2);

    // The configured site and doors-open lead are used when no --site is given.
    const auto config = (office.kioskctl.dir() / "rennes.toml").string();
    {
        std::ofstream file(config);
        file << "[site]\nid = \"rennes\"\nname = \"Rennes\"\ndevice = \"portique\"\n"
                "[checkin]\ndoors_open_minutes = 60\n";
    }
    const auto configured = office.kioskctl(
        {"--config", config, "--at", "2026-11-26 13:05", "checkin", office.sign(), "--json"});
    CHECK(configured.exit_code == 0);
    CHECK(nlohmann::json::parse(configured.out)["device"] == "portique");

    const auto doubtful =
        office.checkin(office.sign(), "2026-11-26 10:00", {"--clock", "unsynchronised", "--json"});
    CHECK(doubtful.exit_code == 0);
    CHECK(nlohmann::json::parse(doubtful.out)["flag"] == "a_verifier");
}

TEST_CASE("kioskctl checkin: hostile input is refused, recorded, never a crash",
          "[kioskctl][checkin]")
{
    Office office;
    const auto ticket = office.sign();
    std::string lower = ticket;
    for (char& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string flipped = ticket;
    flipped[60] = flipped[60] == 'A' ? 'B' : 'A';
    const std::vector<std::string> inputs{
        ticket.substr(0, 100),
        ticket + "000",
        lower,
        flipped,
        "AT:\x01\x02\x1B[2J\x7F",
        "\xC3\x28\xFF\xFE\xED\xA0\x80",
        std::string(10240, 'A'),
        "bonjour",
    };
    for (const auto& input : inputs) {
        const auto result = office.checkin(input, "2026-11-26 14:00", {"--json"});
        INFO(result.err);
        CHECK(result.exit_code == 1);
        const auto json = nlohmann::json::parse(result.out);
        CHECK(json["admitted"] == false);
        CHECK(json["ticket"].is_null());
    }
    const auto kinds =
        office.kioskctl.ok({"--at", "2026-11-26 14:00", "checkin", ticket, "--site", "rennes"});
    CHECK_THAT(kinds, Catch::Contains("[accepted]"));
    // Every scan is a row; the flipped one is a forgery, the others are not tickets.
    SQLite::Database database(office.kioskctl.database());
    CHECK(database.execAndGet("SELECT count(*) FROM scans").getInt() == 9);
    CHECK(database.execAndGet("SELECT count(*) FROM scans WHERE verdict = 'bad_signature'")
              .getInt() == 1);
    CHECK(database.execAndGet("SELECT max(length(CAST(raw AS BLOB))) FROM scans").getInt() <= 256);
    CHECK(database.execAndGet("SELECT max(raw_bytes) FROM scans").getInt() == 10240);
}

TEST_CASE("kioskctl ticket sign: a missing or malformed key writes nothing", "[kioskctl][keys]")
{
    Office office;
    const auto bad_key = (office.kioskctl.dir() / "bad.key").string();
    {
        std::ofstream file(bad_key);
        file << "atelier-kiosk ed25519 secret key v1\nsecret-seed 1234\n";
    }
    const auto before = office.kioskctl.snapshot();
    for (const auto& key : {bad_key, (office.kioskctl.dir() / "absent.key").string()}) {
        const auto result =
            office.kioskctl({"ticket", "sign", "--session", office.session, "--key", key});
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.err, Catch::StartsWith("kioskctl : ") && Catch::Contains("clé"));
        CHECK(result.out.empty());
    }
    CHECK(
        office
            .kioskctl({"ticket", "sign", "--session", "0000000000000bad", "--key", office.key_file})
            .exit_code == 2);
    CHECK(office.kioskctl.snapshot() == before);
    CHECK(office.kioskctl({"--at", "nope", "checkin", "AT:", "--site", "rennes"}).exit_code == 2);
    CHECK(office.kioskctl({"checkin", "AT:", "--site", "lyon"}).exit_code == 2);
    CHECK(office.kioskctl.snapshot() == before);
}

TEST_CASE("kioskctl keys, ticket and checkin explain themselves without a database",
          "[kioskctl][checkin]")
{
    for (const std::vector<std::string>& command :
         {std::vector<std::string>{"keys", "--help"}, {"keys", "generate", "--help"},
          {"ticket", "sign", "--help"}, {"checkin", "--help"}, {"checkin", "undo", "--help"}}) {
        const auto result = test::run_process(test::command_line(test::kioskctl_program(), command),
                                              {{"KIOSK_DB", ""}, {"DISPLAY", ""}});
        CHECK(result.exit_code == 0);
        CHECK_THAT(result.out, Catch::Contains("Utilisation"));
    }
}

TEST_CASE("kioskctl checkin --admit lets a latecomer in with the reason, never a forged code",
          "[kioskctl][checkin]")
{
    Office office;
    const auto ticket = office.sign();
    // 15 h 00: the doors closed at 14 h 15.
    auto refused = office.checkin(ticket, "2026-11-26 15:00");
    CHECK(refused.exit_code == 1);
    const auto without_reason = office.checkin(ticket, "2026-11-26 15:00", {"--admit"});
    CHECK(without_reason.exit_code == 2);
    CHECK_THAT(without_reason.err, Catch::Contains("--admit : donnez la raison avec --reason"));

    // A code whose signature does not hold is refused before any override.
    std::string forged = ticket;
    forged[forged.size() - 3] = forged[forged.size() - 3] == 'A' ? 'B' : 'A';
    const auto before = office.kioskctl.snapshot();
    const auto forged_result = office.checkin(forged, "2026-11-26 15:00",
                                              {"--admit", "--reason", "il insiste"});
    CHECK(forged_result.exit_code == 2);
    CHECK_THAT(forged_result.err, Catch::Contains("ne peut pas être admis quand même"));
    CHECK(office.kioskctl.snapshot() == before);

    const auto admitted = office.checkin(
        ticket, "2026-11-26 15:00", {"--admit", "--reason", "Bus en retard", "--by", "lea"});
    CHECK(admitted.exit_code == 0);
    CHECK_THAT(admitted.out, Catch::Contains("admis quand même par lea : Bus en retard"));
    SQLite::Database database(office.kioskctl.database());
    CHECK(database.execAndGet("SELECT kind || '|' || override_reason FROM checkins")
              .getString() == "manual|Bus en retard");
    // In once: a second override has nothing to override.
    const auto again = office.checkin(ticket, "2026-11-26 15:05",
                                      {"--admit", "--reason", "Bus en retard"});
    CHECK(again.exit_code == 2);
    CHECK_THAT(again.err, Catch::Contains("Déjà enregistré"));
}
