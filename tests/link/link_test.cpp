// The live link with real parts: the office's `kioskctl serve --office`, a site's database and
// `kioskctl sync join` / `sync run`, real TLS on loopback with the office's certificate pinned.

#include "build_paths.hpp"
#include "kiosk/sync/link.hpp"
#include "kiosk/tickets/keys.hpp"
#include "link_pair.hpp"
#include "sql.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

using test::link_now;
using test::LinkPair;

namespace {

std::string key_id_of(const test::Kioskctl& kioskctl)
{
    return nlohmann::json::parse(kioskctl.ok({"sync", "status", "--json"}))["key_id"];
}

int count(const test::Kioskctl& kioskctl, const std::string& sql)
{
    return static_cast<int>(test::Sql(kioskctl.database()).integer(sql));
}

// A national live session and a ticket for it, made at the office.
std::pair<std::string, std::string> national_session_with_ticket(LinkPair& pair)
{
    const std::string session = test::trimmed(
        pair.office.ok({"--at", link_now, "session", "add", "--kind", "live", "--title",
                        "Lancer son site", "--start", "2026-11-26 10:15", "--end", "11:30", "--url",
                        "https://visio.example.fr/live/site"}));
    const auto issued = nlohmann::json::parse(pair.office.ok(
        {"--at", link_now, "ticket", "issue", "--session", session, "--first-name", "Awa",
         "--last-name", "Diallo", "--email", "awa@example.fr", "--key", pair.key(), "--json"}));
    return {session, issued["payload"].get<std::string>()};
}

} // namespace

TEST_CASE("a site joins with the office's invitation, and a wrong, used or forged one is refused",
          "[link]")
{
    LinkPair pair;
    const std::string line = pair.invite();
    CHECK_THAT(line, Catch::StartsWith(pair.served->url() + "/sync?empreinte=") &&
                         Catch::Contains("&code="));

    std::string wrong_code = line;
    wrong_code.back() = wrong_code.back() == 'A' ? 'B' : 'A';
    const auto unknown = pair.join(wrong_code);
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.err, Catch::Contains("code d'invitation inconnu"));

    std::string forged = line;
    const auto print = forged.find("empreinte=") + 10;
    forged[print] = forged[print] == '0' ? '1' : '0';
    const auto mismatched = pair.join(forged);
    CHECK(mismatched.exit_code == 2);
    CHECK_THAT(mismatched.err, Catch::Contains("n'est pas celui de l'invitation"));

    const auto other_site = pair.site({"--at", link_now, "sync", "join", line, "--site", "nancy"});
    CHECK(other_site.exit_code == 2);
    CHECK_THAT(other_site.err, Catch::Contains("invite le site « Rennes », pas « Nancy »"));

    const auto joined = pair.join(line);
    INFO(joined.err);
    REQUIRE(joined.exit_code == 0);
    CHECK_THAT(joined.out, Catch::Contains("Rennes a rejoint le siège " + pair.served->url()));
    // Both sides keep it in their trail.
    CHECK_THAT(pair.office.ok({"audit"}),
               Catch::Contains("Rennes (synchronisation) a rejoint le siège avec son invitation"));
    CHECK_THAT(pair.site.ok({"audit"}), Catch::Contains("a relié Rennes au siège"));
    // The office's key is trusted: its tickets admit here.
    const auto office_key = pair.office.ok({"keys", "public", "--key", pair.key()});
    const auto keys = nlohmann::json::parse(pair.site.ok({"keys", "list", "--json"}));
    REQUIRE(keys.is_array());
    REQUIRE(keys.size() == 1);
    CHECK(office_key.find(keys[0]["public_key"].get<std::string>()) != std::string::npos);

    const auto again = pair.join(line);
    CHECK(again.exit_code == 2);
    CHECK_THAT(again.err, Catch::Contains("a déjà servi"));
}

TEST_CASE("an invitation expires after a day and names its site", "[link]")
{
    LinkPair pair;
    test::TempDir dir;
    kiosk::Store office(pair.office.database(), kiosk::Access::ReadWrite);
    const auto invited_at = *kiosk::parse_local_time(link_now);
    const auto code = kiosk::Link(office).invite("rennes", invited_at);
    REQUIRE(code);
    const auto device = kiosk::SigningKey::generate();
    const auto late = kiosk::Link(office).join(*code, "rennes", device.public_key(),
                                               invited_at + std::chrono::hours{25});
    REQUIRE_FALSE(late);
    CHECK_THAT(late.error(), Catch::Contains("a expiré le 2026-11-27 10:00"));
    CHECK(kiosk::Link(office).join(*code, "rennes", device.public_key(),
                                   invited_at + std::chrono::hours{23}));
}

