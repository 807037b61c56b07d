#include "kiosk_checkin/finder_scan.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <vector>

namespace kiosk::checkin {
namespace {

// Runs of 1:1:3:1:1 within half a module each, as ZXing's own finder detector accepts.
bool finder_ratio(const std::array<int, 5>& runs)
{
    int total = 0;
    for (int run : runs)
        total += run;
    if (total < 10) // modules under 1.4 pixels: noise, not a code ZXing could read
        return false;
    const double module = total / 7.0;
    const double tolerance = module / 2;
    return std::abs(runs[0] - module) < tolerance && std::abs(runs[1] - module) < tolerance &&
           std::abs(runs[2] - 3 * module) < 3 * tolerance &&
           std::abs(runs[3] - module) < tolerance && std::abs(runs[4] - module) < tolerance;
}

} // namespace

FinderEvidence scan_for_finders(const GrayView& image, int row_step)
{
    FinderEvidence evidence;
    evidence.left = image.width;
    evidence.top = image.height;
    std::vector<int> prefix(static_cast<std::size_t>(image.width) + 1);
    // Hits on one sampled row, as (centre, width); a real finder is crossed by several rows
    // in a column, noise and clutter rarely are.
    std::vector<std::pair<int, int>> previous_hits, hits;
    // Wider than a finder (7 modules), so its dark centre does not drag the mean down.
    const int window = std::max(24, image.width / 20);
    for (int y = row_step / 2; y < image.height; y += row_step) {
        previous_hits.swap(hits);
        hits.clear();
        // Threshold each pixel against the mean of its neighbourhood on the row: survives
        // shadows and dim light, which a global threshold does not.
        for (int x = 0; x < image.width; ++x)
            prefix[static_cast<std::size_t>(x) + 1] = prefix[static_cast<std::size_t>(x)] + image.at(x, y);
        std::array<int, 5> runs{};
        int count = 0; // runs completed in `runs`
        bool run_dark = false;
        int run_length = 0;
        for (int x = 0; x < image.width; ++x) {
            const int from = std::max(0, x - window), to = std::min(image.width, x + window);
            const int mean = (prefix[static_cast<std::size_t>(to)] - prefix[static_cast<std::size_t>(from)]) / (to - from);
            const bool dark = image.at(x, y) + 2 < mean;
            if (x == 0 || dark == run_dark) {
                run_dark = dark;
                ++run_length;
                continue;
            }
            // A run ended: shift it into the window of the last five.
            std::rotate(runs.begin(), runs.begin() + 1, runs.end());
            runs[4] = run_length;
            count = std::min(count + 1, 5);
            // The last run closed was of colour run_dark; the five alternate, so the first
            // has the same colour as the last.
            const int total = runs[0] + runs[1] + runs[2] + runs[3] + runs[4];
            if (count == 5 && finder_ratio(runs)) {
                const int centre = x - total / 2;
                hits.emplace_back(centre, total);
                const bool confirmed = std::any_of(
                    previous_hits.begin(), previous_hits.end(), [&](const auto& hit) {
                        return std::abs(hit.first - centre) <= std::max(2, total / 7) &&
                               std::abs(hit.second - total) <= std::max(3, total / 4);
                    });
                if (!confirmed)
                    goto next_run;
                (run_dark ? evidence.dark_on_light : evidence.light_on_dark) += 1;
                evidence.left = std::min(evidence.left, x - total);
                evidence.right = std::max(evidence.right, x);
                evidence.top = std::min(evidence.top, y);
                evidence.bottom = std::max(evidence.bottom, y);
            }
        next_run:
            run_dark = dark;
            run_length = 1;
        }
    }
    return evidence;
}

} // namespace kiosk::checkin
