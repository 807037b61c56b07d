#include "search_areas.hpp"

#include "image_ops.hpp"

#include <algorithm>

namespace kiosk::checkin {
namespace {

double area_scale(double module)
{
    return module > 0 ? std::clamp(wanted_module_pixels / module, 1.0, 3.0) : 1.5;
}

// The pixels of `box` (clipped to the image) once enlarged by `scale`.
double area_pixels(const GrayView& image, Box box, double scale)
{
    const int width =
        std::clamp(box.right, 1, image.width) - std::clamp(box.left, 0, image.width - 1);
    const int height =
        std::clamp(box.bottom, 1, image.height) - std::clamp(box.top, 0, image.height - 1);
    return std::max(width, 1) * scale * std::max(height, 1) * scale;
}

Area area_around(const GrayView& image, Box box, double module, Polarity polarity,
                 std::vector<std::uint8_t>& buffer, std::vector<std::uint8_t>& scratch)
{
    const double scale = area_scale(module);
    GrayView view =
        image_ops::resampled(image, box.left, box.top, box.right, box.bottom, scale, buffer);
    if (polarity == Polarity::LightOnDark) {
        image_ops::inverted(view, scratch);
        buffer.swap(scratch);
        view.data = buffer.data();
    }
    return {view,
            {static_cast<double>(std::clamp(box.left, 0, image.width - 1)),
             static_cast<double>(std::clamp(box.top, 0, image.height - 1)), scale},
            false,
            std::nullopt,
            0};
}

} // namespace

std::vector<Area> areas_to_search(const GrayView& image, const FinderEvidence& finders,
                                  const std::optional<Box>& near_miss,
                                  const std::function<bool(double)>& affordable,
                                  std::array<std::vector<std::uint8_t>, 2>& buffers,
                                  std::vector<std::uint8_t>& scratch)
{
    std::vector<Area> areas;
    for (std::size_t i = 0; i < std::min(finders.candidates.size(), buffers.size()); ++i) {
        const CodeCandidate& candidate = finders.candidates[i];
        const Box box{candidate.left, candidate.top, candidate.right, candidate.bottom};
        if (!affordable(area_pixels(image, box, area_scale(candidate.module))))
            continue;
        Area area = area_around(image, box, candidate.module, candidate.polarity,
                                buffers[areas.size()], scratch);
        if (candidate.clear_finders == 2) {
            const Placement& at = area.placement;
            auto in_area = [&](const std::array<double, 2>& point) {
                return std::array<double, 2>{(point[0] - at.offset_x) * at.scale,
                                             (point[1] - at.offset_y) * at.scale};
            };
            area.two_finders = {in_area(candidate.centres[0]), in_area(candidate.centres[1])};
            area.module = candidate.clear_module * at.scale;
        }
        areas.push_back(area);
    }
    if (areas.empty() && near_miss) {
        const Box& box = *near_miss;
        const int margin = std::max({box.right - box.left, box.bottom - box.top, 40}) / 4;
        const Box around{box.left - margin, box.top - margin, box.right + margin,
                         box.bottom + margin};
        if (affordable(area_pixels(image, around, area_scale(0))))
            areas.push_back(
                area_around(image, around, 0, Polarity::DarkOnLight, buffers[0], scratch));
    }
    if (areas.empty())
        areas.push_back({image, {}, true, std::nullopt, 0});
    return areas;
}

} // namespace kiosk::checkin
