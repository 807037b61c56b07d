// Decoding quality and cost on camera-like frames of real tickets: the project's decoder and
// plain ZXing::ReadBarcode with default hints, side by side, per scene category, in one run.
//   bench_decoder [FRAMES_PER_CATEGORY] [SEED]
// Tickets are signed by kiosk::sign_ticket with a fresh key, as the office issues them.

#include "kiosk/keys.hpp"
#include "kiosk/ticket.hpp"
#include "kiosk_checkin/decoder.hpp"

#include "camera_scene.hpp"

#include <ZXing/ReadBarcode.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Tally {
    int frames = 0, read = 0, misread = 0, false_positive = 0;
    std::vector<double> milliseconds;

    void add(const std::vector<std::string>& texts, const std::string& expected, double ms)
    {
        ++frames;
        milliseconds.push_back(ms);
        for (const auto& text : texts) {
            if (expected.empty())
                ++false_positive;
            else if (text != expected)
                ++misread;
        }
        if (!expected.empty() && std::find(texts.begin(), texts.end(), expected) != texts.end())
            ++read;
    }
    [[nodiscard]] double percentile(double p) const
    {
        if (milliseconds.empty())
            return 0;
        auto sorted = milliseconds;
        std::sort(sorted.begin(), sorted.end());
        return sorted[static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1))];
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
                "plain = ZXing::ReadBarcode(default hints)\n\n", per_category);
    std::printf("%-14s | %6s %5s %8s %8s | %6s %5s %8s %8s\n", "category", "ours %", "wrong",
                "med ms", "p95 ms", "plain%", "wrong", "med ms", "p95 ms");
    Tally all_ours, all_plain;
    // Every scene category with a ticket, frames with nothing to read, and a poster's URL
    // code (read as what it is; the check-in rules then refuse it as not_a_ticket).
    std::vector<std::pair<test::Scene, bool>> categories;
    for (const auto scene : test::all_scenes())
        categories.emplace_back(scene, false);
    categories.emplace_back(test::Scene::Nominal, true);
    for (const auto& [scene, url] : categories) {
        Tally ours, plain;
        for (int i = 0; i < per_category; ++i) {
            const bool no_code = scene == test::Scene::NoCode;
            const std::string text = no_code ? ""
                                     : url   ? "https://www.ateliers-numeriques.fr/programme?p=" + std::to_string(i)
                                             : random_ticket(key, random);
            const auto frame = test::make_scene(scene, text, random);
            const kiosk::checkin::GrayView view{frame.pixels.data(), frame.width, frame.height, frame.width};

            kiosk::checkin::Decoder decoder;
            auto start = Clock::now();
            const auto report = decoder.read(view);
            const double ours_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
            std::vector<std::string> ours_texts;
            for (const auto& code : report.codes)
                ours_texts.push_back(code.text);

            start = Clock::now();
            const auto result = ZXing::ReadBarcode(
                ZXing::ImageView(frame.pixels.data(), frame.width, frame.height, ZXing::ImageFormat::Lum));
            const double plain_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
            std::vector<std::string> plain_texts;
            if (result.isValid())
                plain_texts.push_back(result.text());

            ours.add(ours_texts, text, ours_ms);
            plain.add(plain_texts, text, plain_ms);
            if (!no_code && !url) {
                all_ours.add(ours_texts, text, ours_ms);
                all_plain.add(plain_texts, text, plain_ms);
            }
        }
        const double frames = ours.frames;
        const bool empty = scene == test::Scene::NoCode;
        std::printf("%-14s | %6.1f %5d %8.2f %8.2f | %6.1f %5d %8.2f %8.2f\n",
                    url ? "url code" : std::string(test::name_of(scene)).c_str(),
                    empty ? 0.0 : 100.0 * ours.read / frames, empty ? ours.false_positive : ours.misread,
                    ours.percentile(0.5), ours.percentile(0.95),
                    empty ? 0.0 : 100.0 * plain.read / frames, empty ? plain.false_positive : plain.misread,
                    plain.percentile(0.5), plain.percentile(0.95));
        std::fflush(stdout);
    }
    std::printf("%-14s | %6.1f %5d %8.2f %8.2f | %6.1f %5d %8.2f %8.2f\n", "overall (code)",
                100.0 * all_ours.read / all_ours.frames, all_ours.misread, all_ours.percentile(0.5),
                all_ours.percentile(0.95), 100.0 * all_plain.read / all_plain.frames,
                all_plain.misread, all_plain.percentile(0.5), all_plain.percentile(0.95));
    std::printf("\n'wrong' is misreads for code categories and false positives for 'no code'.\n");
    return 0;
}
