// Each harder pass reads what the cheap pass alone misses, on small fixtures made for it: run
// alone after the cheap pass, and within the whole strategy.

#include "camera_scene.hpp"
#include "decoder_fixture.hpp"
#include "kiosk_checkin/decoder.hpp"
#include "kiosk_checkin/finder_scan.hpp"
#include "posed_frames.hpp"

#include <ZXing/ReadBarcode.h>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

using namespace kiosk::checkin;

namespace {

using test::view_of;

const std::string& ticket = test::sample_ticket;
const std::vector<Pass> every_pass{Pass::Candidate, Pass::Sharpened, Pass::Deblurred,
                                   Pass::Normalised, Pass::Inverted, Pass::Harder,
                                   Pass::Histogram, Pass::Smoothed, Pass::Darkened,
                                   Pass::Completed};

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

// A lamp's reflection: a disk of `radius` pixels burnt to white at (x, y), fading out over
// half as much again.
void add_glare(test::GrayImage& frame, double x, double y, double radius)
{
    for (int py = 0; py < frame.height; ++py)
        for (int px = 0; px < frame.width; ++px) {
            const double r = std::hypot(px - x, py - y);
            const double strength = std::clamp((1.5 * radius - r) / (0.5 * radius), 0.0, 1.0);
            frame.at(px, py) =
                static_cast<std::uint8_t>(frame.at(px, py) + strength * (255 - frame.at(px, py)));
        }
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

TEST_CASE("a code still moving is read once deblurred", "[decoder][passes]")
{
    // Two frames of the pinhole camera model's development half (640×360) that the plain
    // unsharp mask does not restore: smears of motion. (Of its first 160 defocused frames,
    // none that Deblurred reads is missed by Sharpened.)
    test::optics::Camera camera;
    camera.width = 640;
    camera.height = 360;
    camera.focal = 457;
    using test::optics::Trouble;
    for (const auto& [trouble, index] : {std::pair{Trouble::Motion, 14}, std::pair{Trouble::Motion, 38}}) {
        const auto frame = test::optics::make_posed_frame(
            trouble, ticket, test::optics::seed_of(test::optics::Half::Development, trouble, index), camera);
        check_rescued_by(frame, Pass::Deblurred);
        Decoder sharpened(generous({Pass::Sharpened}));
        CHECK(sharpened.read(view_of(frame)).codes.empty());
        check_read_by_strategy(frame);
    }
}

TEST_CASE("a phone screen glowing past the exposure is read once its dark modules are thickened",
          "[decoder][passes]")
{
    // Two phone screens of the pinhole camera model's development half (640×360) that the
    // camera, its exposure set by the room, overexposes: the screen's white spreads over the
    // dark modules and leaves the lone ones as specks a little greyer than white. No other
    // pass reads them.
    test::optics::Camera camera;
    camera.width = 640;
    camera.height = 360;
    camera.focal = 457;
    using test::optics::Trouble;
    for (const int index : {22, 42}) {
        CAPTURE(index);
        const auto frame = test::optics::make_posed_frame(
            Trouble::Screen, ticket,
            test::optics::seed_of(test::optics::Half::Development, Trouble::Screen, index), camera);
        check_rescued_by(frame, Pass::Darkened);
        for (const Pass pass : every_pass)
            if (pass != Pass::Darkened)
                CHECK(Decoder(generous({pass})).read(view_of(frame)).codes.empty());
        check_read_by_strategy(frame);
    }
}

TEST_CASE("a code with a lamp's reflection over one finder is read once the finder is redrawn",
          "[decoder][passes]")
{
    // The code's modules across, as the tickets are printed.
    const int modules = [] {
        test::GrayImage probe(1000, 1000, 255);
        return test::draw_qr(probe, ticket, 0, 0, 1) - 8;
    }();
    // 5 pixels a module, the code from (140, 60) after the quiet zone; finder centres 3.5
    // modules in from the corners. The reflection burns the finder and its separator to
    // white, and some data beside them.
    constexpr int module = 5, left = 120 + 4 * module, top = 40 + 4 * module;
    const double near = 3.5 * module, far = (modules - 3.5) * module;
    for (const auto& [x, y] : {std::pair{near, near}, {far, near}, {near, far}}) {
        CAPTURE(x, y);
        auto frame = code_on_paper(module, 120, 40);
        add_glare(frame, left + x + 1.5 * module, top + y + module, 4.5 * module);
        add_sensor_noise(frame);
        const auto evidence = scan_for_finders(view_of(frame));
        REQUIRE(evidence.candidates.size() >= 1);
        CHECK(evidence.candidates.front().clear_finders == 2);
        check_rescued_by(frame, Pass::Completed);
        for (const Pass pass : every_pass) // nothing else reads it
            if (pass != Pass::Completed)
                CHECK(Decoder(generous({pass})).read(view_of(frame)).codes.empty());
        check_read_by_strategy(frame);
    }
    // Turned: the finder is drawn along the code's sides, not the frame's.
    std::mt19937 random(12);
    const auto flat = test::flat_ticket(ticket, 4, random);
    test::GrayImage frame(1280, 720, 120);
    const double side = (modules + 8) * 4; // the code with its quiet zone
    const double c = std::cos(0.5), s = std::sin(0.5);
    auto turned = [&](double x, double y) { // about (600, 300)
        return std::pair{600 + c * x - s * y, 300 + s * x + c * y};
    };
    const auto [x0, y0] = turned(0, 0);
    const auto [x1, y1] = turned(flat.width, 0);
    const auto [x2, y2] = turned(flat.width, flat.height);
    const auto [x3, y3] = turned(0, flat.height);
    test::place(frame, flat, {x0, y0, x1, y1, x2, y2, x3, y3});
    const auto [gx, gy] = turned(side - 7.5 * 4, 4 + 7.5 * 4); // the top-right finder
    REQUIRE(read_codes(view_of(frame)).size() == 1);                // readable before
    add_glare(frame, gx, gy, 20);
    add_sensor_noise(frame);
    check_rescued_by(frame, Pass::Completed);
    check_read_by_strategy(frame);
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
    // Two finders where a code's would be, random modules around them and no third: the
    // finder drawn in any of the places it could go gives nothing that error correction takes.
    auto two_finders_drawn = [&] {
        test::GrayImage frame(640, 480, 210);
        constexpr int module = 5, modules = 33, left = 160, top = 60;
        for (int my = 0; my < modules; ++my)
            for (int mx = 0; mx < modules; ++mx) {
                auto ring = [&](int cx, int cy) {
                    return std::max(std::abs(mx - cx), std::abs(my - cy));
                };
                bool dark = (random() & 1) != 0;
                for (const int r : {ring(3, 3), ring(modules - 4, 3)})
                    if (r <= 4)
                        dark = r <= 1 || r == 3;
                for (int y = 0; y < module; ++y)
                    for (int x = 0; x < module; ++x)
                        frame.at(left + mx * module + x, top + my * module + y) = dark ? 20 : 210;
            }
        add_sensor_noise(frame);
        return frame;
    };
    // Random modules can make a third pattern that looks like a finder: draw again then.
    auto two_finders = two_finders_drawn();
    for (int attempt = 0; attempt < 20 && scan_for_finders(view_of(two_finders))
                                                  .candidates.front()
                                                  .clear_finders != 2;
         ++attempt)
        two_finders = two_finders_drawn();
    REQUIRE(scan_for_finders(view_of(two_finders)).candidates.front().clear_finders == 2);
    frames.push_back(two_finders);
    for (const auto& frame : frames) {
        // Motion that just stopped is evidence enough: every pass runs, on the whole frame if
        // nothing was located, with all the time it takes (random noise under the sanitizers
        // takes long).
        Decoder decoder(Decoder::Options{std::chrono::microseconds(60'000'000), every_pass});
        const auto report = decoder.read(view_of(frame), Decoder::Hint::MotionStopped);
        CHECK(report.codes.empty());
        const bool located = !scan_for_finders(view_of(frame)).candidates.empty();
        for (const Pass pass : every_pass) {
            CAPTURE(static_cast<int>(pass));
            // Candidate needs an area located, Completed two clear finders in it.
            if ((pass != Pass::Candidate || located) &&
                (pass != Pass::Completed || &frame == &frames.back()))
                CHECK(std::count(report.passes_run.begin(), report.passes_run.end(), pass) >= 1);
        }
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

// ZXing's quicker search samples rows for finders and misses many codes turned in the image
// plane; the cheap pass tries harder, on the whole frame, before any harder pass.
TEST_CASE("the cheap pass reads codes turned in the image plane that a quicker search misses",
          "[decoder][passes]")
{
    ZXing::DecodeHints quicker;
    quicker.setFormats(ZXing::BarcodeFormat::QRCode);
    quicker.setTryHarder(false);
    quicker.setTryDownscale(false);
    Decoder cheap_only(generous({}));
    int quick_reads = 0, cheap_reads = 0;
    for (int i = 0; i < 20; ++i) {
        const auto frame = test::optics::make_posed_frame(
            test::optics::Trouble::Rotation, ticket,
            test::optics::seed_of(test::optics::Half::Development, test::optics::Trouble::Rotation,
                                  i));
        const auto view = view_of(frame);
        const auto quick = ZXing::ReadBarcode(
            ZXing::ImageView(view.data, view.width, view.height, ZXing::ImageFormat::Lum), quicker);
        quick_reads += quick.isValid() && quick.text() == ticket;
        const auto report = cheap_only.read(view);
        CHECK(report.passes_run == std::vector<Pass>{Pass::Cheap});
        cheap_reads += report.codes.size() == 1 && report.codes[0].text == ticket;
    }
    INFO("quicker search " << quick_reads << ", cheap pass " << cheap_reads << " of 20");
    CHECK(cheap_reads >= quick_reads + 3);
}
