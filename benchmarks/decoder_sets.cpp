// Decoding quality on two independently written frame generators, each in a development half
// and a held-out half (different seeds), ours beside plain ZXing::ReadBarcode(default hints),
// in one run:
//   pinhole  tests/support/posed_frames.hpp: a target posed in 3-D before a pinhole camera,
//            lens defocus disk, motion during the exposure, shot and read noise, the camera's
//            tone curve, sharpening and JPEG;
//   warped   tests/support/camera_scene.hpp: the code image warped in 2-D and degraded.
// The decoder is tuned on the pinhole development half only; the other three sets judge it.
//   bench_decoder_sets [FRAMES_PER_KIND] [--set NAME] [--write-frames DIR]
// NAME is one of "pinhole-dev", "pinhole-held", "warped-dev", "warped-held".
// Every code is a real signed ticket (exact payload match counts as read); frames with no code
// count false positives.

#include "camera_scene.hpp"
#include "decode_tally.hpp"
#include "kiosk_checkin/decoder.hpp"
#include "posed_frames.hpp"

#include <ZXing/ReadBarcode.h>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace {

using bench::Tally;

struct Row {
    std::string kind;
    bool empty = false; // frames with nothing to read
    Tally ours, plain;
};

struct SetResult {
    std::string name;
    std::vector<Row> rows;
    Tally ours, plain; // frames with a code
    int ours_false = 0, plain_false = 0;
};

// One kind of frame: `make(index, text)` draws frame `index` showing `text`.
struct Kind {
    std::string name;
    bool empty = false;
    std::function<test::GrayImage(int, const std::string&)> make;
};

struct Run {
    kiosk::checkin::Decoder decoder; // one for the whole run, as the scan loop keeps one
    kiosk::SigningKey key = kiosk::SigningKey::generate();
    int per_kind = 20;
    std::filesystem::path write_frames;

    SetResult evaluate(const std::string& name, const std::vector<Kind>& kinds,
                       unsigned ticket_seed)
    {
        SetResult result{name, {}, {}, {}, 0, 0};
        std::mt19937 tickets(ticket_seed);
        for (const Kind& kind : kinds) {
            Row row{kind.name, kind.empty, {}, {}};
            for (int i = 0; i < per_kind; ++i) {
                const std::string text = kind.empty ? "" : bench::random_ticket(key, tickets);
                const test::GrayImage frame = kind.make(i, text);
                if (!write_frames.empty() && i == 0)
                    test::write_image(frame, write_frames / (name + " " + kind.name + ".png"));
                const kiosk::checkin::GrayView view{frame.pixels.data(), frame.width, frame.height,
                                                    frame.width};
                kiosk::checkin::DecodeReport report;
                decoder.new_scene(); // each frame on its own: no hold carried over
                const auto ours_cost = bench::measure([&] { report = decoder.read(view); });
                std::vector<std::string> ours;
                for (const auto& code : report.codes)
                    ours.push_back(code.text);
                ZXing::Result plain_result;
                const auto plain_cost = bench::measure([&] {
                    plain_result = ZXing::ReadBarcode(ZXing::ImageView(
                        frame.pixels.data(), frame.width, frame.height, ZXing::ImageFormat::Lum));
                });
                std::vector<std::string> plain;
                if (plain_result.isValid())
                    plain.push_back(plain_result.text());
                row.ours.add(ours, text, ours_cost);
                row.plain.add(plain, text, plain_cost);
                if (!kind.empty) {
                    result.ours.add(ours, text, ours_cost);
                    result.plain.add(plain, text, plain_cost);
                }
            }
            result.ours_false += row.ours.false_positive;
            result.plain_false += row.plain.false_positive;
            std::printf("%-12s %-14s | ", name.c_str(), kind.name.c_str());
            row.ours.print(kind.empty);
            std::printf(" | ");
            row.plain.print(kind.empty);
            std::printf("\n");
            std::fflush(stdout);
            result.rows.push_back(std::move(row));
        }
        return result;
    }
};

