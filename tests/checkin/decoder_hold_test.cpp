// A ticket held up in front of the camera shows the same code frame after frame. The head of
// the pass list runs on every frame; when the budget stops the others on one frame, the next
// frame of the hold goes on from there, so each of them gets its turn within a few frames
// instead of the first few on every one.

#include "camera_scene.hpp"
#include "decoder_fixture.hpp"
#include "kiosk_checkin/decoder.hpp"
#include "qr_image.hpp"

#include <algorithm>
#include <array>
#include <catch2/catch.hpp>
#include <iterator>
#include <set>

using namespace kiosk::checkin;

namespace {

using test::view_of;

const std::string& ticket = test::sample_ticket;

// Harder passes on the area only (no Inverted on the whole frame, no Completed without two
// clear finders): each costs a share of the list, none most of it. The first two run on
// every frame.
constexpr std::size_t every_frame = 2;
const std::vector<Pass> area_passes{Pass::Candidate, Pass::Darkened,  Pass::Sharpened,
                                    Pass::Histogram, Pass::Harder,    Pass::Smoothed,
                                    Pass::Deblurred, Pass::Normalised};

// The fixtures are the code and little else, so a pass over its area costs about as much as
// the cheap pass over the frame: how many passes fit a budget then hardly depends on how
// long the cheap pass happened to take. 41: the ticket's 33 modules and the quiet zone.
constexpr int module = 4, margin = 8, frame_side = 41 * module + 2 * margin;

// Ink at 30, paper at 40 under a brightness gradient: only Normalised reads it.
test::GrayImage dim_code()
{
    test::GrayImage frame(frame_side, frame_side, 0);
    test::draw_qr(frame, ticket, margin, margin, module);
    for (int y = 0; y < frame.height; ++y)
        for (int x = 0; x < frame.width; ++x)
            frame.at(x, y) = static_cast<std::uint8_t>((frame.at(x, y) ? 40 : 30) + x / 20);
    std::mt19937 random(3);
    test::add_noise(frame, 1.0, random);
    return frame;
}

// The code's finders and a grey smear where its data was: evidence, and nothing to read. The
// code's quiet zone starts `x` pixels from the left of a frame `width` wide.
test::GrayImage unreadable_code(int width = frame_side, int x = margin)
{
    test::GrayImage frame(width, frame_side, 220);
    const int left = x + 4 * module, top = margin + 4 * module; // past the quiet zone
    const int modules = test::draw_qr(frame, ticket, x, margin, module) / module - 8;
    // Modules 9 to modules-9 each way: a fifth of the code, more than level M corrects.
    for (int y = top + 9 * module; y < top + (modules - 9) * module; ++y)
        for (int px = left + 9 * module; px < left + (modules - 9) * module; ++px)
            frame.at(px, y) = 160;
    std::mt19937 random(6);
    test::add_noise(frame, 2.0, random);
    return frame;
}

std::chrono::microseconds least_elapsed(const test::GrayImage& frame, std::vector<Pass> passes)
{
    std::chrono::microseconds least = std::chrono::microseconds::max();
    for (int i = 0; i < 3; ++i) {
        Decoder decoder(Decoder::Options{std::chrono::seconds(60), passes});
        least = std::min(least, decoder.read(view_of(frame), Decoder::Hint::MotionStopped).elapsed);
    }
    return least;
}

// A budget for the cheap pass, the head of the list and its two dearest other passes: each
// pass fits right after the head, with room to spare on a machine busy enough to stretch CPU
// time, and the whole list does not. Measured on this machine and build (the sanitizers are
// slow) rather than assumed.
std::chrono::microseconds head_and_dearest_two(const test::GrayImage& frame)
{
    const auto budget = least_elapsed(
        frame, {Pass::Candidate, Pass::Darkened, Pass::Deblurred, Pass::Normalised});
    REQUIRE(budget < least_elapsed(frame, area_passes));
    return budget;
}

std::vector<Pass> harder_passes_run(const DecodeReport& report)
{
    REQUIRE_FALSE(report.passes_run.empty());
    CHECK(report.passes_run.front() == Pass::Cheap);
    return {report.passes_run.begin() + 1, report.passes_run.end()};
}

Decoder::Options options(std::chrono::microseconds budget)
{
    return Decoder::Options{budget, area_passes, every_frame};
}

bool at_head(Pass pass)
{
    return std::find(area_passes.begin(), area_passes.begin() + every_frame, pass) !=
           area_passes.begin() + every_frame;
}

// The passes a frame ran after the head of the list, in order.
std::vector<Pass> turns(const std::vector<Pass>& run)
{
    std::vector<Pass> after_head;
    std::copy_if(run.begin(), run.end(), std::back_inserter(after_head),
                 [](Pass pass) { return !at_head(pass); });
    return after_head;
}

} // namespace

