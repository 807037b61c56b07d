#include "decoder_fixture.hpp"
#include "kiosk_checkin/decoder.hpp"
#include "qr_image.hpp"

#include <catch2/catch.hpp>
#include <random>

using namespace kiosk::checkin;

using test::view_of;

TEST_CASE("a code in a camera-sized frame is read with its text and place", "[decoder]")
{
    test::GrayImage frame(1280, 720, 190);
    const int side = test::draw_qr(frame, "KT1:ABCDEF 0123 $%*+-./:", 500, 200, 6);
    const auto codes = read_codes(view_of(frame));
    REQUIRE(codes.size() == 1);
    CHECK(codes[0].text == "KT1:ABCDEF 0123 $%*+-./:");
    CHECK(codes[0].center_x == Approx(500 + side / 2.0).margin(side * 0.2));
    CHECK(codes[0].center_y == Approx(200 + side / 2.0).margin(side * 0.2));
    CHECK(codes[0].area > 0);
}

TEST_CASE("frames without a code give nothing", "[decoder]")
{
    test::GrayImage blank(1280, 720, 128);
    CHECK(read_codes(view_of(blank)).empty());
    test::GrayImage noise(640, 480, 0);
    std::mt19937 random(42);
    for (auto& pixel : noise.pixels)
        pixel = static_cast<std::uint8_t>(random() & 0xFF);
    CHECK(read_codes(view_of(noise)).empty());
}

TEST_CASE("with two codes in view the larger one is presented", "[decoder]")
{
    test::GrayImage frame(1280, 720, 200);
    test::draw_qr(frame, "petit", 20, 20, 3);
    test::draw_qr(frame, "grand", 600, 150, 8);
    const auto codes = read_codes(view_of(frame));
    REQUIRE(codes.size() == 2);
    CHECK(primary_code(codes, 1280, 720)->text == "grand");
}

TEST_CASE("between two codes of one size the central one is presented", "[decoder]")
{
    std::vector<Detection> codes{{"bord", 50, 50, 40000}, {"centre", 640, 360, 40000}};
    CHECK(primary_code(codes, 1280, 720)->text == "centre");
    CHECK_FALSE(primary_code({}, 1280, 720));
}
