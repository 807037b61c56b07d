// The board on its screen: redraws only when the picture would change (the data, the minute,
// the page, the camera's state, a greeting, the window), and otherwise sleeps until a scan
// arrives or a banner's time is up, so an idle board costs almost nothing and a visitor is
// greeted at once. After a frame drawn, it pictures its screen now and then (proof of display).

#include "board_screen.hpp"
#include "greeter.hpp"
#include "kiosk_display/app.hpp"
#include "proof_of_display.hpp"
#include "screen_switch.hpp"

#include <SFML/Graphics/Image.hpp>
#include <SFML/Graphics/RenderWindow.hpp>
#include <SFML/Window/Event.hpp>
#include <chrono>
#include <csignal>
#include <fmt/format.h>
#include <iostream>
#include <sys/resource.h>
#include <thread>

namespace kiosk_display::app {
namespace {

// systemd stops us with SIGTERM: close the window and return normally.
volatile std::sig_atomic_t stop_requested = 0;
extern "C" void request_stop(int) { stop_requested = 1; }

void open_window(sf::RenderWindow& window, const Options& options)
{
    const char* title = "Atelier numérique — tableau";
    if (options.window == WindowMode::Fullscreen) {
        window.create(sf::VideoMode::getDesktopMode(), utf8(title), sf::Style::Fullscreen);
        window.setMouseCursorVisible(false);
    } else {
        const ScreenSize size =
            options.size ? *options.size : oriented({1280, 720}, options.orientation);
        window.create(sf::VideoMode(size.width, size.height), utf8(title),
                      sf::Style::Titlebar | sf::Style::Close);
        window.setMouseCursorVisible(false); // the board is read, never pointed at
    }
}

// The layout's size, and a view that turns it a quarter when a portrait board runs on a
// screen the system still sees as landscape (a monitor turned on its side).
ScreenSize fit_view(sf::RenderWindow& window, const Options& options)
{
    const auto window_size = window.getSize();
    ScreenSize screen{window_size.x, window_size.y};
    sf::View view(sf::FloatRect(0, 0, static_cast<float>(screen.width),
                                static_cast<float>(screen.height)));
    if (options.window == WindowMode::Fullscreen && !options.size &&
        options.orientation == kiosk::Orientation::Portrait && screen.width > screen.height) {
        screen = {window_size.y, window_size.x};
        view.reset(sf::FloatRect(0, 0, static_cast<float>(screen.width),
                                 static_cast<float>(screen.height)));
        // SFML scales a view along the window's axes after turning it: the size is the
        // window's, or the board comes out stretched across and cut at both ends.
        view.setSize(static_cast<float>(window_size.x), static_cast<float>(window_size.y));
        view.setRotation(90);
    }
    window.setView(view);
    return screen;
}

// Replaces `file` at once, so a reader never sees half a picture.
void save_frame(const sf::Image& frame, const std::filesystem::path& file)
{
    const auto partial = file.parent_path() / (".partial-" + file.filename().string());
    if (!frame.saveToFile(partial.string()))
        throw std::runtime_error("impossible d'écrire " + file.string());
    std::filesystem::rename(partial, file);
}

double cpu_seconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    auto seconds = [](timeval time) {
        return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

} // namespace

int run_live(const Options& options)
{
    const Fonts fonts(options.fonts);
    sf::RenderWindow window;
    open_window(window, options);
    BoardScreen board(options, fonts, fit_view(window, options));
    Greeter& greeter = board.greeter();
    const auto log = [](const std::string& line) {
        std::cerr << "kiosk-display : " << line << '\n';
    };
    ScreenSwitch screen_switch(log);
    ProofOfDisplay proof(options.runtime_dir, log);

    const auto started = SteadyClock::now();
    bool idle_measuring = false;
    double idle_cpu_start = 0;
    auto idle_start = started;

    std::signal(SIGTERM, request_stop);
    std::signal(SIGINT, request_stop);
    while (window.isOpen()) {
        if (options.each_turn)
            options.each_turn();
        if (stop_requested != 0) {
            window.close();
            break;
        }
        sf::Event event;
        while (window.pollEvent(event)) {
            if (event.type == sf::Event::Closed ||
                (event.type == sf::Event::KeyPressed && event.key.code == sf::Keyboard::Escape &&
                 options.window == WindowMode::Windowed))
                window.close();
            else if (event.type == sf::Event::Resized)
                board.resize(fit_view(window, options));
            else if (event.type == sf::Event::GainedFocus)
                board.redraw_next_turn();
        }
        if (!window.isOpen())
            break;

        const auto tick = SteadyClock::now();
        const TurnResult result = board.turn(window, tick);
        screen_switch.set(board.power());
        proof.turn(board.power(), tick);
        if (result == TurnResult::ScreenOff) {
            greeter.wait(tick, std::chrono::milliseconds{250});
            continue;
        }
        if (result == TurnResult::Drawn) {
            const bool greeting = greeter.has_new_banners();
            sf::Image frame;
            if (greeting && !options.frame_capture.empty())
                frame = capture(window);
            proof.drawn(window, greeting ? NewGreeting::Yes : NewGreeting::No);
            window.display();
            if (greeting) {
                const auto shown_at = std::chrono::system_clock::now();
                // The picture first: whoever reads the log line finds the frame it names.
                if (!options.frame_capture.empty())
                    save_frame(frame, options.frame_capture);
                greeter.frame_shown(shown_at);
            }
            if (!options.dump_model.empty())
                dump_layout(options.dump_model, board.layout());
        } else if (proof.wants_redraw(tick)) {
            board.redraw_next_turn(); // a change held back, or a minute: drawn again, pictured
        } else {
            greeter.wait(tick, std::chrono::milliseconds{50});
        }

        if (options.idle_seconds > 0) {
            if (!idle_measuring && tick - started >= std::chrono::seconds{2}) {
                idle_measuring = true; // after start-up work: only the idle loop is measured
                idle_cpu_start = cpu_seconds();
                idle_start = tick;
            } else if (idle_measuring && tick - idle_start >= std::chrono::seconds{options.idle_seconds}) {
                const double wall = std::chrono::duration<double>(tick - idle_start).count();
                const double cpu = cpu_seconds() - idle_cpu_start;
                fmt::print("idle: {:.1f} s wall, {:.3f} s CPU, {:.2f} % of a core\n", wall, cpu,
                           100.0 * cpu / wall);
                window.close();
            }
        }
    }
    return 0;
}

} // namespace kiosk_display::app
