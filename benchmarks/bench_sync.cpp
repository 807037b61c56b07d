// The live link, measured with real parts: the office's `kioskctl serve --office` and a site's
// `kioskctl sync run` (default settings), real TLS on loopback, a counting TCP proxy between
// them. Prints, from the same run:
//   - the baseline: one bare HTTPS round trip to the office, through the same proxy;
//   - office change → visible in the site's database, p50 / p95 over CHANGES changes;
//   - site check-in → visible in the office's database, p50 / p95 over CHANGES check-ins;
//   - a busy day's exchange (2 000 check-ins at the site): CPU of each side, bytes each way;
//   - the agent idle: CPU over a minute and its resident memory.
// Run on a release build:  build/release/benchmarks/bench_sync [CHANGES] [IDLE_SECONDS]

#include "build_paths.hpp"
#include "kiosk/checkin/checkin.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk/tickets/keys.hpp"
#include "kiosk/tickets/ticket_store.hpp"
#include "process.hpp"
#include "sql.hpp"
#include "tcp_proxy.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>
#include <fstream>
#include <httplib.h>
#include <random>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;
using Milliseconds = std::chrono::duration<double, std::milli>;

const std::map<std::string, std::string> clean_environment{
    {"DISPLAY", ""}, {"KIOSK_DB", ""}, {"KIOSK_CONFIG", ""}};

std::string run(const std::vector<std::string>& arguments)
{
    auto command = test::command_line(test::kioskctl_program(), arguments);
    const auto result = test::run_process(command, clean_environment);
    if (result.exit_code != 0)
        throw std::runtime_error(fmt::format("kioskctl {} : {}", arguments.front(), result.err));
    return result.out;
}

std::string trimmed(std::string text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
        text.pop_back();
    return text;
}

// CPU seconds (user + system) a process has used so far, from /proc.
double cpu_seconds(int pid)
{
    const std::string text = test::read_file(fmt::format("/proc/{}/stat", pid));
    std::istringstream fields(text.substr(text.rfind(')') + 2));
    std::string field;
    double ticks = 0;
    for (int index = 3; fields >> field; ++index)
        if (index == 14 || index == 15)
            ticks += std::stod(field);
    return ticks / static_cast<double>(sysconf(_SC_CLK_TCK));
}

struct Spread {
    double p50 = 0, p95 = 0, max = 0;
};

Spread spread_of(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const auto at = [&](double q) {
        return values[static_cast<std::size_t>(q * static_cast<double>(values.size() - 1))];
    };
    return {at(0.5), at(0.95), values.back()};
}

bool wait_until(const std::function<bool()>& done, std::chrono::seconds limit)
{
    const auto deadline = Clock::now() + limit;
    while (Clock::now() < deadline) {
        if (done())
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds{2});
    }
    return done();
}

struct Office {
    std::filesystem::path dir;
    std::string database = (dir / "office.db").string();
    std::string key = (dir / "office.key").string();
    std::optional<test::BackgroundProcess> serve;
    int port = 0;

    explicit Office(std::filesystem::path folder)
        : dir(std::move(folder))
    {
        run({"--db", database, "init"});
        run({"--db", database, "keys", "generate", "--out", key});
        run({"--db", database, "sync", "identity", "--office", "--key", key});
        const auto log = (dir / "office.log").string();
        serve.emplace(
            test::command_line(test::kioskctl_program(),
                               {"--db", database, "serve", "--office", "--listen", "127.0.0.1:0"}),
            log, clean_environment);
        const std::regex line(R"(console : https://127\.0\.0\.1:(\d+)/)");
        std::smatch match;
        const bool started = wait_until(
            [&] {
                const std::string text = test::read_file(log);
                if (!std::regex_search(text, match, line))
                    return false;
                port = std::stoi(match[1]);
                return true;
            },
            std::chrono::seconds{30});
        if (!started)
            throw std::runtime_error("kioskctl serve n'a pas démarré : " + test::read_file(log));
    }
};

} // namespace

