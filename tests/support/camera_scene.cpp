#include "camera_scene.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace test {
namespace {

constexpr std::array<std::pair<Scene, std::string_view>, 15> names{{
    {Scene::Nominal, "nominal"},       {Scene::Small, "small"},
    {Scene::Perspective, "perspective"}, {Scene::Rotation, "rotation"},
    {Scene::Defocus, "defocus"},       {Scene::MotionBlur, "motion blur"},
    {Scene::Noise, "noise"},           {Scene::Dim, "dim"},
    {Scene::Glare, "glare"},           {Scene::Shadow, "shadow"},
    {Scene::PhoneScreen, "phone screen"}, {Scene::DarkMode, "dark mode"},
    {Scene::Jpeg, "jpeg 25-60"},       {Scene::Combined, "combined"},
    {Scene::NoCode, "no code"},
}};

double uniform(std::mt19937& random, double low, double high)
{
    return std::uniform_real_distribution<double>(low, high)(random);
}

// An entrance hall: a wall gradient, posters and door frames in mid greys.
GrayImage background(int width, int height, std::mt19937& random)
{
    GrayImage image(width, height, 0);
    const double top = uniform(random, 90, 170), bottom = uniform(random, 60, 140);
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            image.at(x, y) = static_cast<std::uint8_t>(top + (bottom - top) * y / height +
                                                       8 * std::sin(x / 97.0));
    for (int shape = 0; shape < 12; ++shape) {
        const int x0 = static_cast<int>(uniform(random, 0, width)), y0 = static_cast<int>(uniform(random, 0, height));
        const int w = static_cast<int>(uniform(random, 20, 300)), h = static_cast<int>(uniform(random, 20, 300));
        const auto value = static_cast<std::uint8_t>(uniform(random, 30, 220));
        for (int y = y0; y < std::min(height, y0 + h); ++y)
            for (int x = x0; x < std::min(width, x0 + w); ++x)
                image.at(x, y) = value;
    }
    return image;
}

struct Placement {
    double center_x, center_y;
    double qr_height_fraction; // the code's side as a fraction of the frame height
    double rotation_degrees;
    double tilt_degrees;       // rotation about a horizontal or vertical axis
    bool tilt_vertical_axis;
};

std::array<double, 8> corners_for(const Placement& placement, const GrayImage& ticket,
                                  int frame_height, double qr_side_in_ticket)
{
    const double scale = placement.qr_height_fraction * frame_height / qr_side_in_ticket;
    const double half_w = ticket.width * scale / 2, half_h = ticket.height * scale / 2;
    const double tilt = placement.tilt_degrees * M_PI / 180;
    // Tilting away shortens one axis and narrows the far edge (a simple pinhole model).
    std::array<std::pair<double, double>, 4> points{
        {{-half_w, -half_h}, {half_w, -half_h}, {half_w, half_h}, {-half_w, half_h}}};
    const double depth = 1.6 * std::max(half_w, half_h);
    for (auto& [x, y] : points) {
        double& along = placement.tilt_vertical_axis ? x : y;
        const double z = along * std::sin(tilt);
        along *= std::cos(tilt);
        const double perspective = depth / (depth + z);
        x *= perspective;
        y *= perspective;
    }
    const double angle = placement.rotation_degrees * M_PI / 180;
    std::array<double, 8> corners{};
    for (std::size_t i = 0; i < 4; ++i) {
        const auto [x, y] = points[i];
        corners[2 * i] = placement.center_x + x * std::cos(angle) - y * std::sin(angle);
        corners[2 * i + 1] = placement.center_y + x * std::sin(angle) + y * std::cos(angle);
    }
    return corners;
}

void dim(GrayImage& image, double factor, double offset)
{
    for (auto& pixel : image.pixels)
        pixel = static_cast<std::uint8_t>(std::clamp(pixel * factor + offset, 0.0, 255.0));
}

void glare(GrayImage& image, double cx, double cy, double radius, double strength)
{
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            const double d2 = ((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (radius * radius);
            if (d2 > 9)
                continue;
            const double value = image.at(x, y) + strength * std::exp(-d2);
            image.at(x, y) = static_cast<std::uint8_t>(std::min(255.0, value));
        }
}

void shadow(GrayImage& image, double angle, double offset, double depth)
{
    const double nx = std::cos(angle), ny = std::sin(angle);
    for (int y = 0; y < image.height; ++y)
        for (int x = 0; x < image.width; ++x) {
            const double side = nx * (x - image.width / 2.0) + ny * (y - image.height / 2.0) - offset;
            if (side > 0) // a soft edge over 12 pixels
                image.at(x, y) = static_cast<std::uint8_t>(
                    image.at(x, y) * (1 - depth * std::min(1.0, side / 12)));
        }
}

// A phone showing the ticket: dark body, the screen's glow, pixel-grid moiré, lifted blacks.
GrayImage phone_ticket(const std::string& text, int module, bool dark_mode, std::mt19937& random)
{
    GrayImage screen(1, 1, 0);
    {
        GrayImage code(1, 1, 0);
        const int side = [&] {
            GrayImage probe(4000, 4000, 255);
            return draw_qr(probe, text, 0, 0, module);
        }();
        screen = GrayImage(side + 4 * module, side * 2, dark_mode ? 30 : 235);
        GrayImage qr(side, side, 255);
        draw_qr(qr, text, 0, 0, module);
        for (int y = 0; y < side; ++y)
            for (int x = 0; x < side; ++x) {
                std::uint8_t value = qr.at(x, y);
                if (dark_mode)
                    value = static_cast<std::uint8_t>(255 - value);
                screen.at(x + 2 * module, y + side / 3) = value;
            }
    }
    const double period = uniform(random, 2.5, 4.0);
    for (int y = 0; y < screen.height; ++y)
        for (int x = 0; x < screen.width; ++x) {
            const double grid = 0.88 + 0.12 * std::sin(2 * M_PI * x / period) * std::sin(2 * M_PI * y / period);
            const double lifted = 35 + screen.at(x, y) * (200.0 / 255.0);
            screen.at(x, y) = static_cast<std::uint8_t>(std::clamp(lifted * grid, 0.0, 255.0));
        }
    GrayImage phone(screen.width + 2 * module, screen.height + 6 * module, 12);
    for (int y = 0; y < screen.height; ++y)
        for (int x = 0; x < screen.width; ++x)
            phone.at(x + module, y + 3 * module) = screen.at(x, y);
    return phone;
}

} // namespace

std::string_view name_of(Scene scene)
{
    for (const auto& [candidate, name] : names)
        if (candidate == scene)
            return name;
    return "?";
}

std::vector<Scene> all_scenes()
{
    std::vector<Scene> scenes;
    for (const auto& entry : names)
        scenes.push_back(entry.first);
    return scenes;
}

GrayImage flat_ticket(const std::string& text, int module, std::mt19937& random)
{
    GrayImage probe(4000, 4000, 255);
    const int side = draw_qr(probe, text, 0, 0, module);
    GrayImage ticket(side * 2, side + 2 * module, 236);
    draw_qr(ticket, text, 0, module, module);
    // Lines of printed text beside the code: session, date, room.
    for (int line = 0; line < 6; ++line) {
        const int y = module * 3 + line * side / 7;
        int x = side + module * 2;
        while (x < ticket.width - module * 2) {
            const int word = static_cast<int>(uniform(random, module * 2, module * 7));
            for (int yy = y; yy < std::min(ticket.height, y + module * 2); ++yy)
                for (int xx = x; xx < std::min(ticket.width - module, x + word); ++xx)
                    ticket.at(xx, yy) = 40;
            x += word + module * 2;
        }
    }
    return ticket;
}

GrayImage make_scene(Scene scene, const std::string& text, std::mt19937& random, SceneOptions options)
{
    GrayImage frame = background(options.width, options.height, random);
    Placement placement{uniform(random, 0.4, 0.6) * options.width,
                        uniform(random, 0.4, 0.6) * options.height,
                        uniform(random, 0.28, 0.42), uniform(random, -8, 8),
                        uniform(random, -10, 10), random() % 2 == 0};
    const bool phone = scene == Scene::PhoneScreen || scene == Scene::DarkMode;
    int module = 4;
    if (scene == Scene::Small)
        placement.qr_height_fraction = uniform(random, 0.13, 0.17);
    if (scene == Scene::Perspective) {
        placement.tilt_degrees = uniform(random, 30, 50) * (random() % 2 ? 1 : -1);
        placement.qr_height_fraction = uniform(random, 0.3, 0.42);
    }
    if (scene == Scene::Rotation)
        placement.rotation_degrees = uniform(random, 0, 360);
    if (scene == Scene::Combined) {
        placement.tilt_degrees = uniform(random, 15, 35);
        placement.rotation_degrees = uniform(random, -30, 30);
        placement.qr_height_fraction = uniform(random, 0.2, 0.32);
    }

    if (scene != Scene::NoCode) {
        const GrayImage ticket = phone ? phone_ticket(text, module, scene == Scene::DarkMode, random)
                                       : flat_ticket(text, module, random);
        GrayImage probe(4000, 4000, 255);
        const double qr_side = draw_qr(probe, text, 0, 0, module);
        if (!phone)
            placement.center_x -= placement.qr_height_fraction * options.height / 2;
        place(frame, ticket, corners_for(placement, ticket, options.height, qr_side));
    } else {
        // Something ticket-like but unreadable: a blank paper in hand.
        GrayImage paper(400, 250, 236);
        place(frame, paper, corners_for(placement, paper, options.height, 200));
    }

    // A webcam is never perfectly sharp or clean.
    box_blur(frame, 1);
    add_noise(frame, 2.0, random);
    switch (scene) {
    case Scene::Defocus:
        box_blur(frame, static_cast<int>(uniform(random, 2, 4)));
        box_blur(frame, 2);
        break;
    case Scene::MotionBlur:
        motion_blur(frame, static_cast<int>(uniform(random, 6, 12)), uniform(random, 0, 180));
        break;
    case Scene::Noise:
        add_noise(frame, uniform(random, 12, 22), random);
        break;
    case Scene::Dim:
        dim(frame, uniform(random, 0.18, 0.3), uniform(random, 2, 10));
        add_noise(frame, 2.5, random);
        break;
    case Scene::Glare:
        glare(frame, placement.center_x + uniform(random, -40, 40), placement.center_y + uniform(random, -40, 40),
              uniform(random, 50, 90), uniform(random, 120, 200));
        break;
    case Scene::Shadow:
        shadow(frame, uniform(random, 0, 2 * M_PI), uniform(random, -60, 60), uniform(random, 0.45, 0.65));
        break;
    case Scene::Jpeg:
        jpeg_round_trip(frame, static_cast<int>(uniform(random, 25, 60)));
        break;
    case Scene::Combined:
        dim(frame, uniform(random, 0.45, 0.7), 5);
        box_blur(frame, 1);
        add_noise(frame, 6, random);
        jpeg_round_trip(frame, static_cast<int>(uniform(random, 35, 60)));
        break;
    default:
        break;
    }
    return frame;
}

} // namespace test
