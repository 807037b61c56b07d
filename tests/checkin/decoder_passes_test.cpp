// Each harder pass reads what the cheap pass alone misses, on small fixtures made for it: run
// alone after the cheap pass, and within the whole strategy.

#include "camera_scene.hpp"
#include "kiosk_checkin/decoder.hpp"
#include "kiosk_checkin/finder_scan.hpp"
#include "posed_frames.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace kiosk::checkin;

namespace {

const std::string ticket = "KT1:9ST8Q2Y0A3M8WZ0LDC1YK*6N:5J9PX7RR0Y1OC8H%VR4ZCFQ-PO$TVN61XDF6VKI";
const std::vector<Pass> every_pass{Pass::Candidate, Pass::Sharpened, Pass::Deblurred,
                                   Pass::Normalised, Pass::Inverted, Pass::Harder,
                                   Pass::Histogram, Pass::Smoothed};

GrayView view_of(const test::GrayImage& image)
{
    return {image.pixels.data(), image.width, image.height, image.width};
}

// A second of budget: the fixtures test what the passes read, not how fast (the benchmark
// does), and sanitizer builds are slow.
Decoder::Options generous(std::vector<Pass> passes)
{
    return Decoder::Options{std::chrono::microseconds(1'000'000), std::move(passes)};
}

// A frame the cheap pass must miss, and `pass` alone after it must read.
void check_rescued_by(const test::GrayImage& frame, Pass pass)
{
    CHECK(read_codes(view_of(frame)).empty()); // plain ZXing, one pass: nothing
    Decoder alone(generous({pass}));
    const auto report = alone.read(view_of(frame));
    CHECK(report.evidence);
    REQUIRE(report.codes.size() == 1);
    CHECK(report.codes[0].text == ticket);
    CHECK(report.passes_run.front() == Pass::Cheap);
    CHECK(report.passes_run.back() == pass);
}

// The default strategy reads it too.
void check_read_by_strategy(const test::GrayImage& frame)
{
    Decoder strategy(generous(Decoder::Options{}.passes));
    const auto report = strategy.read(view_of(frame));
    REQUIRE(report.codes.size() == 1);
    CHECK(report.codes[0].text == ticket);
}

test::GrayImage inverted_code()
{
    test::GrayImage frame(640, 480, 40);
    test::draw_qr(frame, ticket, 150, 80, 4);
    test::invert(frame);
    return frame;
}

// A ticket turned about the vertical axis: `squeeze` is the cosine of the angle, and the far
// edge is shorter by `inset` of the height at each end.
test::GrayImage tilted_ticket(double squeeze, double inset)
{
    std::mt19937 random(11);
    const auto flat = test::flat_ticket(ticket, 3, random);
    test::GrayImage frame(1280, 720, 120);
    const double width = flat.width * squeeze, height = flat.height;
    const double top = 360 - height / 2, bottom = 360 + height / 2, shorter = height * inset;
    test::place(frame, flat,
                {500, top, 500 + width, top + shorter, 500 + width, bottom - shorter, 500, bottom});
    test::box_blur(frame, 1);
    std::mt19937 noise(2);
    test::add_noise(frame, 3, noise);
    return frame;
}

test::GrayImage code_on_paper(int module, int x, int y, std::uint8_t paper = 200)
{
    test::GrayImage frame(640, 480, paper);
    test::draw_qr(frame, ticket, x, y, module);
    return frame;
}

void add_sensor_noise(test::GrayImage& frame)
{
    std::mt19937 random(4);
    test::add_noise(frame, 2, random);
}

} // namespace

TEST_CASE("an inverted code (dark-mode phone) is found light-on-dark and read from its area",
          "[decoder][passes]")
{
    const auto frame = inverted_code();
    const auto evidence = scan_for_finders(view_of(frame));
    CHECK(evidence.light_on_dark > evidence.dark_on_light);
    REQUIRE_FALSE(evidence.candidates.empty());
    CHECK(evidence.candidates.front().polarity == Polarity::LightOnDark);
    check_rescued_by(frame, Pass::Candidate);
    check_read_by_strategy(frame);
}

TEST_CASE("an inverted code is read by inverting the whole frame", "[decoder][passes]")
{
    check_rescued_by(inverted_code(), Pass::Inverted);
}

TEST_CASE("a low-contrast code in dim light is read after normalisation", "[decoder][passes]")
{
    test::GrayImage frame(640, 480, 0);
    test::draw_qr(frame, ticket, 150, 80, 4);
    // Ink at 30, paper at 46: sixteen grey levels of contrast, under a brightness gradient.
    for (int y = 0; y < frame.height; ++y)
        for (int x = 0; x < frame.width; ++x)
            frame.at(x, y) = static_cast<std::uint8_t>((frame.at(x, y) ? 46 : 30) + x / 80);
    std::mt19937 random(3);
    test::add_noise(frame, 1.0, random);
    check_rescued_by(frame, Pass::Normalised);
    check_read_by_strategy(frame);
}

