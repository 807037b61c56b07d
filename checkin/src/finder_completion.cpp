#include "finder_completion.hpp"

#include <algorithm>
#include <cmath>

namespace kiosk::checkin {

namespace {

// The grey level of `view` around (x, y): the mean of a 3×3 patch.
int level_at(const GrayView& view, double x, double y)
{
    const int cx = std::clamp(static_cast<int>(x), 1, view.width - 2);
    const int cy = std::clamp(static_cast<int>(y), 1, view.height - 2);
    int sum = 0;
    for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx)
            sum += view.at(cx + dx, cy + dy);
    return sum / 9;
}

} // namespace

// Where the third finder of a code whose other two were seen may be, the likelier places
// first, each drawn in the grey levels of the seen ones. The two seen share a side of the
// code (the third is then at a right angle from either, on either side) or a diagonal (the
// third is then on either side of its middle). Along a side, finder centres are 4V + 10
// modules apart for version V: the distance measured in modules says which is likelier.
std::vector<image_ops::FinderDrawing> third_finder_places(const GrayView& view,
                                                          const std::array<double, 2>& a,
                                                          const std::array<double, 2>& b,
                                                          double module)
{
    if (module <= 0 || view.width < 3 || view.height < 3)
        return {};
    const double dx = b[0] - a[0], dy = b[1] - a[1], length = std::hypot(dx, dy);
    if (length <= 0)
        return {};
    const double ux = dx / length, uy = dy / length; // along the seen pair
    // The seen finders' dark core and, two modules out, their light ring: straight out from a
    // side, where a diagonal would still be in the core. Their sides run along the pair or at
    // 45° to it: of the two crosses of four samples, the lighter is the ring.
    int dark = 0, straight = 0, turned = 0;
    const double dx45 = (ux - uy) / std::sqrt(2.0), dy45 = (uy + ux) / std::sqrt(2.0);
    // The module was measured along rows: across a finder turned by φ a row is longer by
    // 1 / max(|cos φ|, |sin φ|).
    auto module_along = [&](double side_x, double side_y) {
        return module * std::max(std::abs(side_x), std::abs(side_y));
    };
    const double side_module = module_along(ux, uy), diagonal_module = module_along(dx45, dy45);
    for (const auto& centre : {a, b}) {
        dark += level_at(view, centre[0], centre[1]);
        auto cross = [&](double sx, double sy, double size) {
            int sum = 0;
            for (const auto& [px, py] : {std::pair{sx, sy}, {-sx, -sy}, {-sy, sx}, {sy, -sx}})
                sum += level_at(view, centre[0] + 2 * size * px, centre[1] + 2 * size * py);
            return sum;
        };
        straight += cross(ux, uy, side_module);
        turned += cross(dx45, dy45, diagonal_module);
    }
    const auto dark_level = static_cast<std::uint8_t>(dark / 2);
    const auto light_level = static_cast<std::uint8_t>(std::max(straight, turned) / 8);
    if (light_level <= dark_level)
        return {};
    auto off_version = [](double modules_apart) { // 0 on a version's spacing, up to 2 between
        return std::abs(std::remainder(modules_apart - 10, 4.0));
    };
    auto drawn = [&](double x, double y, double side_x, double side_y, double size) {
        return image_ops::FinderDrawing{x, y, side_x, side_y, size, dark_level, light_level};
    };
    std::vector<image_ops::FinderDrawing> side, diagonal;
    for (const double turn : {1.0, -1.0}) {
        const double px = -uy * turn * length, py = ux * turn * length; // the pair turned 90°
        side.push_back(drawn(a[0] + px, a[1] + py, ux, uy, side_module));
        side.push_back(drawn(b[0] + px, b[1] + py, ux, uy, side_module));
        const double mx = (a[0] + b[0]) / 2, my = (a[1] + b[1]) / 2;
        // A diagonal's finders sit 45° off its direction.
        diagonal.push_back(drawn(mx + px / 2, my + py / 2, dx45, dy45, diagonal_module));
    }
    if (off_version(length / std::sqrt(2.0) / diagonal_module) <
        off_version(length / side_module))
        side.swap(diagonal);
    side.insert(side.end(), diagonal.begin(), diagonal.end());
    return side;
}

} // namespace kiosk::checkin
