#include "kiosk_checkin/finder_scan.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>

namespace kiosk::checkin {
namespace {

// Light and dark runs of a finder must differ by this many grey levels on average: flat walls
// under sensor noise make runs of any ratio, but not with this contrast. A code in dim light
// (a fifth of full brightness, then blurred) still shows about twice that.
constexpr int minimum_contrast = 12;

// Finder centres lie between 14 (version 1) and 170 (version 40) modules apart; a ticket is
// far from either end, and the slack covers perspective.
constexpr double closest_finders = 10, farthest_finders = 110;

struct Hit {
    int centre, y, width;
    Polarity polarity;
};

struct Finder {
    double x, y, module;
    Polarity polarity;
    int rows; // sampled rows that crossed it: a finder's core is 3 modules tall
};

// Runs of 1:1:3:1:1 within half a module each, as ZXing's own finder detector accepts; in
// integers, seven times each run against the total.
bool finder_ratio(const std::array<int, 5>& runs, int total)
{
    auto near = [&](int run, int modules) {
        return 2 * std::abs(7 * run - modules * total) < modules * total;
    };
    return total >= 8 && near(runs[0], 1) && near(runs[1], 1) && near(runs[2], 3) &&
           near(runs[3], 1) && near(runs[4], 1);
}

// Each pixel is dark or light against the mean of a window on its row, wider than a finder so
// its dark centre does not drag the mean down: survives shadows and dim light, which a global
// threshold does not.
void threshold_row(const std::uint8_t* row, int width, std::vector<int>& prefix,
                   std::vector<std::uint8_t>& dark)
{
    prefix[0] = 0;
    for (int x = 0; x < width; ++x)
        prefix[static_cast<std::size_t>(x) + 1] = prefix[static_cast<std::size_t>(x)] + row[x];
    const int window = std::max(24, width / 20);
    auto is_dark = [&](int x, int from, int to) {
        // value + 2 < mean, without a division per pixel
        return (row[x] + 2) * (to - from) <
               prefix[static_cast<std::size_t>(to)] - prefix[static_cast<std::size_t>(from)];
    };
    const int inner_begin = std::min(window, width),
              inner_end = std::max(inner_begin, width - window);
    for (int x = 0; x < inner_begin; ++x)
        dark[static_cast<std::size_t>(x)] = is_dark(x, 0, std::min(width, x + window));
    for (int x = inner_begin; x < inner_end; ++x) // the hot loop: a constant window, vectorised
        dark[static_cast<std::size_t>(x)] = is_dark(x, x - window, x + window);
    for (int x = inner_end; x < width; ++x)
        dark[static_cast<std::size_t>(x)] = is_dark(x, std::max(0, x - window), width);
}

void scan_row(const GrayView& image, int y, std::vector<int>& prefix,
              std::vector<std::uint8_t>& dark, std::vector<Hit>& hits)
{
    const std::uint8_t* row = image.data + static_cast<std::ptrdiff_t>(y) * image.stride;
    threshold_row(row, image.width, prefix, dark);
    std::array<int, 5> runs{}, sums{};
    int count = 0; // runs completed in `runs`
    bool run_dark = dark[0] != 0;
    int run_length = 1;
    for (int x = 1; x < image.width; ++x) {
        const bool pixel_dark = dark[static_cast<std::size_t>(x)] != 0;
        if (pixel_dark == run_dark) {
            ++run_length;
            continue;
        }
        // A run ended: shift it, and the sum of its pixels, into the window of the last five.
        std::rotate(runs.begin(), runs.begin() + 1, runs.end());
        std::rotate(sums.begin(), sums.begin() + 1, sums.end());
        runs[4] = run_length;
        sums[4] =
            prefix[static_cast<std::size_t>(x)] - prefix[static_cast<std::size_t>(x - run_length)];
        count = std::min(count + 1, 5);
        const int total = runs[0] + runs[1] + runs[2] + runs[3] + runs[4];
        if (count == 5 && finder_ratio(runs, total)) {
            // The five alternate, so the outer runs have the colour of the run just closed.
            const int outer = (sums[0] + sums[2] + sums[4]) / (runs[0] + runs[2] + runs[4]);
            const int inner = (sums[1] + sums[3]) / (runs[1] + runs[3]);
            const int contrast = run_dark ? inner - outer : outer - inner;
            if (contrast >= minimum_contrast)
                hits.push_back({x - total / 2, y, total,
                                run_dark ? Polarity::DarkOnLight : Polarity::LightOnDark});
        }
        run_dark = pixel_dark;
        run_length = 1;
    }
}

// A finder is crossed by several sampled rows at one place and width; noise and clutter
// rarely line up so. Hits come row by row, so only chains that reached the previous row can
// grow.
std::vector<Finder> confirmed_finders(const std::vector<Hit>& hits, int row_step)
{
    struct Chain {
        double sum_x = 0, sum_y = 0, sum_width = 0;
        int rows = 0;
        Hit last;
    };
    std::vector<Chain> open, closed;
    for (const Hit& hit : hits) {
        auto continues = [&](const Chain& chain) {
            return chain.last.y == hit.y - row_step && chain.last.polarity == hit.polarity &&
                   std::abs(chain.last.centre - hit.centre) <= std::max(2, hit.width / 7) &&
                   std::abs(chain.last.width - hit.width) <= std::max(3, hit.width / 4);
        };
        const auto chain = std::find_if(open.begin(), open.end(), continues);
        if (chain == open.end()) {
            open.push_back({0, 0, 0, 0, hit});
            open.back().sum_x = hit.centre, open.back().sum_y = hit.y;
            open.back().sum_width = hit.width, open.back().rows = 1;
        } else {
            chain->sum_x += hit.centre, chain->sum_y += hit.y, chain->sum_width += hit.width;
            ++chain->rows;
            chain->last = hit;
        }
        // Chains that missed a row are finished.
        const auto ended = std::stable_partition(
            open.begin(), open.end(), [&](const Chain& c) { return c.last.y >= hit.y - row_step; });
        closed.insert(closed.end(), ended, open.end());
        open.erase(ended, open.end());
    }
    closed.insert(closed.end(), open.begin(), open.end());
    // Noise can break one finder's rows into several chains: the chains within two modules of
    // a longer one are that finder too.
    std::stable_sort(closed.begin(), closed.end(),
                     [](const Chain& a, const Chain& b) { return a.rows > b.rows; });
    std::vector<Finder> finders;
    for (const Chain& chain : closed) {
        if (chain.rows < 2)
            continue;
        const double x = chain.sum_x / chain.rows, y = chain.sum_y / chain.rows;
        const double module = chain.sum_width / chain.rows / 7;
        const auto same = std::find_if(finders.begin(), finders.end(), [&](const Finder& f) {
            return f.polarity == chain.last.polarity &&
                   std::hypot(f.x - x, f.y - y) < 2 * std::max(f.module, module);
        });
        if (same == finders.end()) {
            finders.push_back({x, y, module, chain.last.polarity, chain.rows});
            continue;
        }
        const double total = same->rows + chain.rows;
        same->x = (same->x * same->rows + x * chain.rows) / total;
        same->y = (same->y * same->rows + y * chain.rows) / total;
        same->module = (same->module * same->rows + module * chain.rows) / total;
        same->rows += chain.rows;
    }
    return finders;
}

bool could_share_a_code(const Finder& a, const Finder& b)
{
    if (a.polarity != b.polarity)
        return false;
    const double ratio = a.module / b.module;
    if (ratio < 0.6 || ratio > 1 / 0.6)
        return false;
    const double modules_apart = std::hypot(a.x - b.x, a.y - b.y) / ((a.module + b.module) / 2);
    return modules_apart >= closest_finders && modules_apart <= farthest_finders;
}

// Greedy grouping, the finder with the most partners first: a ticket's three finders form one
// group, a lone square on a poster none.
std::vector<CodeCandidate> group(const std::vector<Finder>& finders)
{
    std::vector<std::pair<int, std::size_t>> by_partners;
    for (std::size_t i = 0; i < finders.size(); ++i) {
        int partners = 0;
        for (std::size_t j = 0; j < finders.size(); ++j)
            partners += i != j && could_share_a_code(finders[i], finders[j]);
        if (partners > 0)
            by_partners.emplace_back(partners, i);
    }
    std::stable_sort(by_partners.begin(), by_partners.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::vector<bool> used(finders.size(), false);
    std::vector<CodeCandidate> candidates;
    for (const auto& [partners, seed] : by_partners) {
        if (used[seed])
            continue;
        const Finder& first = finders[seed];
        double left = first.x, right = first.x, top = first.y, bottom = first.y, module = 0;
        int members = 0;
        std::vector<const Finder*> clearest; // crossed by the most rows first
        for (std::size_t j = 0; j < finders.size(); ++j) {
            if (used[j] || (j != seed && !could_share_a_code(first, finders[j])))
                continue;
            used[j] = true;
            clearest.push_back(&finders[j]);
            left = std::min(left, finders[j].x), right = std::max(right, finders[j].x);
            top = std::min(top, finders[j].y), bottom = std::max(bottom, finders[j].y);
            module += finders[j].module;
            ++members;
        }
        module /= members;
        std::stable_sort(clearest.begin(), clearest.end(),
                         [](const Finder* a, const Finder* b) { return a->rows > b->rows; });
        std::array<std::array<double, 2>, 3> centres{};
        int clear = 0;
        double clear_module = 0;
        // A chance pattern among the data modules is crossed by fewer rows, and its runs seldom
        // measure the finders' module.
        auto clear_as = [](const Finder& finder, const Finder& clearest_one) {
            const double ratio = finder.module / clearest_one.module;
            return 5 * finder.rows >= 3 * clearest_one.rows && ratio > 0.8 && ratio < 1.25;
        };
        for (const Finder* finder : clearest) {
            if (!clear_as(*finder, *clearest.front()))
                continue;
            if (clear < 3)
                centres[static_cast<std::size_t>(clear)] = {finder->x, finder->y};
            clear_module += finder->module;
            ++clear;
        }
        // From finder centres to the code's edge is 3.5 modules, plus the quiet zone; with two
        // finders seen, the third may lie on either side of the line between them. ZXing's
        // binarizer also wants some surroundings: a crop cut close to the code reads worse.
        const double side = std::max(right - left, bottom - top);
        const double margin = (members >= 3 ? 0.75 * side : side) + 6 * module;
        candidates.push_back({static_cast<int>(left - margin), static_cast<int>(top - margin),
                              static_cast<int>(right + margin), static_cast<int>(bottom + margin),
                              module, first.polarity, members, clear, clear_module / clear,
                              centres});
    }
    return candidates;
}

} // namespace

FinderEvidence scan_for_finders(const GrayView& image, int row_step)
{
    FinderEvidence evidence;
    if (image.width <= 1 || image.height <= 0)
        return evidence;
    std::vector<int> prefix(static_cast<std::size_t>(image.width) + 1);
    std::vector<std::uint8_t> dark(static_cast<std::size_t>(image.width));
    std::vector<Hit> hits;
    for (int y = row_step / 2; y < image.height; y += row_step)
        scan_row(image, y, prefix, dark, hits);
    const auto finders = confirmed_finders(hits, row_step);
    for (const Finder& finder : finders)
        (finder.polarity == Polarity::DarkOnLight ? evidence.dark_on_light
                                                  : evidence.light_on_dark) += 1;
    evidence.candidates = group(finders);
    return evidence;
}

} // namespace kiosk::checkin
