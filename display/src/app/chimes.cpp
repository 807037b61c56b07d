#include "chimes.hpp"

#include <SFML/Audio/Sound.hpp>
#include <SFML/Audio/SoundBuffer.hpp>
#include <array>
#include <cmath>
#include <map>
#include <numbers>

namespace kiosk_display::app {
namespace {

struct Note {
    double frequency; // Hz
    double seconds;
};

std::vector<Note> notes_for(Tone tone)
{
    switch (tone) {
    case Tone::Go:
        return {{659.25, 0.11}, {880.0, 0.16}}; // E5 then A5: rising, friendly
    case Tone::Caution:
        return {{523.25, 0.22}}; // C5 alone: noticed, not alarming
    case Tone::Stop:
        return {{392.0, 0.14}, {261.63, 0.22}}; // G4 then C4: falling
    default:
        return {};
    }
}

} // namespace

std::vector<std::int16_t> chime_samples(Tone tone)
{
    std::vector<std::int16_t> samples;
    const double rate = chime_sample_rate;
    for (const Note& note : notes_for(tone)) {
        const auto count = static_cast<std::size_t>(note.seconds * rate);
        for (std::size_t i = 0; i < count; ++i) {
            const double t = static_cast<double>(i) / rate;
            // A 5 ms attack and an exponential decay: a soft bell, no click at either end.
            const double attack = std::min(1.0, t / 0.005);
            const double decay = std::exp(-t * 9.0) * (1.0 - static_cast<double>(i) / static_cast<double>(count));
            const double wave = std::sin(2 * std::numbers::pi * note.frequency * t) +
                                0.25 * std::sin(4 * std::numbers::pi * note.frequency * t);
            samples.push_back(static_cast<std::int16_t>(9000.0 * attack * decay * wave));
        }
    }
    return samples;
}

Chimes::Chimes(kiosk::Sound sound, Log log) : sound_(sound), log_(std::move(log)) {}

Chimes::~Chimes()
{
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable())
        thread_.join();
}

void Chimes::play(Tone tone)
{
    if (sound_ == kiosk::Sound::Off)
        return;
    {
        std::lock_guard lock(mutex_);
        next_ = tone;
        if (!thread_.joinable())
            thread_ = std::thread([this] { run(); });
    }
    wake_.notify_all();
}

void Chimes::run()
{
    // Opening the device happens here, with the first buffer: whatever it costs or fails,
    // the board's loop is not waiting for it.
    std::map<Tone, sf::SoundBuffer> buffers;
    for (const Tone tone : {Tone::Go, Tone::Caution, Tone::Stop}) {
        const auto samples = chime_samples(tone);
        if (!buffers[tone].loadFromSamples(samples.data(), samples.size(), 1, chime_sample_rate)) {
            log_("sons indisponibles : le tableau accueille sans son");
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_; });
            return;
        }
    }
    sf::Sound sound;
    std::unique_lock lock(mutex_);
    while (true) {
        wake_.wait(lock, [this] { return stopping_ || next_; });
        if (stopping_)
            break;
        const Tone tone = *std::exchange(next_, std::nullopt);
        lock.unlock();
        sound.stop();
        sound.setBuffer(buffers[tone]);
        sound.play();
        lock.lock();
    }
    lock.unlock();
    sound.stop();
}

} // namespace kiosk_display::app
