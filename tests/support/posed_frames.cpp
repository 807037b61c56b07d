#include "posed_frames.hpp"

#include <array>
#include <cmath>
#include <utility>

namespace test::optics {
namespace {

constexpr std::array<std::pair<Trouble, std::string_view>, 13> names{{
    {Trouble::Nominal, "nominal"},
    {Trouble::Defocus, "defocus"},
    {Trouble::Motion, "motion"},
    {Trouble::Far, "far"},
    {Trouble::Perspective, "perspective"},
    {Trouble::Rotation, "rotation"},
    {Trouble::Dim, "dim"},
    {Trouble::Glare, "glare"},
    {Trouble::Shadow, "shadow"},
    {Trouble::Screen, "phone screen"},
    {Trouble::Jpeg, "jpeg 15-40"},
    {Trouble::Combined, "combined"},
    {Trouble::NoCode, "no code"},
}};

constexpr double degrees = M_PI / 180;

} // namespace

std::string_view name_of(Trouble trouble)
{
    for (const auto& [candidate, name] : names)
        if (candidate == trouble)
            return name;
    return "?";
}

std::string_view name_of(Half half)
{
    return half == Half::Development ? "development" : "held out";
}

std::vector<Trouble> all_troubles()
{
    std::vector<Trouble> troubles;
    for (const auto& entry : names)
        troubles.push_back(entry.first);
    return troubles;
}

std::uint32_t seed_of(Half half, Trouble trouble, int index)
{
    // Disjoint ranges: the development half below 2^31, the held-out half above.
    const std::uint32_t base = half == Half::Development ? 0x1000'0000u : 0x9000'0000u;
    return base + static_cast<std::uint32_t>(trouble) * 0x10'0000u +
           static_cast<std::uint32_t>(index);
}

GrayImage make_posed_frame(Trouble trouble, const std::string& text, std::uint32_t seed,
                           const Camera& camera)
{
    std::mt19937 random(seed);
    auto uniform = [&](double low, double high) {
        return std::uniform_real_distribution<double>(low, high)(random);
    };
    auto either_sign = [&](double value) { return random() % 2 ? value : -value; };

    const bool phone = trouble == Trouble::Screen || uniform(0, 1) < 0.35;
    const Medium medium = phone ? Medium::Phone : Medium::Paper;
    Target target =
        trouble == Trouble::NoCode
            ? Target{}
            : target_with_code(text, medium, phone ? uniform(0.032, 0.045) : uniform(0.040, 0.044));
    target.medium = medium;
    target.pattern_seed = static_cast<std::uint32_t>(random());
    target.screen_level = uniform(1.0, 2.2);
    target.pixel_pitch = uniform(5e-5, 9e-5);
    target.light_on_dark = phone && trouble == Trouble::Screen && uniform(0, 1) < 0.33;

    Pose pose;
    pose.z = uniform(0.25, 0.40);
    pose.yaw = uniform(-14, 14) * degrees;
    pose.pitch = uniform(-14, 14) * degrees;
    pose.roll = uniform(-10, 10) * degrees;
    Lighting lighting;
    lighting.level = uniform(0.7, 1.3);
    lighting.lamp = {uniform(-0.5, 0.5), -1, uniform(-0.8, -0.2)};
    Sensor sensor;
    sensor.sharpening = uniform(0.3, 1.2);
    sensor.jpeg_quality = static_cast<int>(uniform(70, 93));
    sensor.read_noise = uniform(3, 7);
    sensor.full_well = uniform(2000, 4000);
    double speed = 0; // metres a second across the view
    const double direction = uniform(0, 2 * M_PI);

    switch (trouble) {
    case Trouble::Defocus:
        pose.z = uniform(0.12, 0.20);
        break;
    case Trouble::Motion:
        speed = uniform(0.03, 0.15);
        break;
    case Trouble::Far:
        pose.z = uniform(0.45, 0.65);
        break;
    case Trouble::Perspective:
        pose.z = uniform(0.20, 0.32);
        (random() % 2 ? pose.yaw : pose.pitch) = either_sign(uniform(40, 60) * degrees);
        break;
    case Trouble::Rotation:
        pose.roll = uniform(0, 360) * degrees;
        break;
    case Trouble::Dim:
        lighting.level = uniform(0.03, 0.10);
        break;
    case Trouble::Glare:
        lighting.glare = uniform(0.4, 2);
        break;
    case Trouble::Shadow:
        lighting.shadow = uniform(0.5, 0.85);
        lighting.shadow_angle = uniform(0, 2 * M_PI);
        break;
    case Trouble::Jpeg:
        sensor.jpeg_quality = static_cast<int>(uniform(15, 41));
        break;
    case Trouble::Combined:
        pose.z = uniform(0.17, 0.25);
        speed = uniform(0.02, 0.06);
        pose.yaw = either_sign(uniform(20, 35) * degrees);
        lighting.level = uniform(0.25, 0.5);
        sensor.jpeg_quality = static_cast<int>(uniform(50, 71));
        break;
    case Trouble::NoCode:
        pose.z = uniform(0.15, 0.5);
        pose.roll = uniform(0, 360) * degrees;
        lighting.glare = random() % 3 == 0 ? uniform(1, 4) : 0;
        break;
    case Trouble::Nominal:
    case Trouble::Screen:
        break;
    }
    // Held so that the code, not the sheet's centre, is near the middle of the view.
    const auto [code_u, code_v] = code_centre(target);
    pose.x = -code_u + uniform(-0.1, 0.1) * pose.z;
    pose.y = -code_v + uniform(-0.06, 0.06) * pose.z;
    if (lighting.glare > 0)
        lighting.lamp =
            lamp_reflected_at(pose, target, uniform(-0.012, 0.012), uniform(-0.012, 0.012));
    if (lighting.shadow > 0)
        lighting.shadow_offset = std::cos(lighting.shadow_angle) * code_u +
                                 std::sin(lighting.shadow_angle) * code_v + uniform(-0.01, 0.01);

    Radiance scene = render_room(camera, lighting.level, random);
    // The exposure the camera settled on sets how far the target slides while it lasts.
    const double gain = auto_exposure(scene, sensor);
    const double exposure_seconds =
        std::min(gain, sensor.longest_exposure_gain) / sensor.longest_exposure_gain / 30;
    const double slide = camera.focal * speed / pose.z * exposure_seconds;
    add_target(scene, camera, target, pose, lighting, slide * std::cos(direction),
               slide * std::sin(direction));
    return develop(scene, auto_exposure(scene, sensor), sensor, random);
}

} // namespace test::optics
