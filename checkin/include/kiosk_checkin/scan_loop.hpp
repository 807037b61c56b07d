#pragma once

#include "kiosk_checkin/decoder.hpp"
#include "kiosk_checkin/frame_source.hpp"
#include "kiosk_checkin/motion_gate.hpp"

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::checkin {

enum class AtEndOfStream { Restart, Stop };

struct ScanLoopOptions {
    std::chrono::milliseconds debounce{3000}; // the same code again within this is ignored
    std::chrono::milliseconds pull_timeout{250};
    std::chrono::milliseconds first_retry{500};
    std::chrono::milliseconds longest_retry{8000};
    AtEndOfStream at_end_of_stream = AtEndOfStream::Restart; // a camera's EOS means unplugged
    MotionGate::Options motion;
};

struct ScanStatistics {
    long frames = 0;
    long decoded_frames = 0; // frames the gate let through to ZXing
    long codes = 0;          // codes handed over (after debounce)
    long debounced = 0;
    long source_failures = 0;
};

// Liveness as the board's staff corner reads it; updated from the loop.
struct SourceState {
    bool running = false;
    std::chrono::system_clock::time_point last_frame{};
    double frames_per_second = 0;
    std::string source;
    std::string last_error;
};

// What the loop reads a frame with: our Decoder unless told otherwise. Anything else (plain
// ZXing, to compare) goes through the same gate and debounce. The hint says the scene has
// just settled after motion.
using CodeReader = std::function<std::vector<Detection>(const GrayView&, Decoder::Hint)>;
[[nodiscard]] CodeReader decoder_reader(Decoder::Options options = {});
[[nodiscard]] CodeReader plain_zxing_reader(); // read_codes: one ZXing pass, hints ignored

// Pulls frames, reads codes, hands each new one to `on_code` — once, at once — and keeps
// going whatever the source does: errors and end of stream restart it with growing back-off.
class ScanLoop {
public:
    using CodeHandler = std::function<void(const Detection&)>;
    using StateHandler = std::function<void(const SourceState&)>; // about once a second
    using Logger = std::function<void(std::string_view)>;
    using TurnHandler = std::function<void()>; // every turn, frame or not (service watchdog)

    ScanLoop(FrameSource& source, CodeHandler on_code, ScanLoopOptions options = {});

    void on_state(StateHandler handler) { on_state_ = std::move(handler); }
    void on_log(Logger logger) { log_ = std::move(logger); }
    void on_turn(TurnHandler handler) { on_turn_ = std::move(handler); }
    void read_with(CodeReader reader) { reader_ = std::move(reader); }

    // Returns only when `stop` becomes true (or at end of stream with AtEndOfStream::Stop).
    void run(const std::atomic<bool>& stop);

    // One frame through gate, decoder and debounce; what run() does per frame.
    void process(const Frame& frame);

    [[nodiscard]] const ScanStatistics& statistics() const { return statistics_; }

private:
    bool start_source(const std::atomic<bool>& stop, std::chrono::milliseconds& backoff);
    void sleep_unless_stopped(std::chrono::milliseconds duration, const std::atomic<bool>& stop);
    void report_state(bool force);

    FrameSource& source_;
    CodeHandler on_code_;
    StateHandler on_state_;
    Logger log_;
    TurnHandler on_turn_;
    ScanLoopOptions options_;
    MotionGate gate_;
    CodeReader reader_ = decoder_reader();
    ScanStatistics statistics_;
    SourceState state_;
    std::map<std::string, Frame::Clock::time_point> last_seen_;
    Frame::Clock::time_point last_report_{};
    long frames_at_last_report_ = 0;
};

} // namespace kiosk::checkin
