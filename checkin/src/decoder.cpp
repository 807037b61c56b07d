#include "kiosk_checkin/decoder.hpp"

#include <ZXing/ReadBarcode.h>
#include <cmath>

namespace kiosk::checkin {
namespace {

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

} // namespace

std::vector<Detection> read_codes(const GrayView& image)
{
    const ZXing::ImageView view(image.data, image.width, image.height, ZXing::ImageFormat::Lum,
                                image.stride);
    ZXing::DecodeHints hints;
    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    std::vector<Detection> detections;
    for (const auto& result : ZXing::ReadBarcodes(view, hints)) {
        if (!result.isValid())
            continue;
        const auto& position = result.position();
        Detection detection;
        detection.text = result.text();
        for (std::size_t i = 0; i < 4; ++i) {
            detection.center_x += position[i].x / 4.0;
            detection.center_y += position[i].y / 4.0;
        }
        detection.area = polygon_area(position);
        detections.push_back(std::move(detection));
    }
    return detections;
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

} // namespace kiosk::checkin