TEST_CASE("a held code tries the passes the budget left out of the frame before", "[decoder][hold]")
{
    const auto frame = unreadable_code();
    Decoder decoder(options(head_and_dearest_two(frame)));

    const auto first =
        harder_passes_run(decoder.read(view_of(frame), Decoder::Hint::MotionStopped));
    REQUIRE(turns(first).size() >= 1);
    CHECK(first.front() == area_passes.front());
    CHECK(turns(first).front() == area_passes[every_frame]);
    std::set<Pass> tried(first.begin(), first.end());
    // The budget cut the list short: with all the time it takes, a frame runs more.
    REQUIRE(first.size() <
            harder_passes_run(Decoder(options(std::chrono::seconds(60)))
                                  .read(view_of(frame), Decoder::Hint::MotionStopped))
                .size());

    // The next frame runs the head again, then goes on where the first one stopped (a pass
    // may have run on one of the areas found and not on the other).
    const auto second =
        harder_passes_run(decoder.read(view_of(frame), Decoder::Hint::MotionStopped));
    REQUIRE(turns(second).size() >= 1);
    CHECK(second.front() == area_passes.front());
    const Pass went_on = turns(second).front();
    CHECK(went_on != area_passes[every_frame]);
    CHECK(std::count(first.begin(), first.end(), went_on) <
          std::count(first.begin(), first.end(), first.front()));
    tried.insert(second.begin(), second.end());
    // Within a few frames of the hold every pass has had its turn, also when the gate takes
    // the hand's tremor for motion: the code is where it was.
    for (int frames = 2; frames < 6; ++frames) {
        const auto report = decoder.read(view_of(frame));
        CHECK(report.codes.empty());
        const auto run = harder_passes_run(report);
        REQUIRE_FALSE(run.empty());
        CHECK(run.front() == area_passes.front());
        tried.insert(run.begin(), run.end());
    }
    CHECK(tried == std::set<Pass>(area_passes.begin(), area_passes.end()));
}

TEST_CASE("a code that moved starts the passes from the head", "[decoder][hold]")
{
    // The code on the left of the frame, then on its right, and so on.
    const std::array frames{unreadable_code(2 * frame_side, margin),
                            unreadable_code(2 * frame_side, frame_side + margin)};
    Decoder decoder(options(head_and_dearest_two(frames[0])));
    auto first_turn = [&](const test::GrayImage& frame, Decoder::Hint hint) {
        const auto run = turns(harder_passes_run(decoder.read(view_of(frame), hint)));
        REQUIRE_FALSE(run.empty());
        return run.front();
    };
    for (std::size_t i = 0; i < 4; ++i)
        CHECK(first_turn(frames[i % 2], Decoder::Hint::None) == area_passes[every_frame]);
    // Held, then a code read: the next hold starts over.
    CHECK(first_turn(frames[0], Decoder::Hint::MotionStopped) != area_passes[every_frame]);
    test::GrayImage plain(2 * frame_side, frame_side, 220);
    test::draw_qr(plain, ticket, margin, margin, module);
    REQUIRE(decoder.read(view_of(plain), Decoder::Hint::MotionStopped).codes.size() == 1);
    CHECK(first_turn(frames[0], Decoder::Hint::MotionStopped) == area_passes[every_frame]);
}

TEST_CASE("a dim code that only the last pass reads is read within a few frames of a hold",
          "[decoder][hold]")
{
    const auto frame = dim_code();
    REQUIRE(area_passes.back() == Pass::Normalised);
    // Normalised reads it; none of the others would, given all the time they take.
    auto reads = [&](std::vector<Pass> passes) {
        Decoder decoder({std::chrono::seconds(60), std::move(passes)});
        return decoder.read(view_of(frame), Decoder::Hint::MotionStopped).codes.size();
    };
    REQUIRE(reads({Pass::Normalised}) == 1);
    REQUIRE(reads({area_passes.begin(), area_passes.end() - 1}) == 0);
    // Time for the cheap pass, the head and four passes more, twice what the head and
    // Normalised take, so that a machine busy enough to stretch CPU time does not make
    // Normalised too dear to have its turn: the last two take a frame or two to go through.
    const auto budget = least_elapsed(
        frame, {area_passes.begin(), area_passes.begin() + static_cast<long>(every_frame) + 4});

    Decoder decoder(options(budget));
    int frames = 0;
    std::vector<Detection> codes;
    for (; frames < 10 && codes.empty(); ++frames)
        codes = decoder.read(view_of(frame), Decoder::Hint::MotionStopped).codes;
    INFO("frames of the hold: " << frames);
    REQUIRE(codes.size() == 1);
    CHECK(codes[0].text == ticket);
}
