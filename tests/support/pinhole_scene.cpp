#include "pinhole_scene.hpp"

#include <algorithm>
#include <cmath>
#include <qrencode.h>
#include <stdexcept>

namespace test::optics {
namespace {

using Vector = std::array<double, 3>;

double dot(const Vector& a, const Vector& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]; }
Vector scaled(const Vector& a, double s) { return {a[0] * s, a[1] * s, a[2] * s}; }
Vector plus(const Vector& a, const Vector& b) { return {a[0] + b[0], a[1] + b[1], a[2] + b[2]}; }
Vector normalised(const Vector& a) { return scaled(a, 1 / std::sqrt(dot(a, a))); }

// The target's axes in camera coordinates: across, down, and its normal (towards the camera
// when the target faces it).
struct Frame3 {
    Vector centre, across, down, normal;
};

Frame3 frame_of(const Pose& pose)
{
    const double cy = std::cos(pose.yaw), sy = std::sin(pose.yaw);
    const double cp = std::cos(pose.pitch), sp = std::sin(pose.pitch);
    const double cr = std::cos(pose.roll), sr = std::sin(pose.roll);
    // R = Rz(roll) · Ry(yaw) · Rx(pitch), applied to the unit axes.
    auto rotate = [&](Vector v) {
        v = {v[0], cp * v[1] - sp * v[2], sp * v[1] + cp * v[2]};
        v = {cy * v[0] + sy * v[2], v[1], -sy * v[0] + cy * v[2]};
        return Vector{cr * v[0] - sr * v[1], sr * v[0] + cr * v[1], v[2]};
    };
    return {{pose.x, pose.y, pose.z}, rotate({1, 0, 0}), rotate({0, 1, 0}), rotate({0, 0, -1})};
}

// The target's size and where its code sits on it (metres, from the target's centre).
struct Layout {
    double half_width, half_height, code_u, code_v;
    double screen_margin_x, screen_margin_y; // a phone's body around its screen
};

Layout layout_of(const Target& target)
{
    if (target.medium == Medium::Phone)
        return {0.036, 0.074, 0, -0.012, 0.003, 0.009};
    return {0.0525, 0.074, 0, -0.042, 0, 0}; // A6, the code 50 mm with its quiet zone
}

std::uint32_t hashed(std::uint32_t a, std::uint32_t b)
{
    std::uint32_t h = a * 0x9E3779B1u ^ (b + 0x7F4A7C15u + (a << 6) + (a >> 2));
    h ^= h >> 15;
    h *= 0x2C1B3C6Du;
    h ^= h >> 12;
    return h;
}

// What the target shows at (u, v): 0–1 content (1 = white) and whether it is covered at all.
double content_at(const Target& target, const Layout& layout, double u, double v)
{
    const double code_left = layout.code_u - target.code_side / 2;
    const double code_top = layout.code_v - target.code_side / 2;
    const double module = target.code_side / std::max(1, target.modules_across);
    if (!target.modules.empty()) {
        const double mx = (u - code_left) / module, my = (v - code_top) / module;
        if (mx >= -4 && my >= -4 && mx < target.modules_across + 4 &&
            my < target.modules_across + 4) {
            const int ix = static_cast<int>(std::floor(mx)), iy = static_cast<int>(std::floor(my));
            const bool dark =
                ix >= 0 && iy >= 0 && ix < target.modules_across && iy < target.modules_across &&
                target.modules[static_cast<std::size_t>(iy * target.modules_across + ix)];
            return dark ? 0.0 : 1.0;
        }
    }
    if (target.medium == Medium::Phone && target.modules.empty()) {
        // A photo on the screen: smooth blobs of light and dark.
        const double s = static_cast<double>(target.pattern_seed % 97);
        return 0.5 + 0.25 * std::sin(u * 160 + s) * std::cos(v * 110 - s) +
               0.2 * std::sin((u + v) * 60);
    }
    // Lines of printed text under the code (and in its place on a ticket without one).
    const double line_pitch = 0.0045;
    const double below = v - (layout.code_v + target.code_side / 2 + 0.006);
    if (below > 0 || target.modules.empty()) {
        const int line = static_cast<int>(std::floor(v / line_pitch + 1000));
        const double in_line = v / line_pitch + 1000 - line;
        const int word = static_cast<int>(std::floor((u + 1) / 0.007));
        const bool ink = in_line < 0.5 &&
                         hashed(target.pattern_seed + static_cast<std::uint32_t>(line),
                                static_cast<std::uint32_t>(word)) %
                                 5 !=
                             0 &&
                         std::abs(u) < layout.half_width - 0.006;
        return ink ? 0.25 : 1.0;
    }
    return 1.0;
}

// The mean over [x - width / 2, x + width / 2] of a comb lit on the first `fill` of each
// `period`: what a pixel's footprint sees of a phone's pixel grid. Sampling the grid at points
// instead would alias it into a moiré the camera's pixels, which integrate light over their
// area, do not make.
double comb_mean(double x, double width, double period, double fill)
{
    auto lit_before = [&](double at) { // lit length in (-∞, at], up to a constant
        const double cells = std::floor(at / period);
        return cells * fill * period + std::min(at - cells * period, fill * period);
    };
    if (width < 1e-4 * period) {
        const double phase = x / period - std::floor(x / period);
        return phase < fill ? 1.0 : 0.0;
    }
    return (lit_before(x + width / 2) - lit_before(x - width / 2)) / width;
}

} // namespace

