// The live link when things go wrong, with real parts: the office's `kioskctl serve --office`,
// the site's `kioskctl sync run`, real TLS, and a TCP proxy between them that delays, drops and
// cuts connections mid-request. Whatever happens, every check-in made at the site is at the
// office exactly once.

#include "kiosk/checkin/checkin.hpp"
#include "kiosk/tickets/keys.hpp"
#include "kiosk/tickets/ticket_store.hpp"
#include "link_pair.hpp"
#include "sql.hpp"
#include "tcp_proxy.hpp"

#include <atomic>
#include <functional>
#include <nlohmann/json.hpp>

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
        : process_({KIOSKCTL, "--db", pair.site.database(), "--at", link_now, "sync", "run",
                    "--hold", "5", "--runtime-dir", pair.runtime()},
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
    pair.served.emplace(pair.office, std::vector<std::string>{"--office"}, "office-again");
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
