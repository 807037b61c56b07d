// Time to admit: visitors presenting a ticket (a phone or a printed A6) to the kiosk's
// fixed-focus webcam at 30 frames a second, filmed by tests/support/presentation.hpp, each
// film fed through the real scan loop (motion gate, reader, debounce) once reading with our
// decoder and once with plain ZXing (read_codes: one ReadBarcode pass, QR codes only).
//   bench_time_to_admit [PRESENTATIONS] [--every-frame] [--only INDEX] [--write-frames DIR]
// Time runs from the first frame with the whole code in view to the ticket handed over,
// reading cost included: the loop takes the newest frame when it is free, as with a live
// camera, and each read costs the CPU time it took here (--every-frame: every frame is
// read, at no cost). Tickets are real signed tickets; any other code handed over is a misread.

#include "admission.hpp"
#include "decode_tally.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

namespace {

using test::optics::Admission;

struct Summary {
    std::vector<double> seconds; // never admitted: infinity
    int misreads = 0;
    long frames_decoded = 0;

    void add(const Admission& admission)
    {
        seconds.push_back(admission.seconds.value_or(std::numeric_limits<double>::infinity()));
        misreads += admission.misreads;
        frames_decoded += admission.frames_decoded;
    }
    [[nodiscard]] double share_within(double limit) const
    {
        int count = 0;
        for (const double s : seconds)
            count += s <= limit;
        return seconds.empty() ? 0 : 100.0 * count / static_cast<double>(seconds.size());
    }
    void print(const char* name) const
    {
        auto milliseconds = [](double s) {
            return s == std::numeric_limits<double>::infinity()
                       ? std::string("never")
                       : std::to_string(static_cast<int>(s * 1000));
        };
        std::printf("%-6s | %7.1f %7.1f %7.1f %7.1f | %7s %7s | %6d | %8.1f\n", name,
                    share_within(0.5), share_within(1.0), share_within(2.0),
                    100.0 - share_within(1e9),
                    milliseconds(bench::percentile(seconds, 0.5)).c_str(),
                    milliseconds(bench::percentile(seconds, 0.95)).c_str(), misreads,
                    seconds.empty() ? 0.0
                                    : static_cast<double>(frames_decoded) /
                                          static_cast<double>(seconds.size()));
    }
};

} // namespace

int main(int argc, char** argv)
{
    int presentations = 100;
    auto pacing = test::optics::Pacing::RealTime;
    std::filesystem::path write_frames;
    int only = -1; // one presentation of the run, to look at it again
    for (int i = 1; i < argc; ++i) {
        const std::string argument = argv[i];
        if (argument == "--every-frame")
            pacing = test::optics::Pacing::EveryFrame;
        else if (argument == "--only" && i + 1 < argc)
            only = std::atoi(argv[++i]);
        else if (argument == "--write-frames" && i + 1 < argc)
            write_frames = argv[++i];
        else
            presentations = std::atoi(argv[i]);
    }
    const auto key = kiosk::SigningKey::generate();
    std::mt19937 tickets(7);
    Summary ours, plain;
    // By hold distance: defocus grows as the ticket comes closer than the lens's focus.
    std::vector<std::pair<double, Summary>> ours_by_distance{{0.22, {}}, {0.30, {}}, {0.41, {}}};
    std::vector<std::pair<double, Summary>> plain_by_distance = ours_by_distance;
    // Whether a lamp's reflection was placed on the code as it is held.
    std::array<Summary, 2> ours_by_glare, plain_by_glare;
    std::printf(
        "%d presentations at 30 fps, 1280x720, held 15-40 cm from a webcam focused at 60 cm; "
        "%s\n\n",
        presentations,
        pacing == test::optics::Pacing::RealTime ? "real-time pacing (newest frame, CPU cost)"
                                                 : "every frame read, no cost");
    for (int i = 0; i < presentations; ++i) {
        const std::string ticket = bench::random_ticket(key, tickets);
        if (only >= 0 && i != only)
            continue;
        test::optics::PresentationFilm film(ticket, 0x5000u + static_cast<std::uint32_t>(i));
        const Admission with_ours = present(film, ticket, kiosk::checkin::decoder_reader(), pacing);
        const Admission with_plain =
            present(film, ticket, kiosk::checkin::plain_zxing_reader(), pacing);
        ours.add(with_ours);
        plain.add(with_plain);
        for (std::size_t bin = 0; bin < ours_by_distance.size(); ++bin)
            if (film.hold_distance() < ours_by_distance[bin].first) {
                ours_by_distance[bin].second.add(with_ours);
                plain_by_distance[bin].second.add(with_plain);
                break;
            }
        const std::size_t lit = film.lighting().glare > 0 ? 1 : 0;
        ours_by_glare[lit].add(with_ours);
        plain_by_glare[lit].add(with_plain);
        if (!write_frames.empty() && (!with_ours.seconds || *with_ours.seconds > 1.0)) {
            // The slow ones, as the loop saw them a second after the code came into view.
            const int index = static_cast<int>((film.code_in_view_at() + 1.0) * 30);
            if (index < film.frame_count())
                test::write_image(*film.frame(index),
                                  write_frames / ("presentation " + std::to_string(i) + ".png"));
        }
        std::printf("#%-3d %-5s %2.0f cm  light %3.1f  glare %3.1f  ours %6s  plain %6s\n", i,
                    film.medium() == test::optics::Medium::Phone ? "phone" : "paper",
                    film.hold_distance() * 100, film.lighting().level, film.lighting().glare,
                    with_ours.seconds
                        ? std::to_string(static_cast<int>(*with_ours.seconds * 1000)).c_str()
                        : "never",
                    with_plain.seconds
                        ? std::to_string(static_cast<int>(*with_plain.seconds * 1000)).c_str()
                        : "never");
        std::fflush(stdout);
    }
    std::printf("\n%-6s | %7s %7s %7s %7s | %7s %7s | %6s | %8s\n", "reader", "<=0.5s%", "<=1s %",
                "<=2s %", "never%", "p50 ms", "p95 ms", "misrd", "decoded");
    ours.print("ours");
    plain.print("plain");
    std::printf("\nBy hold distance (admitted within 1 s, ours / plain):\n");
    double low = 0.15;
    for (std::size_t bin = 0; bin < ours_by_distance.size(); ++bin) {
        std::printf("  %2.0f-%2.0f cm: %5.1f %% / %5.1f %% of %zu\n", low * 100,
                    std::min(0.40, ours_by_distance[bin].first) * 100,
                    ours_by_distance[bin].second.share_within(1.0),
                    plain_by_distance[bin].second.share_within(1.0),
                    ours_by_distance[bin].second.seconds.size());
        low = ours_by_distance[bin].first;
    }
    std::printf(
        "\nBy lamp's reflection on the code (admitted within 1 s, ours / plain; never read, "
        "ours):\n");
    for (const std::size_t lit : {0u, 1u})
        std::printf("  %-8s %5.1f %% / %5.1f %% of %zu; never %5.1f %%\n",
                    lit ? "glare" : "no glare", ours_by_glare[lit].share_within(1.0),
                    plain_by_glare[lit].share_within(1.0), ours_by_glare[lit].seconds.size(),
                    100.0 - ours_by_glare[lit].share_within(1e9));
    std::printf(
        "\n'decoded' is frames the motion gate let through to the reader per presentation.\n");
    return 0;
}
