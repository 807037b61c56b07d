// Each harder pass reads what the cheap pass alone misses, on small fixtures made for it.

#include "kiosk_checkin/decoder.hpp"
#include "kiosk_checkin/finder_scan.hpp"

#include "camera_scene.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace kiosk::checkin;

namespace {

const std::string ticket = "KT1:9ST8Q2Y0A3M8WZ0LDC1YK*6N:5J9PX7RR0Y1OC8H%VR4ZCFQ-PO$TVN61XDF6VKI";

GrayView view_of(const test::GrayImage& image)
{
    return {image.pixels.data(), image.width, image.height, image.width};
}

bool ran(const DecodeReport& report, Pass pass)
{
    return std::find(report.passes_run.begin(), report.passes_run.end(), pass) !=
           report.passes_run.end();
}

// A frame the cheap pass must miss and the strategy must read, by the named pass or later.
void check_rescued(const test::GrayImage& frame, Pass expected)
{
    CHECK(read_codes(view_of(frame)).empty()); // plain ZXing, one pass: nothing
    Decoder decoder(Decoder::Options{std::chrono::microseconds(1'000'000), 4});
    const auto report = decoder.read(view_of(frame));
    CHECK(report.evidence);
    REQUIRE(report.codes.size() == 1);
    CHECK(report.codes[0].text == ticket);
    CHECK(ran(report, expected));
    CHECK(report.passes_run.size() >= 2);
}

} // namespace

TEST_CASE("an inverted code (dark-mode phone) is read by the inverted pass", "[decoder][passes]")
{
    test::GrayImage frame(640, 480, 40);
    test::draw_qr(frame, ticket, 150, 80, 4);
    test::invert(frame);
    const auto evidence = scan_for_finders(view_of(frame));
    CHECK(evidence.light_on_dark > evidence.dark_on_light);
    check_rescued(frame, Pass::Inverted);
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
    check_rescued(frame, Pass::Normalised);
}

TEST_CASE("a code tilted 40 degrees away is read from an enlarged crop", "[decoder][passes]")
{
    std::mt19937 random(11);
    const auto flat = test::flat_ticket(ticket, 3, random);
    test::GrayImage frame(1280, 720, 120);
    // Turned 40° about the vertical axis: 77 % of its width, and seen at arm's length the
    // far edge is 40 % as tall as the near one.
    const double width = flat.width * 0.77, height = flat.height;
    const double top = 360 - height / 2, bottom = 360 + height / 2, inset = height * 0.3;
    test::place(frame, flat, {500, top, 500 + width, top + inset, 500 + width, bottom - inset, 500, bottom});
    test::box_blur(frame, 1);
    std::mt19937 noise(2);
    test::add_noise(frame, 3, noise);
    check_rescued(frame, Pass::Candidate);
}

TEST_CASE("an empty frame costs one pass and reports no evidence", "[decoder][passes]")
{
    std::mt19937 random(5);
    const auto frame = test::make_scene(test::Scene::NoCode, "", random);
    Decoder decoder;
    const auto report = decoder.read(view_of(frame));
    CHECK(report.codes.empty());
    CHECK_FALSE(report.evidence);
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
