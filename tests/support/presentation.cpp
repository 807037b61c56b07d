#include "presentation.hpp"

#include <cmath>

namespace test::optics {
namespace {

constexpr double degrees = M_PI / 180;

Pose between(const Pose& a, const Pose& b, double s)
{
    auto mix = [s](double x, double y) { return x + (y - x) * s; };
    return {mix(a.x, b.x),     mix(a.y, b.y),         mix(a.z, b.z),
            mix(a.yaw, b.yaw), mix(a.pitch, b.pitch), mix(a.roll, b.roll)};
}

std::array<double, 2> code_centre_in_image(const Camera& camera, const Target& target,
                                           const Pose& pose)
{
    const auto corners = code_corners(camera, target, pose);
    return {(corners[0] + corners[2] + corners[4] + corners[6]) / 4,
            (corners[1] + corners[3] + corners[5] + corners[7]) / 4};
}

} // namespace

Pose Trajectory::at(double seconds) const
{
    if (seconds <= enters || seconds >= gone)
        return outside;
    if (seconds < arrives) { // slowing down as it arrives
        const double u = (seconds - enters) / (arrives - enters);
        return between(outside, held, 1 - std::pow(1 - u, 3));
    }
    Pose pose = held;
    if (seconds > leaves) { // speeding up as it goes
        const double u = (seconds - leaves) / (gone - leaves);
        pose = between(held, outside, u * u);
    }
    std::array<double*, 6> axes{&pose.x, &pose.y, &pose.z, &pose.yaw, &pose.pitch, &pose.roll};
    for (std::size_t i = 0; i < axes.size(); ++i)
        *axes[i] += tremor_amplitude[i] *
                    std::sin(2 * M_PI * tremor_frequency[i] * seconds + tremor_phase[i]);
    return pose;
}

PresentationFilm::PresentationFilm(const std::string& text, std::uint32_t seed, Camera camera)
    : camera_(camera)
    , seed_(seed)
{
    std::mt19937 random(seed);
    auto uniform = [&](double low, double high) {
        return std::uniform_real_distribution<double>(low, high)(random);
    };
    const bool phone = uniform(0, 1) < 0.45;
    target_ = target_with_code(text, phone ? Medium::Phone : Medium::Paper,
                               phone ? uniform(0.032, 0.045) : uniform(0.040, 0.044));
    target_.pattern_seed = static_cast<std::uint32_t>(random());
    target_.screen_level = uniform(1.0, 2.2);
    target_.pixel_pitch = uniform(5e-5, 9e-5);
    target_.light_on_dark = phone && uniform(0, 1) < 0.15;

    Pose& held = trajectory_.held;
    hold_distance_ = held.z = uniform(0.15, 0.40);
    held.yaw = uniform(-20, 20) * degrees;
    held.pitch = uniform(-20, 20) * degrees;
    held.roll = uniform(-15, 15) * degrees;
    const auto [code_u, code_v] = code_centre(target_);
    held.x = -code_u + uniform(-0.12, 0.12) * held.z;
    held.y = -code_v + uniform(-0.08, 0.08) * held.z;
    // From the right, the left or below, well out of view.
    const double side = std::array<double, 3>{0, M_PI, M_PI / 2}[random() % 3] + uniform(-0.5, 0.5);
    Pose& outside = trajectory_.outside;
    outside = held;
    outside.z = held.z + uniform(0.05, 0.15);
    const double reach = 0.8 * outside.z + 0.2;
    outside.x += reach * std::cos(side);
    outside.y += reach * std::sin(side);
    outside.yaw += uniform(-30, 30) * degrees;
    outside.roll += uniform(-25, 25) * degrees;
    trajectory_.enters = uniform(0.4, 0.7);
    trajectory_.arrives = trajectory_.enters + uniform(0.45, 0.9);
    trajectory_.leaves = trajectory_.arrives + uniform(1.2, 1.8);
    trajectory_.gone = trajectory_.leaves + uniform(0.4, 0.6);
    for (std::size_t i = 0; i < 6; ++i) {
        trajectory_.tremor_amplitude[i] = i < 2    ? uniform(0.001, 0.003)
                                          : i == 2 ? uniform(0.002, 0.005)
                                                   : uniform(0.5, 1.5) * degrees;
        trajectory_.tremor_frequency[i] = uniform(1, 4);
        trajectory_.tremor_phase[i] = uniform(0, 2 * M_PI);
    }

    lighting_.level = uniform(0.5, 1.3);
    lighting_.lamp = {uniform(-0.5, 0.5), -1, uniform(-0.8, -0.2)};
    if (uniform(0, 1) < 0.4) { // a lamp whose reflection lands near the code as it is held
        lighting_.glare = uniform(0.4, 1.5);
        lighting_.lamp =
            lamp_reflected_at(held, target_, uniform(-0.02, 0.02), uniform(-0.02, 0.02));
    }
    if (uniform(0, 1) < 0.15) {
        lighting_.shadow = uniform(0.3, 0.6);
        lighting_.shadow_angle = uniform(0, 2 * M_PI);
        lighting_.shadow_offset = std::cos(lighting_.shadow_angle) * code_u +
                                  std::sin(lighting_.shadow_angle) * code_v + uniform(-0.01, 0.01);
    }
    sensor_.sharpening = uniform(0.3, 1.2);
    sensor_.jpeg_quality = static_cast<int>(uniform(70, 93));
    sensor_.read_noise = uniform(3, 7);
    sensor_.full_well = uniform(2000, 4000);

    room_ = render_room(camera_, lighting_.level, random);
    // The exposure settled on the empty hall: a webcam adapts over seconds, not per frame.
    gain_ = auto_exposure(room_, sensor_);
    frame_count_ = static_cast<int>(std::ceil((trajectory_.gone + 0.3) * frames_per_second));
    frames_.resize(static_cast<std::size_t>(frame_count_));
    for (int i = 0; i < frame_count_; ++i)
        if (code_in_view(camera_, target_, trajectory_.at(seconds_of(i)))) {
            code_in_view_at_ = seconds_of(i);
            break;
        }
}

std::shared_ptr<const GrayImage> PresentationFilm::frame(int index)
{
    auto& kept = frames_.at(static_cast<std::size_t>(index));
    if (kept)
        return kept;
    const double t = seconds_of(index);
    const double exposure = std::min(gain_, sensor_.longest_exposure_gain) /
                            sensor_.longest_exposure_gain / frames_per_second;
    const Pose pose = trajectory_.at(t);
    // The code's image slides between the exposure's start and end.
    const auto from = code_centre_in_image(camera_, target_, trajectory_.at(t - exposure / 2));
    const auto to = code_centre_in_image(camera_, target_, trajectory_.at(t + exposure / 2));
    Radiance scene = room_;
    add_target(scene, camera_, target_, pose, lighting_, to[0] - from[0], to[1] - from[1]);
    std::mt19937 noise(seed_ * 2654435761u + static_cast<std::uint32_t>(index));
    kept = std::make_shared<const GrayImage>(develop(scene, gain_, sensor_, noise));
    return kept;
}

} // namespace test::optics
