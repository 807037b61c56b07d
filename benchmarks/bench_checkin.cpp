// What one check-in costs: signature verification alone, the whole decision (verification and
// the rules' reads), and decision plus recording (one IMMEDIATE transaction, synchronous FULL),
// beside a bare SQLite insert in the same kind of transaction, measured in the same run.

#include "kiosk/checkin/checkin.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk/tickets/ticket_store.hpp"
#include "kiosk/tickets/trusted_keys.hpp"
#include "store/database.hpp" // the benchmark writes its baseline through the core's own connection

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fmt/format.h>
#include <memory>
#include <qrencode.h>
#include <random>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Figures {
    double median_us;
    double p95_us;
};

template <typename Work> Figures measure(int count, Work&& work)
{
    std::vector<double> samples;
    samples.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        const auto begin = Clock::now();
        work(i);
        samples.push_back(std::chrono::duration<double, std::micro>(Clock::now() - begin).count());
    }
    std::sort(samples.begin(), samples.end());
    return {samples[samples.size() / 2], samples[samples.size() * 95 / 100]};
}

void report(const char* what, Figures figures)
{
    fmt::print("{:<44} median {:>9.1f} µs   p95 {:>9.1f} µs\n", what, figures.median_us,
               figures.p95_us);
}

int qr_version(const std::string& payload)
{
    const std::unique_ptr<QRinput, decltype(&QRinput_free)> input(QRinput_new2(0, QR_ECLEVEL_M),
                                                                  &QRinput_free);
    if (QRinput_append(input.get(), QR_MODE_AN, static_cast<int>(payload.size()),
                       reinterpret_cast<const unsigned char*>(payload.data())) != 0)
        return -1;
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(QRcode_encodeInput(input.get()),
                                                               &QRcode_free);
    return code ? code->version : -1;
}

} // namespace

int main(int argc, char** argv)
{
    const int count = argc > 1 ? std::max(20, std::atoi(argv[1])) : 1000;
    std::random_device random;
    const auto dir =
        std::filesystem::temp_directory_path() / fmt::format("kiosk-bench-{}", random());
    std::filesystem::create_directories(dir);
    {
        kiosk::Store store(dir / "site.db", kiosk::Access::ReadWrite,
                           kiosk::Creation::CreateIfMissing);
        const auto now = *kiosk::parse_local_time("2026-11-26 13:40");
        const auto key = kiosk::SigningKey::generate();
        kiosk::TrustedKeys(store).trust(key.public_key(), now);
        kiosk::Session session;
        session.site = "rennes";
        session.title = "Lancer sa boutique en ligne";
        session.room = "Salle Bréhat";
        session.start = *kiosk::parse_local_time("2026-11-26 14:00");
        session.end = *kiosk::parse_local_time("2026-11-26 16:00");
        const auto id = kiosk::SessionStore(store).add(session, now);
        std::vector<std::string> tickets;
        store.write([&] {
            for (int i = 0; i < count; ++i)
                tickets.push_back(kiosk::TicketStore(store).issue(id, key, now)->payload);
        });
        const auto keys = kiosk::TrustedKeys(store).list();

        fmt::print("{} check-ins, payload {} characters, QR version {} (level M, alphanumeric)\n",
                   count, tickets.front().size(), qr_version(tickets.front()));
        report("verify only (Ed25519 + Base45)", measure(count, [&](int i) {
                   if (!kiosk::verify_ticket(tickets[static_cast<std::size_t>(i)], keys))
                       std::abort();
               }));
        const kiosk::CheckinRules rules;
        report("decide (verify + rules' reads)", measure(count, [&](int i) {
                   const kiosk::ScanRequest request{
                       tickets[static_cast<std::size_t>(i)], "rennes", "bench", now, {}};
                   if (kiosk::decide(store, request, rules).verdict() != kiosk::Verdict::Accepted)
                       std::abort();
               }));
        kiosk::database_of(store).exec("CREATE TABLE baseline (id INTEGER PRIMARY KEY, at INTEGER, "
                                "text TEXT)");
        report("baseline: bare insert, IMMEDIATE, sync FULL", measure(count, [&](int i) {
                   store.write([&] {
                       SQLite::Statement insert(kiosk::database_of(store),
                                                "INSERT INTO baseline (at, text) VALUES (?1, ?2)");
                       insert.bind(1, i);
                       insert.bind(2, tickets[static_cast<std::size_t>(i)]);
                       insert.exec();
                   });
               }));
        report("check_in (verify + rules + scan + check-in)", measure(count, [&](int i) {
                   const kiosk::ScanRequest request{
                       tickets[static_cast<std::size_t>(i)], "rennes", "bench", now, {}};
                   if (kiosk::check_in(store, request, rules).decision.verdict() !=
                       kiosk::Verdict::Accepted)
                       std::abort();
               }));
        kiosk::database_of(store).exec("PRAGMA synchronous = NORMAL");
        report("check_in, synchronous NORMAL (for scale)", measure(count, [&](int i) {
                   const kiosk::ScanRequest request{
                       tickets[static_cast<std::size_t>(i)], "rennes", "bench", now, {}};
                   if (kiosk::check_in(store, request, rules).decision.verdict() !=
                       kiosk::Verdict::AlreadyCheckedIn)
                       std::abort();
               }));
    }
    std::filesystem::remove_all(dir);
    return 0;
}
