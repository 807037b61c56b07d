// Decoding quality and cost on camera-like frames of real tickets: the project's decoder and
// plain ZXing::ReadBarcode with default hints, side by side, per scene category, in one run.
//   bench_decoder [FRAMES_PER_CATEGORY] [SEED]
// Tickets are signed by kiosk::sign_ticket with a fresh key, as the office issues them.
// Each frame's cost is measured twice: the CPU time of this thread (what "on one core" means,
// and steady on a machine busy with other work) and the wall time beside it.

#include "kiosk_checkin/decoder.hpp"

#include "camera_scene.hpp"
#include "decode_tally.hpp"

#include <ZXing/ReadBarcode.h>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using bench::Cost;
using bench::measure;
using bench::Tally;
using bench::random_ticket;

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
            decoder.new_scene(); // each frame on its own: no hold carried over
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