double Camera::defocus_radius(double depth) const
{
    return 0.5 * aperture * focal * std::abs(1 / depth - 1 / focus_distance);
}

Target target_with_code(const std::string& text, Medium medium, double code_side)
{
    QRcode* code = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code)
        throw std::runtime_error("cannot encode QR code");
    Target target;
    target.medium = medium;
    target.modules_across = code->width;
    target.code_side = code_side;
    const auto count =
        static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width);
    target.modules.resize(count);
    for (std::size_t i = 0; i < count; ++i)
        target.modules[i] = code->data[i] & 1;
    QRcode_free(code);
    return target;
}

std::array<double, 2> code_centre(const Target& target)
{
    const Layout layout = layout_of(target);
    return {layout.code_u, layout.code_v};
}

std::array<double, 3> lamp_reflected_at(const Pose& pose, const Target& target, double du,
                                        double dv)
{
    const Frame3 f = frame_of(pose);
    const double u = layout_of(target).code_u + du, v = layout_of(target).code_v + dv;
    const Vector point = plus(f.centre, plus(scaled(f.across, u), scaled(f.down, v)));
    const Vector view = normalised(scaled(point, -1));
    return plus(scaled(f.normal, 2 * dot(f.normal, view)), scaled(view, -1));
}

Radiance render_room(const Camera& camera, double level, std::mt19937& random)
{
    auto uniform = [&](double low, double high) {
        return std::uniform_real_distribution<double>(low, high)(random);
    };
    Radiance room(camera.width, camera.height, 0);
    const double left = uniform(0.35, 0.7), right = uniform(0.35, 0.7);
    for (int y = 0; y < camera.height; ++y)
        for (int x = 0; x < camera.width; ++x)
            room.at(x, y) = level * (left + (right - left) * x / camera.width) *
                            (1.05 - 0.25 * y / camera.height);
    // A door, posters with lettering, a bright window, the visitor's dark coat.
    for (int item = 0; item < 9; ++item) {
        const int x0 = static_cast<int>(uniform(0, camera.width)),
                  y0 = static_cast<int>(uniform(0, camera.height));
        const int w = static_cast<int>(uniform(30, 260)), h = static_cast<int>(uniform(30, 320));
        const double base = item == 0 ? uniform(1.2, 2.5) : item == 1 ? 0.06 : uniform(0.1, 0.9);
        const bool lettered = item > 3;
        for (int y = y0; y < std::min(camera.height, y0 + h); ++y)
            for (int x = x0; x < std::min(camera.width, x0 + w); ++x) {
                const bool ink = lettered && (y - y0) % 14 < 6 &&
                                 hashed(static_cast<std::uint32_t>(item * 131 + (y - y0) / 14),
                                        static_cast<std::uint32_t>((x - x0) / 9)) %
                                         3 !=
                                     0;
                room.at(x, y) = level * (ink ? 0.08 : base);
            }
    }
    disk_blur(room, camera.defocus_radius(uniform(1.5, 4)));
    return room;
}

