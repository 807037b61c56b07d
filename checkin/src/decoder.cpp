#include "kiosk_checkin/decoder.hpp"

#include "finder_completion.hpp"
#include "image_ops.hpp"
#include "kiosk_checkin/finder_scan.hpp"
#include "search_areas.hpp"

#include <ZXing/ReadBarcode.h>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>

namespace kiosk::checkin {
namespace {

// The budget counts the CPU time this thread spends, not the wall clock: on a kiosk busy
// drawing the board (or a machine shared with other work) a preempted decoder has done no
// work, and cutting its passes for time it never had would make reading depend on the load.
struct ThreadCpuClock {
    using duration = std::chrono::nanoseconds;
    using rep = duration::rep;
    using period = duration::period;
    using time_point = std::chrono::time_point<ThreadCpuClock>;
    static constexpr bool is_steady = true;

    static time_point now() noexcept
    {
        timespec now{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
        return time_point(std::chrono::seconds(now.tv_sec) + std::chrono::nanoseconds(now.tv_nsec));
    }
};

struct PassResult {
    std::vector<Detection> codes;
    std::optional<Box> near_miss; // a symbol ZXing located but could not decode
};

double polygon_area(const ZXing::Position& position)
{
    double twice = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const auto& a = position[i];
        const auto& b = position[(i + 1) % 4];
        twice += static_cast<double>(a.x) * b.y - static_cast<double>(b.x) * a.y;
    }
    return std::abs(twice) / 2;
}

ZXing::DecodeHints qr_hints(ZXing::Binarizer binarizer, bool try_harder)
{
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    hints.setBinarizer(binarizer);
    hints.setTryHarder(try_harder);
    hints.setTryRotate(false); // QR finders are rotation invariant; rotation helps 1D codes only
    hints.setReturnErrors(true);
    return hints;
}

PassResult run_zxing(const GrayView& image, const ZXing::DecodeHints& hints,
                     Placement placement = {})
{
    const ZXing::ImageView view(image.data, image.width, image.height, ZXing::ImageFormat::Lum,
                                image.stride);
    PassResult result;
    for (const auto& found : ZXing::ReadBarcodes(view, hints)) {
        const auto& position = found.position();
        double x = 0, y = 0;
        int left = image.width, top = image.height, right = 0, bottom = 0;
        for (std::size_t i = 0; i < 4; ++i) {
            x += position[i].x / 4.0;
            y += position[i].y / 4.0;
            left = std::min(left, position[i].x);
            right = std::max(right, position[i].x);
            top = std::min(top, position[i].y);
            bottom = std::max(bottom, position[i].y);
        }
        if (!found.isValid()) {
            if (found.format() == ZXing::BarcodeFormat::QRCode)
                result.near_miss =
                    Box{static_cast<int>(left / placement.scale + placement.offset_x),
                        static_cast<int>(top / placement.scale + placement.offset_y),
                        static_cast<int>(right / placement.scale + placement.offset_x),
                        static_cast<int>(bottom / placement.scale + placement.offset_y)};
            continue;
        }
        Detection detection;
        detection.text = found.text();
        detection.center_x = x / placement.scale + placement.offset_x;
        detection.center_y = y / placement.scale + placement.offset_y;
        detection.area = polygon_area(position) / (placement.scale * placement.scale);
        result.codes.push_back(std::move(detection));
    }
    return result;
}

} // namespace

std::vector<Detection> read_codes(const GrayView& image)
{
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    return run_zxing(image, hints).codes;
}

std::optional<Detection> primary_code(const std::vector<Detection>& codes, int width, int height)
{
    if (codes.empty())
        return std::nullopt;
    const double diagonal = std::hypot(width, height);
    // Size dominates; distance from the centre breaks near-ties (up to a quarter of the score).
    auto score = [&](const Detection& code) {
        const double distance =
            std::hypot(code.center_x - width / 2.0, code.center_y - height / 2.0) / diagonal;
        return std::sqrt(code.area) * (1.0 - 0.25 * distance);
    };
    const Detection* best = &codes.front();
    for (const auto& code : codes)
        if (score(code) > score(*best))
            best = &code;
    return *best;
}

namespace {

// What a pass costs relative to the cheap pass on as many pixels: an image transform and a
// decode, or a decode that tries harder.
double relative_cost(Pass pass)
{
    switch (pass) {
    case Pass::Candidate:
    case Pass::Histogram:
        return 1.0;
    case Pass::Darkened:
        return 1.1;
    case Pass::Inverted:
        return 1.2;
    case Pass::Sharpened:
    case Pass::Smoothed:
        return 1.6;
    case Pass::Deblurred: // on (6 / 4.5)² as many pixels
        return 2.8;
    case Pass::Normalised:
    case Pass::Harder:
        return 2.0;
    case Pass::Completed: // per place tried for the missing finder
    case Pass::Cheap:
        break;
    }
    return 1.0;
}

ZXing::DecodeHints one_scale(ZXing::DecodeHints hints)
{
    hints.setTryDownscale(false);
    return hints;
}

// How each pass asks ZXing, made once. One scale only: ZXing's extra third-size copy reads
// nothing more on camera frames of tickets and costs a quarter of the pass. The cheap pass
// tries harder (every row searched for finders, more sets of three tried): it reads turned
// codes the quicker search misses, 37 of the 40 turned codes of the pinhole development
// frames instead of 29, for an eighth more time at the median.
struct PassHints {
    ZXing::DecodeHints whole = one_scale(qr_hints(ZXing::Binarizer::LocalAverage, true));
    ZXing::DecodeHints local = one_scale(qr_hints(ZXing::Binarizer::LocalAverage, false));
    ZXing::DecodeHints harder = qr_hints(ZXing::Binarizer::LocalAverage, true);
    ZXing::DecodeHints histogram = qr_hints(ZXing::Binarizer::GlobalHistogram, false);
};

// What a harder pass decodes of an area: an image transform of it, made in `scratch` (and
// `enlarged` for a pass that enlarges it further by `extra_scale`), and how.
struct PassInput {
    GrayView view;
    const ZXing::DecodeHints* hints = nullptr;
    double extra_scale = 1;
};

// Deblurred enlarges the area to this many pixels a module before its stronger unsharp mask:
// at 4.5 a mask wide enough for a defocus disk or a motion smear of about a module would
// reach across the next module too.
constexpr double deblur_module_pixels = 6.0;

// How far from an area's darkest grey towards its white Darkened turns everything black.
// Anywhere from 0.45 to 0.8 read alike on the pinhole development frames (within a read or
// two of 480); 0.7 turns the specks that an overexposed screen leaves of its dark modules dark.
constexpr double darkened_fraction = 0.7;

PassInput pass_input(Pass pass, const GrayView& view, const PassHints& hints,
                     std::vector<std::uint8_t>& scratch, std::vector<std::uint8_t>& enlarged)
{
    switch (pass) {
    case Pass::Sharpened: {
        const int radius = std::max(1, static_cast<int>(wanted_module_pixels / 2));
        return {image_ops::sharpened(view, radius, 1.0, scratch), &hints.local};
    }
    case Pass::Deblurred: {
        const double extra = deblur_module_pixels / wanted_module_pixels;
        const GrayView larger =
            image_ops::resampled(view, 0, 0, view.width, view.height, extra, enlarged);
        return {image_ops::sharpened(larger, 3, 2.0, scratch), &hints.local, extra};
    }
    case Pass::Normalised:
        return {image_ops::normalised(view, scratch, 32), &hints.local};
    case Pass::Harder:
        return {view, &hints.harder};
    case Pass::Histogram:
        return {view, &hints.histogram};
    case Pass::Smoothed:
        return {image_ops::smoothed(view, scratch), &hints.local};
    case Pass::Darkened:
        return {image_ops::darkened(view, scratch, darkened_fraction), &hints.local};
    case Pass::Candidate:
    case Pass::Cheap:
    case Pass::Inverted:
    case Pass::Completed: // drawn per place in Decoder::read
        break;
    }
    return {view, &hints.local};
}

// Where an area lies in the frame: left, top, right, bottom.
std::array<int, 4> frame_place(const Area& area)
{
    const Placement& at = area.placement;
    return {static_cast<int>(at.offset_x), static_cast<int>(at.offset_y),
            static_cast<int>(at.offset_x + area.view.width / at.scale),
            static_cast<int>(at.offset_y + area.view.height / at.scale)};
}

// Whether two areas frame the same code: centres within a quarter of the side, sides within a
// quarter of each other (a hand's tremor moves a held code by a few pixels).
bool same_place(const std::array<int, 4>& a, const std::array<int, 4>& b)
{
    for (const std::size_t axis : {0u, 1u}) {
        const int side = a[axis + 2] - a[axis], other_side = b[axis + 2] - b[axis];
        if (std::abs((a[axis] + a[axis + 2]) - (b[axis] + b[axis + 2])) > side / 2 ||
            4 * std::abs(side - other_side) > std::max(side, other_side))
            return false;
    }
    return true;
}

} // namespace

DecodeReport Decoder::read(const GrayView& image, Hint hint)
{
    using Clock = ThreadCpuClock;
    const auto start = Clock::now();
    DecodeReport report;
    auto finish = [&] {
        report.elapsed =
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
        return report;
    };
    auto attempt = [&](Pass pass, const GrayView& view, const ZXing::DecodeHints& hints,
                       Placement placement = {}) {
        report.passes_run.push_back(pass);
        PassResult result = run_zxing(view, hints, placement);
        report.codes = std::move(result.codes);
        return result;
    };

    static const PassHints hints;
    const PassResult cheap = attempt(Pass::Cheap, image, hints.whole);
    if (!report.codes.empty()) {
        new_scene(); // the next code held up starts from the head
        return finish();
    }
    double cost_per_pixel = static_cast<double>((Clock::now() - start).count()) /
                            (static_cast<double>(image.width) * image.height);

    const FinderEvidence finders = scan_for_finders(image);
    report.evidence =
        !finders.candidates.empty() || cheap.near_miss.has_value() || hint == Hint::MotionStopped;
    if (!report.evidence) // a blurred frame amid a hold: where the hold got to is kept
        return finish();
    auto fits_budget_on = [&](Pass pass, double pixels) {
        return static_cast<double>((Clock::now() - start).count()) +
                   cost_per_pixel * relative_cost(pass) * pixels <=
               static_cast<double>(std::chrono::nanoseconds(options_.budget).count());
    };
    auto expected_cost = [&](Pass pass, const GrayView& view) {
        return cost_per_pixel * relative_cost(pass) * view.width * view.height;
    };
    auto fits_budget = [&](Pass pass, const GrayView& view) {
        return fits_budget_on(pass, static_cast<double>(view.width) * view.height);
    };
    const std::vector<Area> areas = areas_to_search(
        image, finders, cheap.near_miss,
        [&](double pixels) { return fits_budget_on(Pass::Candidate, pixels); }, areas_, scratch_);
    // A frame whose passes cost more than foreseen (noise makes ZXing chase many finder
    // candidates) will go on doing so: the next passes are foreseen dearer, not started late.
    auto learn_cost = [&](Pass pass, const GrayView& view, Clock::time_point began) {
        const double spent = static_cast<double>((Clock::now() - began).count());
        cost_per_pixel *= std::max(1.0, spent / std::max(1.0, expected_cost(pass, view)));
    };
    // A ticket held up shows the same code frame after frame. The head of the list (the
    // likeliest reads for their cost) runs on every frame; the other passes start where the
    // budget stopped them on the frame before, so a hold tries the whole list within a few
    // frames instead of its first passes on every one. It is held if the scene settled (the
    // motion gate) or if the code is where it was (a hand's tremor is motion to the gate).
    // Anything else starts from the head.
    const auto code_place = !areas.empty() && !areas.front().whole_frame
                                ? std::optional(frame_place(areas.front()))
                                : std::nullopt;
    const bool held = hint == Hint::MotionStopped ||
                      (code_place && last_place_ && same_place(*code_place, *last_place_));
    const std::size_t pass_count = options_.passes.size();
    const std::size_t every_frame = std::min(options_.every_frame, pass_count);
    const std::size_t first_turn = held && resume_at_ ? *resume_at_ : every_frame;
    // The first pass taking turns that the budget left out, on any area, after another pass
    // had run: the next frame of a hold goes on from there. It is never the pass this frame's
    // turns started with, so a hold moves on even past a pass too dear to run on every area.
    std::optional<std::size_t> first_cut;
    const std::size_t passes_before = report.passes_run.size();
    for (std::size_t step = 0; step < pass_count && report.codes.empty(); ++step) {
        const std::size_t index =
            step < every_frame ? step
                               : every_frame + (first_turn - every_frame + step - every_frame) %
                                                   (pass_count - every_frame);
        const Pass pass = options_.passes[index];
        auto fits = [&](const GrayView& view) {
            const bool within = fits_budget(pass, view);
            if (!within && !first_cut && index >= every_frame && index != first_turn &&
                report.passes_run.size() > passes_before)
                first_cut = index;
            return within;
        };
        if (pass == Pass::Inverted) { // the whole frame, once
            if (fits(image)) {
                const auto began = Clock::now();
                attempt(pass, image_ops::inverted(image, scratch_), hints.local);
                learn_cost(pass, image, began);
            }
        } else if (pass == Pass::Completed) {
            for (const Area& area : areas) {
                if (!area.two_finders)
                    continue;
                const auto& [a, b] = *area.two_finders;
                for (const auto& place : third_finder_places(area.view, a, b, area.module)) {
                    if (!fits(area.view))
                        break;
                    const auto began = Clock::now();
                    attempt(pass, image_ops::with_finder(area.view, place, scratch_), hints.local,
                            area.placement);
                    learn_cost(pass, area.view, began);
                    if (!report.codes.empty())
                        break;
                }
                if (!report.codes.empty())
                    break;
            }
        } else if (pass != Pass::Cheap) {
            for (const Area& area : areas) {
                if ((pass == Pass::Candidate && area.whole_frame) || !fits(area.view))
                    continue;
                const auto began = Clock::now();
                const PassInput input = pass_input(pass, area.view, hints, scratch_, enlarged_);
                Placement placement = area.placement;
                placement.scale *= input.extra_scale;
                attempt(pass, input.view, *input.hints, placement);
                learn_cost(pass, area.view, began);
                if (!report.codes.empty())
                    break;
            }
        }
    }
    if (!report.codes.empty()) {
        new_scene();
    } else {
        // Nothing cut: the next held frame takes its turns from the first again. No harder pass
        // run at all: it starts its turns where this one would have.
        if (first_cut)
            resume_at_ = first_cut;
        else if (report.passes_run.size() == passes_before)
            resume_at_ = first_turn;
        else
            resume_at_.reset();
        if (code_place) // nothing located (the whole frame searched): the code's place is kept
            last_place_ = code_place;
    }
    return finish();
}

} // namespace kiosk::checkin