TEST_CASE("one exchange brings the office's sessions and tickets to the site and its check-ins "
          "back, last names and e-mails staying at the office",
          "[link]")
{
    LinkPair pair;
    pair.paired();
    const auto [session, ticket] = national_session_with_ticket(pair);
    pair.exchange_ok();
    const auto day = pair.site.day("rennes", "2026-11-26");
    bool found = false;
    for (const auto& entry : day["sessions"])
        found = found || entry["id"] == session;
    CHECK(found);
    CHECK(count(pair.site, "SELECT count(*) FROM tickets WHERE last_name <> '' OR email <> ''") ==
          0);

    const auto checked = pair.site({"--at", "2026-11-26 10:05", "checkin", ticket, "--site",
                                    "rennes", "--runtime-dir", pair.runtime()});
    INFO(checked.err);
    REQUIRE(checked.exit_code == 0);
    pair.exchange_ok();
    CHECK(count(pair.office, "SELECT count(*) FROM checkins WHERE site = 'rennes'") == 1);
    CHECK(count(pair.office, "SELECT count(*) FROM site_health WHERE site = 'rennes'") == 1);
    // Nothing twice, however often it is exchanged.
    pair.exchange_ok();
    pair.exchange_ok();
    CHECK(count(pair.office, "SELECT count(*) FROM checkins WHERE site = 'rennes'") == 1);
    CHECK(count(pair.office, "SELECT count(*) FROM scans WHERE site = 'rennes'") == 1);
}

TEST_CASE("a stranger, a replayed request and a tampered body get 401 and change nothing",
          "[link][security]")
{
    LinkPair pair;
    pair.paired();
    const auto device = kiosk::SigningKey::load(pair.site.dir() / "appareil.key");
    REQUIRE(device);
    const auto now = *kiosk::parse_local_time(link_now);
    httplib::SSLClient client("127.0.0.1", pair.served->port());
    client.enable_server_certificate_verification(false);
    const auto post = [&](const kiosk::LinkSignature& signature, const std::string& body) {
        const httplib::Headers headers{{"X-Atelier-Site", signature.site},
                                       {"X-Atelier-Cle", signature.key},
                                       {"X-Atelier-Heure", std::to_string(signature.at)},
                                       {"X-Atelier-Nonce", signature.nonce},
                                       {"X-Atelier-Signature", signature.signature}};
        const auto response =
            client.Post("/sync/echange", headers, body, "application/octet-stream");
        REQUIRE(response);
        return *response;
    };
    const auto signed_for = [&](const kiosk::SigningKey& key, const std::string& body,
                                kiosk::Instant at, const std::string& site = "rennes") {
        return kiosk::sign_link_request(
            key, site, "POST", "/sync/echange",
            {reinterpret_cast<const std::uint8_t*>(body.data()), body.size()}, at);
    };
    const std::string before = test::dump_database(pair.office.database());

    const auto bare = client.Post("/sync/echange", "", "application/octet-stream");
    REQUIRE(bare);
    CHECK(bare->status == 401);
    CHECK(bare->body == "non autorisé\n");
    const auto stranger = kiosk::SigningKey::generate();
    CHECK(post(signed_for(stranger, "", now), "").status == 401);
    CHECK(post(signed_for(stranger, "", now, "nancy"), "").status == 401); // no such device
    CHECK(post(signed_for(*device, "", now, "nancy"), "").status == 401);  // not Nancy's key
    CHECK(post(signed_for(*device, "ceci", now), "cela").status == 401);
    CHECK(post(signed_for(*device, "", now - std::chrono::hours{1}), "").status == 401);
    CHECK(test::dump_database(pair.office.database()) == before);

    const auto genuine = signed_for(*device, "", now);
    const auto first = post(genuine, "");
    CHECK(first.status == 200);
    const auto after_first = test::dump_database(pair.office.database());
    const auto replayed = post(genuine, "");
    CHECK(replayed.status == 401);
    CHECK(replayed.body == "non autorisé\n");
    CHECK(test::dump_database(pair.office.database()) == after_first);
    const auto log = pair.served->log();
    CHECK_THAT(log, Catch::Contains("requête rejouée") && Catch::Contains("signature invalide"));
}