std::vector<Kind> pinhole_kinds(test::optics::Half half)
{
    std::vector<Kind> kinds;
    for (const auto trouble : test::optics::all_troubles())
        kinds.push_back(
            {std::string(test::optics::name_of(trouble)), trouble == test::optics::Trouble::NoCode,
             [half, trouble](int index, const std::string& text) {
                 return test::optics::make_posed_frame(trouble, text,
                                                       test::optics::seed_of(half, trouble, index));
             }});
    return kinds;
}

std::vector<Kind> warped_kinds(unsigned seed)
{
    std::vector<Kind> kinds;
    for (const auto scene : test::all_scenes())
        kinds.push_back({std::string(test::name_of(scene)), scene == test::Scene::NoCode,
                         [seed, scene](int index, const std::string& text) {
                             std::mt19937 random(seed * 7919u +
                                                 static_cast<unsigned>(scene) * 104729u +
                                                 static_cast<unsigned>(index));
                             return test::make_scene(scene, text, random);
                         }});
    return kinds;
}

} // namespace

int main(int argc, char** argv)
{
    Run run;
    std::string only;
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        if (argument == "--set" && i + 1 < argc)
            only = argv[++i];
        else if (argument == "--write-frames" && i + 1 < argc)
            run.write_frames = argv[++i];
        else
            run.per_kind = std::atoi(argv[i]);
    }
    using test::optics::Half;
    const std::vector<std::pair<std::string, std::function<std::vector<Kind>()>>> sets{
        {"pinhole-dev", [] { return pinhole_kinds(Half::Development); }},
        {"pinhole-held", [] { return pinhole_kinds(Half::HeldOut); }},
        {"warped-dev", [] { return warped_kinds(11); }},
        {"warped-held", [] { return warped_kinds(29); }},
    };

    std::printf("%d frames of 1280x720 per kind; ours = kiosk::checkin::Decoder, plain = "
                "ZXing::ReadBarcode(default hints); ms per frame, CPU of this thread and wall\n\n",
                run.per_kind);
    std::printf("%-12s %-14s | %6s %5s %7s %7s %7s %7s | %6s %5s %7s %7s %7s %7s\n", "set", "kind",
                "ours %", "wrong", "cpu med", "cpu p95", "wal med", "wal p95", "plain%", "wrong",
                "cpu med", "cpu p95", "wal med", "wal p95");
    std::vector<SetResult> results;
    for (std::size_t i = 0; i < sets.size(); ++i)
        if (only.empty() || only == sets[i].first)
            results.push_back(
                run.evaluate(sets[i].first, sets[i].second(), 100 + static_cast<unsigned>(i)));

    std::printf("\n%-12s | %6s %6s %6s %8s %8s | %6s %6s %6s %8s %8s | %7s\n", "set", "ours %",
                "misrd", "false+", "cpu p50", "cpu p95", "plain%", "misrd", "false+", "cpu p50",
                "cpu p95", "gain");
    for (const auto& set : results)
        std::printf("%-12s | %6.1f %6d %6d %8.2f %8.2f | %6.1f %6d %6d %8.2f %8.2f | %+6.1f\n",
                    set.name.c_str(), set.ours.rate(), set.ours.misread, set.ours_false,
                    bench::percentile(set.ours.cpu_ms, 0.5),
                    bench::percentile(set.ours.cpu_ms, 0.95), set.plain.rate(), set.plain.misread,
                    set.plain_false, bench::percentile(set.plain.cpu_ms, 0.5),
                    bench::percentile(set.plain.cpu_ms, 0.95), set.ours.rate() - set.plain.rate());
    std::printf("\nRates and CPU over frames with a ticket; false+ over the 'no code' frames; "
                "'wrong' in the rows above is misreads, false positives for 'no code'.\n");
    return 0;
}
