// When the board pictures its screen for staff and the office, and how a full frame becomes the
// 480-pixel picture: without a window, as values.

#include "kiosk_display/board_picture.hpp"

#include <catch2/catch.hpp>

using namespace kiosk_display;
using namespace std::chrono_literals;

namespace {

const PictureSchedule::Clock::time_point start = PictureSchedule::Clock::time_point{} + 1h;

sf::Image filled(unsigned width, unsigned height, sf::Color colour)
{
    sf::Image image;
    image.create(width, height, colour);
    return image;
}

} // namespace

TEST_CASE("The screen is pictured at once, after a change at most every 10 s, and each minute",
          "[board][picture]")
{
    PictureSchedule schedule;
    CHECK_FALSE(schedule.wants_redraw(start)); // nothing drawn yet: nothing to picture
    REQUIRE(schedule.drawn(start, NewGreeting::No) == Capture::Yes);
    schedule.taken(start);
    CHECK_FALSE(schedule.wants_redraw(start + 5s));

    // A change 3 s later waits for the 10 s to pass; then the board draws again for it.
    CHECK(schedule.drawn(start + 3s, NewGreeting::No) == Capture::No);
    CHECK_FALSE(schedule.wants_redraw(start + 9s));
    CHECK(schedule.wants_redraw(start + 10s));
    REQUIRE(schedule.drawn(start + 10s, NewGreeting::No) == Capture::Yes);
    schedule.taken(start + 10s);
    CHECK_FALSE(schedule.wants_redraw(start + 30s));

    // Nothing changed for a minute: pictured anyway, so a picture is never older than that.
    CHECK_FALSE(schedule.wants_redraw(start + 69s));
    CHECK(schedule.wants_redraw(start + 70s));
    REQUIRE(schedule.drawn(start + 70s, NewGreeting::No) == Capture::Yes);
    schedule.taken(start + 70s);

    // A frame bringing a greeting is never held up by a capture: the next one is pictured.
    CHECK(schedule.drawn(start + 90s, NewGreeting::Yes) == Capture::No);
    CHECK(schedule.wants_redraw(start + 90s));
    CHECK(schedule.drawn(start + 90s, NewGreeting::No) == Capture::Yes);
}

TEST_CASE("A burst of greetings and changes is pictured at most once every 10 s",
          "[board][picture]")
{
    PictureSchedule schedule;
    int pictures = 0;
    // 50 frames in 20 s, one greeting in three.
    for (int frame = 0; frame < 50; ++frame) {
        const auto now = start + frame * 400ms;
        if (schedule.drawn(now, frame % 3 == 0 ? NewGreeting::Yes : NewGreeting::No) ==
            Capture::Yes) {
            schedule.taken(now);
            ++pictures;
        }
    }
    CHECK(pictures >= 2);
    CHECK(pictures <= 3);
}

TEST_CASE("A frame is scaled to 480 pixels wide by averaging, never by dropping pixels",
          "[board][picture]")
{
    // Left half black, right half white, a one-pixel grey line, and a checkerboard band.
    sf::Image frame = filled(1920, 1080, sf::Color::Black);
    for (unsigned y = 0; y < 1080; ++y)
        for (unsigned x = 960; x < 1920; ++x)
            frame.setPixel(x, y, sf::Color::White);
    for (unsigned y = 0; y < 1080; ++y)
        frame.setPixel(401, y, sf::Color::White);
    for (unsigned y = 800; y < 1080; ++y)
        for (unsigned x = 960; x < 1920; ++x)
            if ((x + y) % 2 == 0)
                frame.setPixel(x, y, sf::Color::Black);

    const sf::Image picture = scaled_to_width(frame, 480);
    REQUIRE(picture.getSize() == sf::Vector2u(480, 270));
    CHECK(picture.getPixel(10, 10) == sf::Color::Black);
    CHECK(picture.getPixel(239, 100) == sf::Color::Black);
    CHECK(picture.getPixel(240, 100) == sf::Color::White);
    CHECK(picture.getPixel(479, 100) == sf::Color::White);
    // The thin line covers a quarter of its picture pixel: a dim line, not nothing.
    CHECK(picture.getPixel(100, 100).r == 64);
    CHECK(picture.getPixel(99, 100).r == 0);
    // Fine detail becomes its average grey, where picking pixels would give black or white.
    const sf::Color checker = picture.getPixel(300, 250);
    CHECK(checker.r >= 126);
    CHECK(checker.r <= 129);
    CHECK(checker.a == 255);
}

TEST_CASE("A portrait frame keeps its proportions, and a small one is left as it is",
          "[board][picture]")
{
    CHECK(scaled_to_width(filled(1080, 1920, sf::Color::Blue), 480).getSize() ==
          sf::Vector2u(480, 853));
    CHECK(scaled_to_width(filled(1280, 720, sf::Color::Blue), 480).getSize() ==
          sf::Vector2u(480, 270));
    const sf::Image small = filled(320, 240, sf::Color(10, 20, 30));
    const sf::Image same = scaled_to_width(small, 480);
    CHECK(same.getSize() == sf::Vector2u(320, 240));
    CHECK(same.getPixel(5, 5) == sf::Color(10, 20, 30));
}
