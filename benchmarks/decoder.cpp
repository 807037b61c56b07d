// Decoding quality and cost on camera-like frames of real tickets: the project's decoder and
// plain ZXing::ReadBarcode with default hints, side by side, per scene category, in one run.
//   bench_decoder [FRAMES_PER_CATEGORY] [SEED]
// Tickets are signed by kiosk::sign_ticket with a fresh key, as the office issues them.
// Each frame's cost is measured twice: the CPU time of this thread (what "on one core" means,
// and steady on a machine busy with other work) and the wall time beside it.

#include "kiosk_checkin/decoder.hpp"

#include "camera_scene.hpp"
#include "kiosk/tickets/keys.hpp"
#include "kiosk/tickets/ticket.hpp"

#include <ZXing/ReadBarcode.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double thread_cpu_milliseconds()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
}

struct Cost {
    double cpu_ms = 0, wall_ms = 0;
};

// Runs `decode` once and measures it both ways.
template <typename Decode> Cost measure(Decode&& decode)
{
    const double cpu_start = thread_cpu_milliseconds();
    const auto wall_start = Clock::now();
    decode();
    const auto wall = std::chrono::duration<double, std::milli>(Clock::now() - wall_start).count();
    return {thread_cpu_milliseconds() - cpu_start, wall};
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1))];
}

struct Tally {
    int frames = 0, read = 0, misread = 0, false_positive = 0;
    std::vector<double> cpu_ms, wall_ms;

    void add(const std::vector<std::string>& texts, const std::string& expected, Cost cost)
    {
        ++frames;
        cpu_ms.push_back(cost.cpu_ms);
        wall_ms.push_back(cost.wall_ms);
        for (const auto& text : texts) {
            if (expected.empty())
                ++false_positive;
            else if (text != expected)
                ++misread;
        }
        if (!expected.empty() && std::find(texts.begin(), texts.end(), expected) != texts.end())
            ++read;
    }
    // "rate wrong | cpu median p95 | wall median p95"; `wrong` counts false positives when
    // the frames had nothing to read.
    void print(bool empty) const
    {
        std::printf("%6.1f %5d %7.2f %7.2f %7.2f %7.2f", empty ? 0.0 : 100.0 * read / frames,
                    empty ? false_positive : misread, percentile(cpu_ms, 0.5),
                    percentile(cpu_ms, 0.95), percentile(wall_ms, 0.5), percentile(wall_ms, 0.95));
    }
};

std::string random_ticket(const kiosk::SigningKey& key, std::mt19937& random)
{
    kiosk::TicketClaims claims;
    claims.ticket = kiosk::TicketId::random();
    claims.session = kiosk::SessionId{static_cast<std::int64_t>(random() % 0x7fffffff) + 1};
    claims.site = "rennes";
    claims.day = *kiosk::parse_day("2026-11-26");
    return kiosk::sign_ticket(claims, key);
}

} // namespace

int main(int argc, char** argv)
{
    const int per_category = argc > 1 ? std::atoi(argv[1]) : 30;
    std::mt19937 random(argc > 2 ? static_cast<unsigned>(std::atoi(argv[2])) : 2026u);
    const auto key = kiosk::SigningKey::generate();

    std::printf("%d frames of 1280x720 per category; ours = kiosk::checkin::Decoder, "
                "plain = ZXing::ReadBarcode(default hints); ms per frame, CPU of this thread "
                "and wall\n\n",
                per_category);
    std::printf("%-14s | %6s %5s %7s %7s %7s %7s | %6s %5s %7s %7s %7s %7s\n", "", "ours %",
                "wrong", "cpu med", "cpu p95", "wal med", "wal p95", "plain%", "wrong", "cpu med",
                "cpu p95", "wal med", "wal p95");
    Tally all_ours, all_plain;
    // Every scene category with a ticket, frames with nothing to read, and a poster's URL
    // code (read as what it is; the check-in rules then refuse it as not_a_ticket).
    std::vector<std::pair<test::Scene, bool>> categories;
    for (const auto scene : test::all_scenes())
        categories.emplace_back(scene, false);
    categories.emplace_back(test::Scene::Nominal, true);
    // One decoder for the whole run, as the scan loop keeps one: its buffers are reused.
    kiosk::checkin::Decoder decoder;
    for (const auto& [scene, url] : categories) {
        Tally ours, plain;
        for (int i = 0; i < per_category; ++i) {
            const bool no_code = scene == test::Scene::NoCode;
            const std::string text =
                no_code ? ""
                : url   ? "https://www.ateliers-numeriques.fr/programme?p=" + std::to_string(i)
                        : random_ticket(key, random);
            const auto frame = test::make_scene(scene, text, random);
            const kiosk::checkin::GrayView view{frame.pixels.data(), frame.width, frame.height,
                                                frame.width};

            kiosk::checkin::DecodeReport report;
            const Cost ours_cost = measure([&] { report = decoder.read(view); });
            std::vector<std::string> ours_texts;
            for (const auto& code : report.codes)
                ours_texts.push_back(code.text);

            ZXing::Result result;
            const Cost plain_cost = measure([&] {
                result = ZXing::ReadBarcode(ZXing::ImageView(
                    frame.pixels.data(), frame.width, frame.height, ZXing::ImageFormat::Lum));
            });
            std::vector<std::string> plain_texts;
            if (result.isValid())
                plain_texts.push_back(result.text());

            ours.add(ours_texts, text, ours_cost);
            plain.add(plain_texts, text, plain_cost);
            if (!no_code && !url) {
                all_ours.add(ours_texts, text, ours_cost);
                all_plain.add(plain_texts, text, plain_cost);
            }
        }
        const bool empty = scene == test::Scene::NoCode;
        std::printf("%-14s | ", url ? "url code" : std::string(test::name_of(scene)).c_str());
        ours.print(empty);
        std::printf(" | ");
        plain.print(empty);
        std::printf("\n");
        std::fflush(stdout);
    }
    std::printf("%-14s | ", "overall (code)");
    all_ours.print(false);
    std::printf(" | ");
    all_plain.print(false);
    std::printf("\n\nours - plain: %+.1f points over %d frames with a ticket\n",
                100.0 * (all_ours.read - all_plain.read) / all_ours.frames, all_ours.frames);
    std::printf("\n'wrong' is misreads for code categories and false positives for 'no code'.\n");
    return 0;
}
