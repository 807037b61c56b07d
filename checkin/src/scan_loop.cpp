#include "kiosk_checkin/scan_loop.hpp"

#include <algorithm>
#include <cstdio>
#include <thread>

namespace kiosk::checkin {

CodeReader decoder_reader(Decoder::Options options)
{
    // Shared, not copied: the decoder keeps its buffers from frame to frame.
    auto decoder = std::make_shared<Decoder>(std::move(options));
    return [decoder](const GrayView& image, Decoder::Hint hint) {
        return decoder->read(image, hint).codes;
    };
}

CodeReader plain_zxing_reader()
{
    return [](const GrayView& image, Decoder::Hint) { return read_codes(image); };
}

ScanLoop::ScanLoop(FrameSource& source, CodeHandler on_code, ScanLoopOptions options)
    : source_(source)
    , on_code_(std::move(on_code))
    , log_([](std::string_view line) {
        std::fprintf(stderr, "%.*s\n", static_cast<int>(line.size()), line.data());
    })
    , options_(options)
    , gate_(options.motion)
{
    state_.source = source_.describe();
}

void ScanLoop::process(const Frame& frame)
{
    ++statistics_.frames;
    state_.last_frame = std::chrono::system_clock::now();
    if (!gate_.should_decode(frame.view()))
        return;
    ++statistics_.decoded_frames;
    const auto codes =
        reader_(frame.view(), gate_.settling() ? Decoder::Hint::MotionStopped : Decoder::Hint::None);
    const auto code = primary_code(codes, frame.view().width, frame.view().height);
    if (!code)
        return;
    gate_.found_code();

    // Forget codes not seen for a while, so the map stays small over days of running.
    const auto now = frame.captured();
    std::erase_if(last_seen_, [&](const auto& entry) {
        return now - entry.second > options_.debounce;
    });
    const auto [seen, first_time] = last_seen_.try_emplace(code->text, now);
    seen->second = now; // held in view: the window runs from the last sighting
    if (!first_time) {
        ++statistics_.debounced;
        return;
    }
    ++statistics_.codes;
    on_code_(*code);
}

void ScanLoop::sleep_unless_stopped(std::chrono::milliseconds duration,
                                    const std::atomic<bool>& stop)
{
    const auto until = std::chrono::steady_clock::now() + duration;
    // Waiting for a camera to come back is the loop doing its job: it keeps turning.
    while (!stop && std::chrono::steady_clock::now() < until) {
        if (on_turn_)
            on_turn_();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

bool ScanLoop::start_source(const std::atomic<bool>& stop, std::chrono::milliseconds& backoff)
{
    while (!stop) {
        try {
            source_.start();
            state_.running = true;
            state_.last_error.clear();
            report_state(true);
            log_("caméra : source démarrée (" + source_.describe() + ")");
            return true;
        } catch (const SourceError& error) {
            ++statistics_.source_failures;
            state_.running = false;
            state_.last_error = error.what();
            report_state(true);
            log_(std::string("caméra : ") + error.what() + " — nouvel essai dans " +
                 std::to_string(backoff.count()) + " ms");
            sleep_unless_stopped(backoff, stop);
            backoff = std::min(backoff * 2, options_.longest_retry);
        }
    }
    return false;
}

void ScanLoop::run(const std::atomic<bool>& stop)
{
    auto backoff = options_.first_retry;
    while (!stop) {
        if (!start_source(stop, backoff))
            break;
        bool restart = false;
        while (!stop && !restart) {
            if (on_turn_)
                on_turn_();
            auto result = source_.pull(options_.pull_timeout);
            switch (result.kind) {
            case PullResult::Kind::Frame:
                process(*result.frame);
                backoff = options_.first_retry; // frames flow again: the next failure starts small
                break;
            case PullResult::Kind::Timeout:
                break;
            case PullResult::Kind::EndOfStream:
                if (options_.at_end_of_stream == AtEndOfStream::Stop) {
                    source_.stop();
                    state_.running = false;
                    report_state(true);
                    return;
                }
                log_("caméra : fin du flux — redémarrage");
                restart = true;
                break;
            case PullResult::Kind::Error:
                ++statistics_.source_failures;
                state_.last_error = result.message;
                log_("caméra : " + result.message + " — redémarrage dans " +
                     std::to_string(backoff.count()) + " ms");
                restart = true;
                break;
            }
            report_state(false);
        }
        source_.stop();
        state_.running = false;
        report_state(true);
        if (restart) {
            sleep_unless_stopped(backoff, stop);
            backoff = std::min(backoff * 2, options_.longest_retry);
        }
    }
    source_.stop();
}

void ScanLoop::report_state(bool force)
{
    const auto now = Frame::Clock::now();
    const auto elapsed = now - last_report_;
    if (!force && elapsed < std::chrono::seconds(1))
        return;
    const double seconds = std::chrono::duration<double>(elapsed).count();
    if (seconds > 0 && last_report_ != Frame::Clock::time_point{})
        state_.frames_per_second =
            static_cast<double>(statistics_.frames - frames_at_last_report_) / seconds;
    last_report_ = now;
    frames_at_last_report_ = statistics_.frames;
    if (on_state_)
        on_state_(state_);
}

} // namespace kiosk::checkin
