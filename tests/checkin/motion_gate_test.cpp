#include "kiosk_checkin/motion_gate.hpp"

#include "qr_image.hpp"

#include <catch2/catch.hpp>

using namespace kiosk::checkin;

TEST_CASE("a still scene is decoded only now and then", "[motion]")
{
    MotionGate gate;
    test::GrayImage still(1280, 720, 120);
    const GrayView view{still.pixels.data(), still.width, still.height, still.width};
    int decoded = 0;
    for (int frame = 0; frame < 60; ++frame)
        decoded += gate.should_decode(view);
    // The first frame, then one in six.
    CHECK(decoded == 1 + 59 / 6);
}

TEST_CASE("motion is decoded frame by frame until the scene settles", "[motion]")
{
    MotionGate::Options options;
    options.settle_frames = 5;
    MotionGate gate(options);
    test::GrayImage empty(1280, 720, 200);
    test::GrayImage ticket(1280, 720, 200);
    test::draw_qr(ticket, "billet", 400, 100, 10);
    const GrayView before{empty.pixels.data(), 1280, 720, 1280};
    const GrayView after{ticket.pixels.data(), 1280, 720, 1280};
    (void)gate.should_decode(before);
    for (int i = 0; i < 6; ++i)
        (void)gate.should_decode(before); // settle into the idle rhythm
    CHECK(gate.should_decode(after));     // the ticket arrives: motion
    int decoded = 0;
    for (int i = 0; i < 5; ++i)
        decoded += gate.should_decode(after); // held still: the settling frames
    CHECK(decoded == 5);
    CHECK_FALSE(gate.should_decode(after));
}
