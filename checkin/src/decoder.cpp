#include "kiosk_checkin/decoder.hpp"

#include "image_ops.hpp"
#include "kiosk_checkin/finder_scan.hpp"

#include <ZXing/ReadBarcode.h>
#include <algorithm>
#include <cmath>

namespace kiosk::checkin {
namespace {

struct Box {
    int left, top, right, bottom;
};

// Where a pass's image sits in the frame: codes found in a crop are reported in frame pixels.
struct Placement {
    double offset_x = 0, offset_y = 0, scale = 1;
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

PassResult run_zxing(const GrayView& image, const ZXing::DecodeHints& hints, Placement placement = {})
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
                result.near_miss = Box{
                    static_cast<int>(left / placement.scale + placement.offset_x),
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

DecodeReport Decoder::read(const GrayView& image, Hint hint)
{
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    DecodeReport report;
    auto finish = [&] {
        report.elapsed = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
        return report;
    };
    auto attempt = [&](Pass pass, const GrayView& view, const ZXing::DecodeHints& hints,
                       Placement placement = {}) {
        report.passes_run.push_back(pass);
        PassResult result = run_zxing(view, hints, placement);
        report.codes = std::move(result.codes);
        return result;
    };

    const auto local = qr_hints(ZXing::Binarizer::LocalAverage, false);
    const PassResult cheap = attempt(Pass::Cheap, image, local);
    if (!report.codes.empty())
        return finish();

    const FinderEvidence finders = scan_for_finders(image);
    report.evidence = cheap.near_miss.has_value() || hint == Hint::MotionStopped ||
                      finders.hits() >= options_.finder_hits_for_evidence;
    if (!report.evidence)
        return finish();

    std::optional<Box> candidate = cheap.near_miss;
    if (!candidate && finders.hits() >= options_.finder_hits_for_evidence)
        candidate = Box{finders.left, finders.top, finders.right, finders.bottom};

    const bool inverted_first = finders.light_on_dark > finders.dark_on_light;
    std::vector<Pass> plan{Pass::Harder, Pass::Normalised, Pass::Inverted, Pass::Candidate,
                           Pass::Histogram, Pass::Smoothed};
    if (inverted_first)
        std::rotate(plan.begin(), plan.begin() + 2, plan.begin() + 3);

    // A pass over the whole frame costs about what the cheap pass cost (twice that when ZXing
    // tries harder); one that would overrun the budget is skipped, not started.
    const auto cheap_cost = Clock::now() - start;
    auto expected_cost = [&](Pass pass) {
        return pass == Pass::Harder || pass == Pass::Histogram ? 2 * cheap_cost : cheap_cost;
    };
    for (const Pass pass : plan) {
        if (Clock::now() - start + expected_cost(pass) > options_.budget)
            continue;
        switch (pass) {
        case Pass::Inverted:
            attempt(pass, image_ops::inverted(image, scratch_), local);
            break;
        case Pass::Harder:
            attempt(pass, image, qr_hints(ZXing::Binarizer::LocalAverage, true));
            break;
        case Pass::Normalised:
            attempt(pass, image_ops::normalised(image, scratch_), local);
            break;
        case Pass::Histogram:
            attempt(pass, image, qr_hints(ZXing::Binarizer::GlobalHistogram, true));
            break;
        case Pass::Smoothed:
            attempt(pass, image_ops::smoothed(image, scratch_), local);
            break;
        case Pass::Candidate: {
            if (!candidate)
                continue;
            // Half the box again on every side: the finders seen are not the whole code.
            const int width = candidate->right - candidate->left;
            const int height = candidate->bottom - candidate->top;
            const int margin = std::max({width, height, 40}) / 2;
            const Box box{candidate->left - margin, candidate->top - margin,
                          candidate->right + margin, candidate->bottom + margin};
            const double scale = std::clamp(700.0 / std::max(box.right - box.left, 1), 1.0, 3.0);
            const GrayView crop = image_ops::enlarged_crop(image, box.left, box.top, box.right,
                                                           box.bottom, scale, crop_);
            const Placement placement{static_cast<double>(std::max(box.left, 0)),
                                      static_cast<double>(std::max(box.top, 0)), scale};
            attempt(pass, crop, local, placement);
            if (report.codes.empty()) // the enlarged crop, inverted, for a small dark-mode code
                attempt(pass, image_ops::inverted(crop, scratch_), local, placement);
            break;
        }
        case Pass::Cheap:
            break;
        }
        if (!report.codes.empty())
            break;
    }
    return finish();
}

} // namespace kiosk::checkin
