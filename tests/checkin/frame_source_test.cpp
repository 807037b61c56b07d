// Real GStreamer pipelines over image files written by the test.

#include "kiosk_checkin/frame_source.hpp"
#include "kiosk_checkin/scan_loop.hpp"

#include "qr_image.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <fstream>
#include <thread>

using namespace kiosk::checkin;
using namespace std::chrono_literals;

namespace {

// Frames named frame-000.png, frame-001.png…, one per entry; an empty text is a frame with
// no code.
void write_frames(const std::filesystem::path& dir, const std::string& prefix,
                  const std::vector<std::string>& texts)
{
    for (std::size_t i = 0; i < texts.size(); ++i) {
        test::GrayImage frame(640, 360, 180);
        if (!texts[i].empty())
            test::draw_qr(frame, texts[i], 200, 40, 5);
        test::write_image(frame, dir / fmt::format("{}-{:03}.png", prefix, i));
    }
}

std::string frames_pipeline(const std::filesystem::path& dir, const std::string& prefix)
{
    return fmt::format("multifilesrc location=\"{}/{}-%03d.png\" index=0 "
                       "caps=\"image/png,framerate=(fraction)30/1\" ! pngdec",
                       dir.string(), prefix);
}

struct Collected {
    std::vector<std::string> codes;
    std::vector<std::string> log;
};

ScanLoopOptions quick_options()
{
    ScanLoopOptions options;
    options.first_retry = 100ms;
    options.longest_retry = 400ms;
    return options;
}

} // namespace

TEST_CASE("still images load as grey frames, PNG and JPEG", "[source]")
{
    test::TempDir dir;
    test::GrayImage image(333, 201, 255); // odd width: GStreamer pads grey rows to 4 bytes
    test::draw_qr(image, "bonjour", 10, 10, 4);
    test::write_image(image, dir / "code.png");
    test::write_image(image, dir / "code.jpg");
    for (const char* name : {"code.png", "code.jpg"}) {
        INFO(name);
        const auto frame = load_image(dir / name);
        CHECK(frame.view().width == 333);
        CHECK(frame.view().height == 201);
        CHECK(frame.view().stride >= 333);
        const auto codes = read_codes(frame.view());
        REQUIRE(codes.size() == 1);
        CHECK(codes[0].text == "bonjour");
    }
}

TEST_CASE("unreadable images and broken pipelines fail with a clear message", "[source]")
{
    test::TempDir dir;
    CHECK_THROWS_WITH(load_image(dir / "absent.png"), Catch::Contains("introuvable"));
    std::ofstream(dir / "garbage.png") << std::string(5000, '\x7f');
    CHECK_THROWS_WITH(load_image(dir / "garbage.png"), Catch::Contains("illisible"));
    // A small file that claims 20 000 × 20 000 pixels is refused before it is decoded.
    {
        std::ofstream huge(dir / "huge.png", std::ios::binary);
        const unsigned char header[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                                        0,    0,   0,   13,  'I',  'H',  'D',  'R',
                                        0,    0,   0x4e, 0x20, 0,  0,    0x4e, 0x20,
                                        8,    0,   0,   0,   0};
        huge.write(reinterpret_cast<const char*>(header), sizeof header);
        huge << std::string(400000, '\0');
    }
    CHECK_THROWS_WITH(load_image(dir / "huge.png"),
                      Catch::Contains("image trop grande (20000 × 20000 pixels"));
    auto source = make_pipeline_source("videotestsrc ! ! nonsense");
    CHECK_THROWS_WITH(source->start(), Catch::Contains("pipeline GStreamer invalide"));
    auto unknown = make_pipeline_source("this_element_does_not_exist");
    CHECK_THROWS_WITH(unknown->start(), Catch::Contains("invalide"));
}

TEST_CASE("a multifilesrc pipeline hands each ticket over once, in order", "[source][loop]")
{
    test::TempDir dir;
    // A visitor holds ticket A up for a few frames, then B; A comes back within the
    // debounce window and is ignored. The loop stops at the end of the stream.
    write_frames(dir.path(), "frame", {"", "A-1", "A-1", "A-1", "", "", "B-2", "B-2", "", "A-1", ""});
    auto source = make_pipeline_source(frames_pipeline(dir.path(), "frame"), Delivery::EveryFrame);
    Collected collected;
    auto options = quick_options();
    options.at_end_of_stream = AtEndOfStream::Stop;
    options.motion.idle_decode_every = 1;
    ScanLoop loop(*source, [&](const Detection& code) { collected.codes.push_back(code.text); },
                  options);
    loop.on_log([&](std::string_view line) { collected.log.emplace_back(line); });
    std::atomic<bool> stop{false};
    loop.run(stop);
    CHECK(collected.codes == std::vector<std::string>{"A-1", "B-2"});
    CHECK(loop.statistics().frames == 11);
    CHECK(loop.statistics().debounced >= 3);
}

