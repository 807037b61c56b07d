#include "proof_of_display.hpp"

#include "kiosk/platform/runtime.hpp"

#include <SFML/Graphics/Texture.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <unistd.h>

namespace kiosk_display::app {
namespace {

using RealClock = std::chrono::system_clock;

// A heartbeat every few seconds: the readers call a board hung after several missed.
constexpr std::chrono::seconds beat_every{5};

// The portrait board on a screen the system sees as landscape is drawn turned a quarter
// counter-clockwise (fit_view's rotation of 90°): turned clockwise, it reads upright again.
sf::Image turned_clockwise(const sf::Image& image)
{
    const auto size = image.getSize();
    sf::Image turned;
    turned.create(size.y, size.x);
    for (unsigned y = 0; y < size.x; ++y)
        for (unsigned x = 0; x < size.y; ++x)
            turned.setPixel(x, y, image.getPixel(y, size.y - 1 - x));
    return turned;
}

} // namespace

sf::Image capture(const sf::RenderWindow& window)
{
    sf::Texture texture;
    if (!texture.create(window.getSize().x, window.getSize().y))
        return {};
    texture.update(window);
    return texture.copyToImage();
}

ProofOfDisplay::ProofOfDisplay(std::filesystem::path runtime_dir, Log log)
    : runtime_dir_(std::move(runtime_dir))
    , log_(std::move(log))
{
    heartbeat_.pid = getpid();
    heartbeat_.started = RealClock::now();
    writer_ = std::thread([this] { write_pictures(); });
}

ProofOfDisplay::~ProofOfDisplay()
{
    {
        const std::lock_guard lock(frame_mutex_);
        stopping_ = true;
    }
    frame_ready_.notify_one();
    writer_.join();
}

void ProofOfDisplay::turn(ScreenPower power, SteadyClock::time_point tick)
{
    if (power_ == power && tick - last_beat_ < beat_every)
        return;
    power_ = power;
    last_beat_ = tick;
    const std::lock_guard lock(state_mutex_);
    heartbeat_.heartbeat = RealClock::now();
    heartbeat_.screen_on = power == ScreenPower::On;
    write_heartbeat();
}

void ProofOfDisplay::drawn(const sf::RenderWindow& window, NewGreeting greeting)
{
    // Now, not the turn's start: the frame was drawn since, and pictures are spaced by when
    // their frames reached the screen.
    const auto now = SteadyClock::now();
    if (schedule_.drawn(now, greeting) == Capture::No)
        return;
    schedule_.taken(now);
    const auto shown_at = RealClock::now();
    Frame frame{capture(window), shown_at, window.getView().getRotation() == 90};
    if (frame.image.getSize().x == 0)
        return;
    {
        const std::lock_guard lock(frame_mutex_);
        frame_ = std::move(frame);
    }
    frame_ready_.notify_one();
}

bool ProofOfDisplay::wants_redraw(SteadyClock::time_point tick) const
{
    return schedule_.wants_redraw(tick);
}

void ProofOfDisplay::write_pictures()
{
    const auto file = kiosk::board_picture_path(runtime_dir_);
    // The extension tells SFML the format; the dot keeps it out of the readers' way.
    const auto partial = runtime_dir_ / ".partial-board.png";
    for (;;) {
        Frame frame;
        {
            std::unique_lock lock(frame_mutex_);
            frame_ready_.wait(lock, [this] { return stopping_ || frame_; });
            if (stopping_)
                return;
            frame = std::move(*frame_);
            frame_.reset();
        }
        const sf::Image upright = frame.turned ? turned_clockwise(frame.image) : frame.image;
        const sf::Image picture = scaled_to_width(upright, kiosk::board_picture_width);
        try {
            if (!picture.saveToFile(partial.string()))
                throw std::runtime_error("impossible d'écrire " + partial.string());
            const auto bytes = std::filesystem::file_size(partial);
            // A board of solid noise could outgrow what readers take: that one is not kept.
            if (bytes > kiosk::largest_board_picture) {
                std::filesystem::remove(partial);
                throw std::runtime_error(fmt::format("image de {} octets, plus que les {} admis",
                                                     bytes, kiosk::largest_board_picture));
            }
            std::filesystem::rename(partial, file);
        } catch (const std::exception& error) {
            const std::lock_guard lock(state_mutex_);
            report("image de l'écran non écrite", error);
            continue;
        }
        const std::lock_guard lock(state_mutex_);
        heartbeat_.picture_at = frame.shown_at;
        heartbeat_.picture_width = picture.getSize().x;
        heartbeat_.picture_height = picture.getSize().y;
        heartbeat_.heartbeat = RealClock::now();
        write_heartbeat();
    }
}

void ProofOfDisplay::write_heartbeat()
{
    try {
        kiosk::write_file_atomically(kiosk::board_status_path(runtime_dir_),
                                     nlohmann::ordered_json(heartbeat_).dump() + "\n");
        if (!problem_said_.empty()) {
            log_("état du tableau de nouveau écrit dans " + runtime_dir_.string());
            problem_said_.clear();
        }
    } catch (const std::exception& error) {
        report("état du tableau non écrit", error);
    }
}

void ProofOfDisplay::report(const std::string& what, const std::exception& error)
{
    // Said once, not every five seconds; said again if it changes.
    const std::string line =
        fmt::format("{} dans {} : {}", what, runtime_dir_.string(), error.what());
    if (line != problem_said_)
        log_(line);
    problem_said_ = line;
}

} // namespace kiosk_display::app
