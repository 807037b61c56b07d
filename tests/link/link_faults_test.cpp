// The live link when things go wrong, with real parts: the office's `kioskctl serve --office`,
// the site's `kioskctl sync run`, real TLS, and a TCP proxy between them that delays, drops and
// cuts connections mid-request. Whatever happens, every check-in made at the site is at the
// office exactly once.

#include "build_paths.hpp"
#include "kiosk/checkin/checkin.hpp"
#include "kiosk/tickets/keys.hpp"
#include "kiosk/tickets/ticket_store.hpp"
#include "link_pair.hpp"
#include "sql.hpp"
#include "tcp_proxy.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <regex>

using test::link_now;
using test::LinkPair;

namespace {

int count(const test::Kioskctl& kioskctl, const std::string& sql)
{
    return static_cast<int>(test::Sql(kioskctl.database()).integer(sql));
}

bool wait_for(const std::function<bool()>& done, std::chrono::seconds limit)
{
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (done())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds{200});
    }
    return done();
}

kiosk::Instant paris(const char* local_time) { return *kiosk::parse_local_time(local_time); }

// The site paired with the office through `proxy`, so that everything the link says crosses it.
void pair_through(LinkPair& pair, const test::TcpProxy& proxy)
{
    const auto line = test::trimmed(pair.office.ok(
        {"--at", link_now, "sync", "invite", "--site", "rennes", "--url", proxy.url()}));
    const auto joined = pair.join(line);
    INFO(joined.err);
    REQUIRE(joined.exit_code == 0);
}

// A national session at the office and `n` tickets for it, signed with the office's key.
std::vector<std::string> tickets_for_live_session(LinkPair& pair, int n)
{
    const std::string session = test::trimmed(pair.office.ok(
        {"--at", link_now, "session", "add", "--kind", "live", "--title", "Lancer son site",
         "--start", "2026-11-26 10:15", "--end", "11:30", "--url",
         "https://visio.example.fr/live/site"}));
    kiosk::Store store(pair.office.database(), kiosk::Access::ReadWrite);
    const auto key = kiosk::SigningKey::load(pair.key());
    REQUIRE(key);
    std::vector<std::string> payloads;
    kiosk::TicketStore tickets(store);
    store.write([&] {
        for (int i = 0; i < n; ++i) {
            const auto ticket = tickets.issue(*kiosk::SessionId::parse(session), *key,
                                              paris("2026-11-20 09:00"));
            REQUIRE(ticket);
            payloads.push_back(ticket->payload);
        }
    });
    return payloads;
}

class Agent {
public:
    explicit Agent(LinkPair& pair)
        : process_({test::kioskctl_program(), "--db", pair.site.database(), "--at", link_now,
                    "sync", "run", "--hold", "5", "--runtime-dir", pair.runtime()},
                   (pair.site.dir() / "agent.log").string(),
                   {{"DISPLAY", ""}, {"KIOSK_DB", ""}, {"KIOSK_CONFIG", ""}})
    {}
    int stop() { return process_.stop(); }
    bool running() { return process_.running(); }

private:
    test::BackgroundProcess process_;
};

// Checks in each of `payloads` at the site, in this process, `pause` apart.
void check_in_all(LinkPair& pair, const std::vector<std::string>& payloads,
                  std::chrono::milliseconds pause)
{
    kiosk::Store store(pair.site.database(), kiosk::Access::ReadWrite);
    for (const auto& payload : payloads) {
        const auto result =
            kiosk::check_in(store, {payload, "rennes", "entree", paris("2026-11-26 10:05")}, {});
        REQUIRE(result.checkin);
        std::this_thread::sleep_for(pause);
    }
}

const char* exactly_once = "SELECT count(*) = count(DISTINCT ticket_id) FROM checkins";

} // namespace

TEST_CASE("1 000 check-ins while the link flaps reach the office exactly once",
          "[link][faults]")
{
    LinkPair pair;
    test::TcpProxy proxy(pair.served->port());
    pair_through(pair, proxy);
    const auto payloads = tickets_for_live_session(pair, 1000);
    Agent agent(pair);
    REQUIRE(wait_for([&] { return count(pair.site, "SELECT count(*) FROM tickets") == 1000; },
                     std::chrono::seconds{30}));

    // Every 1.5 s something goes wrong: a cut mid-request, a second of no link at all, slow
    // bytes; the site checks people in all the while.
    std::atomic<bool> flapping{true};
    std::thread faults([&] {
        for (int round = 0; flapping; ++round) {
            switch (round % 3) {
            case 0:
                proxy.cut();
                break;
            case 1:
                proxy.set_down(true);
                std::this_thread::sleep_for(std::chrono::seconds{1});
                proxy.set_down(false);
                break;
            case 2:
                proxy.set_delay(std::chrono::milliseconds{150});
                std::this_thread::sleep_for(std::chrono::milliseconds{800});
                proxy.set_delay(std::chrono::milliseconds{0});
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds{1500});
        }
    });
    check_in_all(pair, payloads, std::chrono::milliseconds{12});
    flapping = false;
    faults.join();
    CHECK(proxy.connections_cut() > 0);

    // The link back, everything arrives, once; the agent never gave up.
    CHECK(wait_for([&] { return count(pair.office, "SELECT count(*) FROM checkins") == 1000; },
                   std::chrono::seconds{150}));
    CHECK(count(pair.office, "SELECT count(*) FROM checkins") == 1000);
    CHECK(count(pair.office, exactly_once) == 1);
    CHECK(count(pair.office, "SELECT count(*) FROM scans") == 1000);
    CHECK(agent.running());
    WARN("connections: " << proxy.connections_accepted() << ", cut: " << proxy.connections_cut());
    CHECK(agent.stop() == 0);
}