TEST_CASE("a source that is missing at first is picked up when it appears", "[source][loop]")
{
    test::TempDir dir;
    auto source = make_pipeline_source(frames_pipeline(dir.path(), "late"));
    Collected collected;
    std::atomic<bool> stop{false};
    ScanLoop loop(*source, [&](const Detection& code) {
        collected.codes.push_back(code.text);
        stop = true;
    }, quick_options());
    loop.on_log([&](std::string_view line) { collected.log.emplace_back(line); });
    std::thread plug_in([&] {
        std::this_thread::sleep_for(600ms); // the camera comes back
        write_frames(dir.path(), "late", {"", "C-3", "C-3", ""});
    });
    std::thread watchdog([&] {
        for (int i = 0; i < 150 && !stop; ++i)
            std::this_thread::sleep_for(100ms);
        stop = true;
    });
    loop.run(stop);
    plug_in.join();
    watchdog.join();
    CHECK(collected.codes == std::vector<std::string>{"C-3"});
    CHECK(loop.statistics().source_failures >= 1);
    CHECK_FALSE(collected.log.empty());
}

TEST_CASE("a source that ends mid-stream is restarted and resumes when it comes back",
          "[source][loop]")
{
    test::TempDir dir;
    // The stream stops after three frames (the camera unplugged); once the loop has seen the
    // end, the rest appears (plugged back) and the restarted stream carries on.
    write_frames(dir.path(), "cut", {"", "D-4", ""});
    auto source = make_pipeline_source(frames_pipeline(dir.path(), "cut"), Delivery::EveryFrame);
    Collected collected;
    std::atomic<bool> stop{false};
    auto options = quick_options();
    options.motion.idle_decode_every = 1;
    ScanLoop loop(*source, [&](const Detection& code) {
        collected.codes.push_back(code.text);
        stop = code.text == "E-5";
    }, options);
    bool plugged_back = false;
    loop.on_log([&](std::string_view line) {
        collected.log.emplace_back(line);
        if (!plugged_back && line.find("fin du flux") != std::string_view::npos) {
            plugged_back = true;
            test::GrayImage frame(640, 360, 180);
            test::draw_qr(frame, "E-5", 200, 40, 5);
            test::write_image(frame, dir / "cut-003.png");
        }
    });
    std::thread watchdog([&] {
        for (int i = 0; i < 150 && !stop; ++i)
            std::this_thread::sleep_for(100ms);
        stop = true;
    });
    loop.run(stop);
    watchdog.join();
    // D-4 is seen again after the restart but not handed over twice (debounce).
    CHECK(collected.codes == std::vector<std::string>{"D-4", "E-5"});
    CHECK(plugged_back);
    CHECK(loop.statistics().debounced >= 1);
}

TEST_CASE("a camera that does not exist is retried with back-off until stopped", "[source][loop]")
{
    auto source = make_pipeline_source(camera_pipeline("/dev/v4l/by-id/absent-camera"));
    // Each failure, when it was logged and the wait it announced.
    std::vector<std::pair<std::chrono::steady_clock::time_point, int>> failures;
    std::vector<SourceState> states;
    ScanLoop loop(*source, [](const Detection&) { FAIL("no code can come from nowhere"); },
                  quick_options());
    loop.on_log([&](std::string_view line) {
        const std::string_view announce = "nouvel essai dans ";
        if (const auto at = line.find(announce); at != std::string_view::npos)
            failures.emplace_back(std::chrono::steady_clock::now(),
                                  std::stoi(std::string(line.substr(at + announce.size()))));
    });
    loop.on_state([&](const SourceState& state) { states.push_back(state); });
    std::atomic<bool> stop{false};
    std::thread stopper([&] {
        std::this_thread::sleep_for(2000ms);
        stop = true;
    });
    loop.run(stop);
    stopper.join();
    // 100 ms, doubled after each failure up to 400 ms, and each wait really waited.
    REQUIRE(failures.size() >= 4);
    CHECK(loop.statistics().source_failures == static_cast<long>(failures.size()));
    const std::vector<int> announced{100, 200, 400, 400};
    for (std::size_t i = 0; i < failures.size(); ++i) {
        INFO("failure " << i);
        CHECK(failures[i].second == announced[std::min(i, announced.size() - 1)]);
        if (i + 1 < failures.size())
            CHECK(failures[i + 1].first - failures[i].first >=
                  std::chrono::milliseconds(failures[i].second));
    }
    REQUIRE_FALSE(states.empty());
    CHECK_FALSE(states.back().running);
    CHECK_FALSE(states.back().last_error.empty());
}