TEST_CASE("a retired device is refused, and a new invitation lets the site back", "[link]")
{
    LinkPair pair;
    pair.paired();
    pair.exchange_ok();
    const std::string device = key_id_of(pair.site);
    const auto retired =
        pair.office({"--at", link_now, "sync", "retire", "--site", "rennes", "--device", device});
    INFO(retired.err);
    REQUIRE(retired.exit_code == 0);
    const auto refused = pair.exchange();
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err, Catch::Contains("ne reconnaît pas cet appareil"));
    const auto twice =
        pair.office({"--at", link_now, "sync", "retire", "--site", "rennes", "--device", device});
    CHECK(twice.exit_code == 2);
    CHECK_THAT(twice.err, Catch::Contains("déjà retiré"));

    pair.paired();
    pair.exchange_ok();
}

TEST_CASE("the agent keeps office and site in step by itself, within seconds", "[link][live]")
{
    LinkPair pair;
    pair.paired();
    test::BackgroundProcess agent({test::kioskctl_program(), "--db", pair.site.database(), "--at",
                                   link_now, "sync", "run", "--hold", "10", "--runtime-dir",
                                   pair.runtime()},
                                  (pair.site.dir() / "agent.log").string(),
                                  {{"DISPLAY", ""}, {"KIOSK_DB", ""}, {"KIOSK_CONFIG", ""}});
    const auto wait_for = [](const std::function<bool()>& done, std::chrono::seconds limit) {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (std::chrono::steady_clock::now() < deadline) {
            if (done())
                return true;
            std::this_thread::sleep_for(std::chrono::milliseconds{100});
        }
        return done();
    };
    // The first exchange: the site's health reaches the office.
    REQUIRE(wait_for([&] { return count(pair.office, "SELECT count(*) FROM site_health") == 1; },
                     std::chrono::seconds{20}));

    // The office's change reaches the site while the agent's request is held.
    const auto started = std::chrono::steady_clock::now();
    const auto [session, ticket] = national_session_with_ticket(pair);
    CHECK(wait_for([&] { return count(pair.site, "SELECT count(*) FROM tickets") == 1; },
                   std::chrono::seconds{10}));
    WARN("office → site: " << std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::steady_clock::now() - started)
                                  .count()
                           << " ms");

    // The site's check-in reaches the office: it cuts the held request and goes at once.
    const auto checked_at = std::chrono::steady_clock::now();
    pair.site.ok({"--at", "2026-11-26 10:05", "checkin", ticket, "--site", "rennes",
                  "--runtime-dir", pair.runtime()});
    CHECK(wait_for([&] { return count(pair.office, "SELECT count(*) FROM checkins") == 1; },
                   std::chrono::seconds{5}));
    WARN("site → office: " << std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::steady_clock::now() - checked_at)
                                  .count()
                           << " ms");

    // The office's notice for every board reaches the site's, and clearing it at the office
    // takes it down there too.
    const auto posted = pair.office.ok({"notice", "add", "Fermeture à 16 h ce soir", "--sites",
                                        "all"});
    const std::string notice = posted.substr(5, 16); // "avis <id> affiché à …"
    CHECK(wait_for([&] { return count(pair.site, "SELECT count(*) FROM notices WHERE "
                                                 "cleared_at IS NULL AND author = 'office'") == 1; },
                   std::chrono::seconds{10}));
    CHECK_THAT(pair.site.ok({"notice", "list", "--site", "rennes"}),
               Catch::Contains("Fermeture à 16 h ce soir"));
    pair.office.ok({"notice", "clear", notice});
    CHECK(wait_for([&] { return count(pair.site, "SELECT count(*) FROM notices WHERE "
                                                 "cleared_at IS NOT NULL") == 1; },
                   std::chrono::seconds{10}));

    const auto heartbeat = nlohmann::json::parse(test::read_file(pair.runtime() + "/sync.json"));
    CHECK(heartbeat["last_error"] == "");
    CHECK(heartbeat["last_success"].is_number());
    CHECK(heartbeat["office"] == pair.served->url());
    CHECK(agent.stop() == 0);
}