TEST_CASE("the office restarted mid-exchange and the site restored from last night's backup "
          "lose nothing",
          "[link][faults]")
{
    LinkPair pair;
    test::TcpProxy proxy(pair.served->port());
    pair_through(pair, proxy);
    const auto payloads = tickets_for_live_session(pair, 240);
    const auto part = [&](int from, int to) {
        return std::vector<std::string>(payloads.begin() + from, payloads.begin() + to);
    };
    const auto backups = (pair.site.dir() / "sauvegardes").string();
    std::optional<Agent> agent(std::in_place, pair);
    REQUIRE(wait_for([&] { return count(pair.site, "SELECT count(*) FROM tickets") == 240; },
                     std::chrono::seconds{30}));

    // Last night's backup, then a morning of check-ins that reach the office.
    const auto backed_up = pair.site.ok({"--at", "2026-11-26 02:00", "backup", "--to", backups});
    const std::string backup = test::trimmed(backed_up.substr(backed_up.find(": ") + 2));
    check_in_all(pair, part(0, 60), std::chrono::milliseconds{5});
    REQUIRE(wait_for([&] { return count(pair.office, "SELECT count(*) FROM checkins") == 60; },
                     std::chrono::seconds{20}));

    // The office stops in the middle of it all and comes back on another port. (The office
    // is restarted from this thread: a child dies with the thread that started it.)
    std::atomic<int> refused{0};
    std::thread door([&] {
        kiosk::Store store(pair.site.database(), kiosk::Access::ReadWrite);
        for (const auto& payload : part(60, 160)) {
            if (!kiosk::check_in(store, {payload, "rennes", "entree", paris("2026-11-26 10:05")}, {})
                     .checkin)
                ++refused;
            std::this_thread::sleep_for(std::chrono::milliseconds{10});
        }
    });
    std::this_thread::sleep_for(std::chrono::milliseconds{300});
    pair.served->stop();
    pair.served.emplace(pair.office, std::vector<std::string>{"--office"}, "office-again",
                        test::link_now);
    proxy.retarget(pair.served->port());
    door.join();
    REQUIRE(refused == 0);
    INFO("agent: " << test::read_file((pair.site.dir() / "agent.log").string()));
    INFO("office: " << pair.served->log());
    INFO("proxy: " << proxy.connections_accepted() << " accepted, agent running: "
                   << agent->running());
    REQUIRE(wait_for([&] { return count(pair.office, "SELECT count(*) FROM checkins") == 160; },
                     std::chrono::seconds{90}));

    // The site's card dies: last night's backup goes back in, older than what the office has.
    CHECK(agent->stop() == 0);
    agent.reset();
    pair.site.ok({"restore", backup});
    REQUIRE(count(pair.site, "SELECT count(*) FROM checkins") == 0);
    check_in_all(pair, part(160, 240), std::chrono::milliseconds{2});
    agent.emplace(pair);
    CHECK(wait_for([&] { return count(pair.office, "SELECT count(*) FROM checkins") == 240; },
                   std::chrono::seconds{60}));
    CHECK(count(pair.office, exactly_once) == 1);
    CHECK(count(pair.site, "SELECT count(*) FROM audit_log WHERE action = 'sync.log_renumbered'") ==
          1);
    CHECK(agent->stop() == 0);
}