TEST_CASE("a code tilted 45 degrees away is read from its area", "[decoder][passes]")
{
    // cos 45.6° = 0.70; the far edge 60 % as tall as the near one.
    const auto frame = tilted_ticket(0.70, 0.2);
    check_rescued_by(frame, Pass::Candidate);
    check_rescued_by(frame, Pass::Harder);
    check_read_by_strategy(frame);
}

TEST_CASE("a code tilted 50 degrees away is read once its area is sharpened", "[decoder][passes]")
{
    const auto frame = tilted_ticket(0.64, 0.2);
    check_rescued_by(frame, Pass::Sharpened);
    check_read_by_strategy(frame);
}

TEST_CASE("an out-of-focus code is read once its area is sharpened", "[decoder][passes]")
{
    auto frame = code_on_paper(5, 120, 60);
    test::box_blur(frame, 3);
    test::box_blur(frame, 2);
    add_sensor_noise(frame);
    check_rescued_by(frame, Pass::Sharpened);
    check_read_by_strategy(frame);
}

TEST_CASE("a small blurred code is read by the histogram binarizer on its enlarged area",
          "[decoder][passes]")
{
    auto frame = code_on_paper(2, 200, 150, 180); // two pixels a module
    test::box_blur(frame, 1);
    add_sensor_noise(frame);
    check_rescued_by(frame, Pass::Histogram);
    check_rescued_by(frame, Pass::Sharpened);
    check_read_by_strategy(frame);
}

TEST_CASE("a code blurred by motion is read once its area is smoothed", "[decoder][passes]")
{
    auto frame = code_on_paper(5, 120, 60);
    test::motion_blur(frame, 8, 30);
    add_sensor_noise(frame);
    check_rescued_by(frame, Pass::Smoothed);
}

TEST_CASE("a code too close to the fixed-focus lens, or still moving, is read once deblurred",
          "[decoder][passes]")
{
    // Two frames of the pinhole camera model's development half (640×360) that the plain
    // unsharp mask does not restore: a disk blur, and a smear of motion.
    test::optics::Camera camera;
    camera.width = 640;
    camera.height = 360;
    camera.focal = 457;
    using test::optics::Trouble;
    for (const auto& [trouble, index] : {std::pair{Trouble::Defocus, 13}, std::pair{Trouble::Motion, 14}}) {
        const auto frame = test::optics::make_posed_frame(
            trouble, ticket, test::optics::seed_of(test::optics::Half::Development, trouble, index), camera);
        check_rescued_by(frame, Pass::Deblurred);
        Decoder sharpened(generous({Pass::Sharpened}));
        CHECK(sharpened.read(view_of(frame)).codes.empty());
        check_read_by_strategy(frame);
    }
}

TEST_CASE("no pass reads a code where there is none", "[decoder][passes]")
{
    std::mt19937 random(5);
    std::vector<test::GrayImage> frames;
    for (int i = 0; i < 3; ++i)
        frames.push_back(test::make_scene(test::Scene::NoCode, "", random));
    test::GrayImage noise(640, 480, 0);
    for (auto& pixel : noise.pixels)
        pixel = static_cast<std::uint8_t>(random() & 0xFF);
    frames.push_back(noise);
    frames.emplace_back(640, 480, 128);
    for (const auto& frame : frames) {
        // Motion that just stopped is evidence enough: every pass runs, on the whole frame.
        Decoder decoder(generous(every_pass));
        const auto report = decoder.read(view_of(frame), Decoder::Hint::MotionStopped);
        CHECK(report.codes.empty());
        CHECK(report.passes_run.size() >= every_pass.size()); // all ran, on one area or more
    }
}

TEST_CASE("an empty frame costs one pass and reports no evidence", "[decoder][passes]")
{
    std::mt19937 random(5);
    for (int i = 0; i < 3; ++i) {
        const auto frame = test::make_scene(test::Scene::NoCode, "", random);
        CHECK(scan_for_finders(view_of(frame)).candidates.empty());
        Decoder decoder;
        const auto report = decoder.read(view_of(frame));
        CHECK(report.codes.empty());
        CHECK_FALSE(report.evidence);
        CHECK(report.passes_run == std::vector<Pass>{Pass::Cheap});
    }
}

TEST_CASE("no harder pass starts past the budget", "[decoder][passes]")
{
    Decoder decoder(Decoder::Options{std::chrono::microseconds(0), every_pass});
    const auto report = decoder.read(view_of(inverted_code()));
    CHECK(report.evidence);
    CHECK(report.codes.empty());
    CHECK(report.passes_run == std::vector<Pass>{Pass::Cheap});
}

TEST_CASE("a code read by the cheap pass stops there", "[decoder][passes]")
{
    test::GrayImage frame(640, 480, 220);
    test::draw_qr(frame, ticket, 150, 80, 4);
    Decoder decoder;
    const auto report = decoder.read(view_of(frame));
    REQUIRE(report.codes.size() == 1);
    CHECK(report.passes_run == std::vector<Pass>{Pass::Cheap});
}