std::array<double, 8> code_corners(const Camera& camera, const Target& target, const Pose& pose)
{
    const Frame3 f = frame_of(pose);
    const Layout layout = layout_of(target);
    const double half = target.code_side / 2;
    const std::array<std::pair<double, double>, 4> local{
        {{-half, -half}, {half, -half}, {half, half}, {-half, half}}};
    std::array<double, 8> corners{};
    for (std::size_t i = 0; i < 4; ++i) {
        const Vector p = plus(f.centre, plus(scaled(f.across, layout.code_u + local[i].first),
                                             scaled(f.down, layout.code_v + local[i].second)));
        corners[2 * i] = camera.width / 2.0 + camera.focal * p[0] / p[2];
        corners[2 * i + 1] = camera.height / 2.0 + camera.focal * p[1] / p[2];
    }
    return corners;
}

bool code_in_view(const Camera& camera, const Target& target, const Pose& pose)
{
    Target with_quiet_zone = target;
    with_quiet_zone.code_side *= (target.modules_across + 8.0) / std::max(1, target.modules_across);
    const auto corners = code_corners(camera, with_quiet_zone, pose);
    for (std::size_t i = 0; i < 4; ++i)
        if (corners[2 * i] < 0 || corners[2 * i] >= camera.width || corners[2 * i + 1] < 0 ||
            corners[2 * i + 1] >= camera.height)
            return false;
    return pose.z > 0.05;
}