TEST_CASE("the office rolls its certificate: announced first, then presented, the old one "
          "retired, and one never announced is refused",
          "[link]")
{
    LinkPair pair;
    test::TcpProxy proxy(pair.served->port());
    const auto line = test::trimmed(pair.office.ok(
        {"--at", link_now, "sync", "invite", "--site", "rennes", "--url", proxy.url()}));
    std::smatch match;
    REQUIRE(std::regex_search(line, match, std::regex("empreinte=([0-9a-f]{64})")));
    const std::string first = match[1];
    REQUIRE(pair.join(line).exit_code == 0);
    pair.exchange_ok();

    // Not from a site's database, and not a file that is not a certificate.
    const auto at_site = pair.site({"sync", "certificate", "announce", "--cert",
                                    (pair.site.dir() / "x.pem").string()});
    CHECK(at_site.exit_code != 0);
    CHECK_THAT(at_site.err, Catch::Contains("au siège seulement"));
    const auto garbage = (pair.office.dir() / "garbage.pem").string();
    std::ofstream(garbage) << "ceci n'est pas un certificat\n";
    std::ofstream(pair.office.dir() / "garbage-key.pem") << "ni une clé\n";
    const auto refused = pair.office({"sync", "certificate", "announce", "--cert", garbage});
    CHECK(refused.exit_code != 0);
    CHECK_THAT(refused.err, Catch::Contains("garbage.pem n'est pas un certificat PEM"));

    // The next certificate, made and announced; the site has it after one exchange.
    const auto next = (pair.office.dir() / "next-cert.pem").string();
    const auto announced = pair.office.ok(
        {"--at", link_now, "sync", "certificate", "announce", "--cert", next, "--by", "claire"});
    REQUIRE(std::regex_search(announced, match, std::regex("certificat ([0-9a-f]{64}) annoncé")));
    const std::string second = match[1];
    CHECK(second != first);
    pair.exchange_ok();
    CHECK(count(pair.site, "SELECT count(*) FROM office_certificates WHERE retired_at IS NULL") ==
          1);

    // The office's console started again with another certificate (NAME.pem, NAME-key.pem).
    int restarts = 0;
    const auto serve_with = [&](const std::string& name) {
        pair.served->stop();
        pair.served.reset();
        pair.served.emplace(
            pair.office,
            std::vector<std::string>{"--office", "--cert",
                                     (pair.office.dir() / (name + ".pem")).string(), "--key",
                                     (pair.office.dir() / (name + "-key.pem")).string()},
            "office-console-" + std::to_string(++restarts), test::link_now);
        proxy.retarget(pair.served->port());
    };
    // The office now presents the next certificate: the site goes on without a new invitation.
    serve_with("next-cert");
    pair.exchange_ok();

    // 25 days before its end, the office's console renews that certificate itself, with the
    // same key: the site accepts the renewed one without any announcement.
    const auto next_pem = pair.office.dir() / "next-cert.pem";
    const std::string before_renewal = test::read_file(next_pem.string());
    pair.served->stop();
    pair.served.reset();
    pair.served.emplace(pair.office,
                        std::vector<std::string>{"--office", "--cert", next_pem.string(), "--key",
                                                 (pair.office.dir() / "next-cert-key.pem").string()},
                        "office-console-renewing", "2027-12-03 10:00");
    CHECK_THAT(pair.served->log(), Catch::Contains("certificat de la console renouvelé (même clé), "
                                                   "valable jusqu'au 03/01/2029"));
    CHECK(test::read_file(next_pem.string()) != before_renewal);
    serve_with("next-cert");
    pair.exchange_ok();
    CHECK(count(pair.site, "SELECT count(*) FROM office_certificates WHERE retired_at IS NULL") ==
          1);

    // The first one retired: the site learns it, and no longer accepts it.
    pair.office.ok({"--at", link_now, "sync", "certificate", "retire", first, "--by", "claire"});
    pair.exchange_ok();
    std::filesystem::copy_file(pair.office.dir() / "console-cert.pem",
                               pair.office.dir() / "first.pem");
    std::filesystem::copy_file(pair.office.dir() / "console-key.pem",
                               pair.office.dir() / "first-key.pem");
    serve_with("first");
    const int contacts_before =
        count(pair.office, "SELECT count(*) FROM sync_nonces");
    auto result = pair.exchange();
    CHECK(result.exit_code != 0);
    CHECK_THAT(result.err, Catch::Contains("présente un certificat que ce site ne connaît pas"));
    // Refused at the handshake: the office saw no request.
    CHECK(count(pair.office, "SELECT count(*) FROM sync_nonces") == contacts_before);

    // A certificate never announced (the console makes a new pair when none exists).
    serve_with("stranger");
    result = pair.exchange();
    CHECK(result.exit_code != 0);
    CHECK_THAT(result.err, Catch::Contains("présente un certificat que ce site ne connaît pas"));

    // Back to the announced one: all is well, and the office's audit says who did what.
    serve_with("next-cert");
    pair.exchange_ok();
    CHECK(count(pair.office, "SELECT count(*) FROM audit_log WHERE actor = 'claire' AND action "
                             "IN ('sync.certificate_announced', 'sync.certificate_retired')") ==
          2);
    const auto listed = pair.office.ok({"sync", "certificate", "list"});
    CHECK_THAT(listed, Catch::Contains(second + "  annoncé le"));
    CHECK_THAT(listed, Catch::Contains(first + "  annoncé le"));
    CHECK_THAT(listed, Catch::Contains("retiré le"));
}
