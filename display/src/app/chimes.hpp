#pragma once

// Short sounds for check-in outcomes, synthesised (no sound files to ship): a rising pair of
// notes for a welcome, one middle note for "already in", a falling pair for a refusal. The
// audio device is opened on a thread of its own at the first sound, so a missing or slow
// device (a box without sound, a CI machine) never stalls or stops the board.

#include "kiosk/config/config.hpp"
#include "kiosk_display/palette.hpp"

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace kiosk_display::app {

// 16-bit mono samples at `chime_sample_rate`, exposed for tests.
inline constexpr unsigned chime_sample_rate = 44100;
[[nodiscard]] std::vector<std::int16_t> chime_samples(Tone tone);

class Chimes {
public:
    using Log = std::function<void(const std::string&)>;

    Chimes(kiosk::Sound sound, Log log);
    ~Chimes();
    Chimes(const Chimes&) = delete;
    Chimes& operator=(const Chimes&) = delete;

    // Returns at once; a sound asked for while another is pending replaces it.
    void play(Tone tone);

private:
    void run();

    kiosk::Sound sound_;
    Log log_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::optional<Tone> next_;
    bool stopping_ = false;
    std::thread thread_;
};

} // namespace kiosk_display::app