void add_target(Radiance& frame, const Camera& camera, const Target& target, const Pose& pose,
                const Lighting& lighting, double motion_x, double motion_y)
{
    const Frame3 f = frame_of(pose);
    const Layout layout = layout_of(target);
    // The target's outline in the image, widened by the blurs, bounds the work.
    double left = 1e9, top = 1e9, right = -1e9, bottom = -1e9;
    for (const double su : {-1.0, 1.0})
        for (const double sv : {-1.0, 1.0}) {
            const Vector p = plus(f.centre, plus(scaled(f.across, su * layout.half_width),
                                                 scaled(f.down, sv * layout.half_height)));
            if (p[2] < 0.03)
                return; // partly behind the camera: not a case the kiosk meets
            const double x = camera.width / 2.0 + camera.focal * p[0] / p[2];
            const double y = camera.height / 2.0 + camera.focal * p[1] / p[2];
            left = std::min(left, x), right = std::max(right, x);
            top = std::min(top, y), bottom = std::max(bottom, y);
        }
    const double blur = camera.defocus_radius(pose.z);
    const double margin = blur + 2 + std::hypot(motion_x, motion_y) / 2;
    const int x0 = std::max(0, static_cast<int>(left - margin));
    const int y0 = std::max(0, static_cast<int>(top - margin));
    const int x1 = std::min(camera.width, static_cast<int>(right + margin) + 1);
    const int y1 = std::min(camera.height, static_cast<int>(bottom + margin) + 1);
    if (x0 >= x1 || y0 >= y1)
        return;

    Radiance light(x1 - x0, y1 - y0, 0), coverage(x1 - x0, y1 - y0, 0);
    const Vector lamp = normalised(lighting.lamp);
    const double diffuse = lighting.level * (0.75 + 0.25 * std::max(0.0, dot(f.normal, lamp)));
    const double shininess = target.medium == Medium::Phone ? 3000 : 1500; // glass, a glossy print
    const double denominator_factor = dot(f.centre, f.normal);
    constexpr int subsamples = 3;
    // Where the ray through image point (px, py) meets the target's plane (u, v in metres).
    auto plane_at = [&](double px, double py) {
        const Vector ray{(px - camera.width / 2.0) / camera.focal,
                         (py - camera.height / 2.0) / camera.focal, 1};
        const double t = denominator_factor / dot(ray, f.normal);
        const Vector relative = plus(scaled(ray, t), scaled(f.centre, -1));
        return std::array<double, 2>{dot(relative, f.across), dot(relative, f.down)};
    };
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            double sum = 0;
            int covered = 0;
            // A subsample's footprint on the target, across and down (metres): the extent of
            // the image of a third of a pixel.
            double footprint_u = 0, footprint_v = 0;
            if (target.medium == Medium::Phone) {
                const auto centre = plane_at(x, y);
                const auto beside = plane_at(x + 1.0 / subsamples, y);
                const auto below = plane_at(x, y + 1.0 / subsamples);
                footprint_u = std::abs(beside[0] - centre[0]) + std::abs(below[0] - centre[0]);
                footprint_v = std::abs(beside[1] - centre[1]) + std::abs(below[1] - centre[1]);
            }
            for (int sy = 0; sy < subsamples; ++sy)
                for (int sx = 0; sx < subsamples; ++sx) {
                    const Vector ray{
                        (x + (sx + 0.5) / subsamples - 0.5 - camera.width / 2.0) / camera.focal,
                        (y + (sy + 0.5) / subsamples - 0.5 - camera.height / 2.0) / camera.focal,
                        1};
                    const double t = denominator_factor / dot(ray, f.normal);
                    if (t <= 0)
                        continue;
                    const Vector relative = plus(scaled(ray, t), scaled(f.centre, -1));
                    const double u = dot(relative, f.across), v = dot(relative, f.down);
                    if (std::abs(u) > layout.half_width || std::abs(v) > layout.half_height)
                        continue;
                    ++covered;
                    const double shade =
                        1 -
                        lighting.shadow * std::clamp(0.5 + (std::cos(lighting.shadow_angle) * u +
                                                            std::sin(lighting.shadow_angle) * v -
                                                            lighting.shadow_offset) /
                                                               0.006,
                                                     0.0, 1.0);
                    double specular = 0;
                    if (lighting.glare > 0) {
                        const Vector half_vector =
                            normalised(plus(normalised(scaled(ray, -1)), lamp));
                        specular = lighting.glare *
                                   std::pow(std::max(0.0, dot(f.normal, half_vector)), shininess);
                    }
                    double content = content_at(target, layout, u, v);
                    const bool on_screen =
                        target.medium == Medium::Phone &&
                        std::abs(u) < layout.half_width - layout.screen_margin_x &&
                        std::abs(v) < layout.half_height - layout.screen_margin_y;
                    if (target.medium == Medium::Paper) {
                        sum += (0.05 + 0.80 * content) * diffuse * shade + specular;
                    } else if (!on_screen) {
                        sum += 0.03 * diffuse * shade + specular;
                    } else {
                        if (target.light_on_dark)
                            content = 1 - content;
                        // Each screen pixel lights only part of its cell (1.6 in 75 % × 80 %
                        // of it, 0.1 elsewhere), averaged over the subsample's footprint.
                        const double grid =
                            0.1 + 1.5 * comb_mean(u, footprint_u, target.pixel_pitch, 0.75) *
                                      comb_mean(v, footprint_v, target.pixel_pitch, 0.8);
                        sum += target.screen_level * (0.015 + 0.985 * content) * grid +
                               0.04 * diffuse * shade + specular;
                    }
                }
            const double n = subsamples * subsamples;
            light.at(x - x0, y - y0) = sum / n;
            coverage.at(x - x0, y - y0) = covered / n;
        }
    for (Radiance* layer : {&light, &coverage}) {
        linear_motion_blur(*layer, motion_x, motion_y);
        disk_blur(*layer, blur);
    }
    for (int y = y0; y < y1; ++y)
        for (int x = x0; x < x1; ++x) {
            const double alpha = coverage.at(x - x0, y - y0);
            frame.at(x, y) = light.at(x - x0, y - y0) + (1 - alpha) * frame.at(x, y);
        }
}

} // namespace test::optics