int main(int argc, char** argv)
{
    const int changes = argc > 1 ? std::atoi(argv[1]) : 100;
    const int idle_seconds = argc > 2 ? std::atoi(argv[2]) : 60;
    constexpr int busy_day = 2000;
    char folder_template[] = "/tmp/bench-sync-XXXXXX";
    const std::filesystem::path folder = mkdtemp(folder_template);

    Office office(folder);
    test::TcpProxy proxy(office.port);
    const std::string site_database = (folder / "site.db").string();
    const std::string runtime = (folder / "run").string();
    run({"--db", site_database, "init"});
    const auto invitation = trimmed(run({"--db", office.database, "sync", "invite", "--site",
                                         "rennes", "--url", proxy.url()}));
    run({"--db", site_database, "sync", "join", invitation, "--site", "rennes"});

    // A national session starting in ten minutes, and tickets for it, made at the office.
    const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
    const auto doors = now + std::chrono::minutes{5};
    kiosk::Store office_store(office.database, kiosk::Access::ReadWrite);
    kiosk::Session live;
    live.kind = kiosk::Kind::Live;
    live.title = "Changement 0";
    live.start = now + std::chrono::minutes{10};
    live.end = now + std::chrono::minutes{130};
    live.join_url = "https://visio.example.fr/live/mesure";
    kiosk::SessionStore sessions(office_store);
    live.id = sessions.add(live, now);
    const auto key = kiosk::SigningKey::load(office.key);
    std::vector<std::string> tickets;
    office_store.write([&] {
        for (int i = 0; i < changes + busy_day; ++i)
            tickets.push_back(kiosk::TicketStore(office_store).issue(live.id, *key, now)->payload);
    });

    test::BackgroundProcess agent(
        test::command_line(test::kioskctl_program(),
                           {"--db", site_database, "sync", "run", "--runtime-dir", runtime}),
        (folder / "agent.log").string(), clean_environment);
    test::Sql site_sql(site_database, test::Sql::Mode::ReadOnly);
    test::Sql office_sql(office.database, test::Sql::Mode::ReadOnly);
    if (!wait_until(
            [&] {
                return site_sql.integer("SELECT count(*) FROM tickets") ==
                       static_cast<std::int64_t>(tickets.size());
            },
            std::chrono::seconds{60}))
        throw std::runtime_error("les billets n'arrivent pas au site : " +
                                 test::read_file((folder / "agent.log").string()));

    // Baseline: a bare HTTPS round trip, through the proxy, on a fresh connection each time
    // (what a held exchange costs at the least).
    std::vector<double> bare;
    for (int i = 0; i < 50; ++i) {
        httplib::SSLClient client("127.0.0.1", proxy.port());
        client.enable_server_certificate_verification(false);
        const auto started = Clock::now();
        const auto answer = client.Get("/sync/certificat");
        if (!answer || answer->status != 200)
            throw std::runtime_error("aller-retour HTTPS impossible");
        bare.push_back(Milliseconds(Clock::now() - started).count());
    }

    std::mt19937 random(42);
    std::uniform_int_distribution<int> pause_ms(150, 600);

    // Office → site: the office retitles the session; the site's database has it.
    std::vector<double> down;
    for (int i = 1; i <= changes; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds{pause_ms(random)});
        live.title = fmt::format("Changement {}", i);
        const auto started = Clock::now();
        sessions.update(live, now);
        if (!wait_until(
                [&] {
                    return site_sql.integer("SELECT count(*) FROM sessions WHERE title = ?1",
                                            {live.title}) == 1;
                },
                std::chrono::seconds{60}))
            throw std::runtime_error("changement du siège jamais arrivé au site");
        down.push_back(Milliseconds(Clock::now() - started).count());
    }

    // Site → office: a check-in at the site; the office's database has it.
    kiosk::Store site_store(site_database, kiosk::Access::ReadWrite);
    std::vector<double> up;
    // These check-ins come one at a time, each in an exchange of its own (a quiet day's pace):
    // their cost is measured too.
    const double agent_single_before = cpu_seconds(agent.pid());
    const double office_single_before = cpu_seconds(office.serve->pid());
    const auto single_connections_before = proxy.connections_accepted();
    for (int i = 0; i < changes; ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds{pause_ms(random)});
        const auto started = Clock::now();
        const auto result = kiosk::check_in(
            site_store, {tickets[static_cast<std::size_t>(i)], "rennes", "entree", doors}, {});
        if (!result.checkin)
            throw std::runtime_error("entrée refusée : " + result.decision.detail);
        if (!wait_until(
                [&] { return office_sql.integer("SELECT count(*) FROM checkins") == i + 1; },
                std::chrono::seconds{60}))
            throw std::runtime_error("entrée jamais arrivée au siège");
        up.push_back(Milliseconds(Clock::now() - started).count());
    }

    const double agent_single = cpu_seconds(agent.pid()) - agent_single_before;
    const double office_single = cpu_seconds(office.serve->pid()) - office_single_before;
    const auto single_connections = proxy.connections_accepted() - single_connections_before;

    // A busy day: 2 000 check-ins, one every 20 ms, then until the office has them all.
    std::this_thread::sleep_for(std::chrono::seconds{2});
    const double agent_before = cpu_seconds(agent.pid());
    const double office_before = cpu_seconds(office.serve->pid());
    const auto sent_before = proxy.bytes_to_target();
    const auto received_before = proxy.bytes_to_client();
    const auto connections_before = proxy.connections_accepted();
    const auto day_started = Clock::now();
    for (int i = changes; i < changes + busy_day; ++i) {
        kiosk::check_in(site_store,
                        {tickets[static_cast<std::size_t>(i)], "rennes", "entree", doors}, {});
        std::this_thread::sleep_for(std::chrono::milliseconds{20});
    }
    if (!wait_until(
            [&] {
                return office_sql.integer("SELECT count(*) FROM checkins") == changes + busy_day;
            },
            std::chrono::seconds{120}))
        throw std::runtime_error("la journée chargée n'est pas arrivée entière");
    const double day_seconds = std::chrono::duration<double>(Clock::now() - day_started).count();
    const double agent_day = cpu_seconds(agent.pid()) - agent_before;
    const double office_day = cpu_seconds(office.serve->pid()) - office_before;
    const double sent_kb = static_cast<double>(proxy.bytes_to_target() - sent_before) / 1024.0;
    const double received_kb =
        static_cast<double>(proxy.bytes_to_client() - received_before) / 1024.0;
    const auto exchanges = proxy.connections_accepted() - connections_before;

    // Idle: nothing changes anywhere.
    std::this_thread::sleep_for(std::chrono::seconds{5});
    const double agent_idle_before = cpu_seconds(agent.pid());
    const double office_idle_before = cpu_seconds(office.serve->pid());
    std::this_thread::sleep_for(std::chrono::seconds{idle_seconds});
    const double agent_idle =
        100.0 * (cpu_seconds(agent.pid()) - agent_idle_before) / idle_seconds;
    const double office_idle =
        100.0 * (cpu_seconds(office.serve->pid()) - office_idle_before) / idle_seconds;

    const auto baseline = spread_of(bare);
    const auto to_site = spread_of(down);
    const auto to_office = spread_of(up);
    fmt::print("bench_sync: loopback, TLS, default settings, {} changes each way\n", changes);
    fmt::print("  baseline, one bare HTTPS round trip (new connection): p50 {:.1f} ms, p95 {:.1f} "
               "ms\n",
               baseline.p50, baseline.p95);
    fmt::print("  office change -> at the site:  p50 {:.0f} ms, p95 {:.0f} ms, max {:.0f} ms "
               "(target p95 <= 5000, aim <= 2000)\n",
               to_site.p50, to_site.p95, to_site.max);
    fmt::print("  site check-in -> at the office: p50 {:.0f} ms, p95 {:.0f} ms, max {:.0f} ms "
               "(target p95 <= 5000, aim <= 2000)\n",
               to_office.p50, to_office.p95, to_office.max);
    fmt::print("  busy day, {} check-ins over {:.0f} s ({} TLS connections): CPU site agent "
               "{:.2f} s, office {:.2f} s (target < 1 s each); {:.0f} KB sent, {:.0f} KB "
               "received\n",
               busy_day, day_seconds, exchanges, agent_day, office_day, sent_kb, received_kb);
    fmt::print("  one at a time ({} check-ins 0.15-0.6 s apart, {} TLS connections): CPU per "
               "check-in site agent {:.2f} ms, office {:.2f} ms; {} such would cost {:.2f} s and "
               "{:.2f} s\n",
               changes, single_connections, 1000 * agent_single / changes,
               1000 * office_single / changes, busy_day, busy_day * agent_single / changes,
               busy_day * office_single / changes);
    fmt::print("  idle over {} s: agent CPU {:.3f} % of a core (target < 0.5 %), office {:.3f} %; "
               "agent RSS {:.1f} MB, peak {:.1f} MB (target < 30 MB)\n",
               idle_seconds, agent_idle, office_idle, test::memory_mb(agent.pid(), "VmRSS"),
               test::memory_mb(agent.pid(), "VmHWM"));
    agent.stop();
    office.serve->stop();
    std::filesystem::remove_all(folder);
    return 0;
}
