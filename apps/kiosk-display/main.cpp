// kiosk-display: today's schedule on the entrance screen.

#include "kiosk/base/site.hpp"
#include "kiosk/config/startup.hpp"
#include "kiosk/platform/runtime.hpp"
#include "kiosk/store/store.hpp"
#include "kiosk_display/app.hpp"

#include "french_cli.hpp"
#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fmt/format.h>

namespace {

using namespace kiosk_display;

ScreenSize parse_size(const std::string& text)
{
    unsigned width = 0;
    unsigned height = 0;
    char separator = 0;
    if (std::sscanf(text.c_str(), "%u%c%u", &width, &separator, &height) != 3 ||
        (separator != 'x' && separator != 'X') || width < 320 || height < 240 || width > 8192 ||
        height > 8192)
        throw app::UserError(
            fmt::format("--size « {} » invalide : attendu LARGEURxHAUTEUR, par ex. 1920x1080", text));
    return {width, height};
}

struct RawOptions {
    std::string database;
    std::string site;
    std::string config;
    bool windowed = false;
    std::string size;
    bool portrait = false;
    std::string screenshot;
    std::string at;
    int benchmark = 0;
    int idle_seconds = 0;
    std::string dump_model;
    std::string fonts;
    std::string runtime_dir = kiosk::default_runtime_dir().string();
    unsigned page = 1;
    bool mute = false;
    std::string banner_log;
    std::string frame_capture;
};

app::Options resolve(const RawOptions& raw)
{
    app::Options options;
    if (raw.database.empty())
        throw app::UserError("aucune base indiquée : utilisez --db FICHIER ou la variable KIOSK_DB");
    options.database = raw.database;
    auto startup = kiosk::resolve_startup({raw.site, raw.config, raw.at});
    if (!startup)
        throw app::UserError(startup.error());
    const kiosk::SiteConfig& config = startup->config;
    options.site = site_settings(config);
    options.clock = startup->clock;
    options.window = raw.windowed ? app::WindowMode::Windowed : app::WindowMode::Fullscreen;
    options.orientation = config.orientation;
    if (raw.portrait)
        options.orientation = kiosk::Orientation::Portrait;
    // A size given as WxH is taken as written; --portrait turns it upright if needed.
    if (!raw.size.empty()) {
        options.size = parse_size(raw.size);
        if (raw.portrait)
            options.size = app::oriented(*options.size, kiosk::Orientation::Portrait);
        options.orientation = options.size->height > options.size->width
                                  ? kiosk::Orientation::Portrait
                                  : kiosk::Orientation::Landscape;
    }
    options.screenshot = raw.screenshot;
    options.dump_model = raw.dump_model;
    options.runtime_dir = raw.runtime_dir;
    options.fonts = app::font_directory(raw.fonts);
    options.page = raw.page - 1; // the screen says "page 1 / 2"
    options.benchmark_frames = raw.benchmark;
    options.idle_seconds = raw.idle_seconds;
    options.hours = config.hours;
    options.screen_on_before_opening = config.screen_on_before_opening;
    options.sound = raw.mute ? kiosk::Sound::Off : config.sound;
    options.banner_log = raw.banner_log;
    options.frame_capture = raw.frame_capture;
    options.each_turn = app::service_watchdog();
    return options;
}

} // namespace

int main(int argc, char** argv)
{
    CLI::App cli{"kiosk-display — le programme du jour sur l'écran d'accueil"};
    kiosk_cli::speak_french(cli);
    RawOptions raw;
    cli.add_option("--db", raw.database, "fichier de la base du site (ou KIOSK_DB)")
        ->envname("KIOSK_DB");
    cli.add_option("--site", raw.site, "site affiché (" + kiosk::known_site_ids() + ")");
    cli.add_option("--config", raw.config, "configuration du site, fichier TOML (ou KIOSK_CONFIG)")
        ->envname("KIOSK_CONFIG");
    cli.add_flag("--windowed", raw.windowed, "dans une fenêtre plutôt qu'en plein écran");
    cli.add_option("--size", raw.size, "taille LARGEURxHAUTEUR (fenêtre, capture, mesure)");
    cli.add_flag("--portrait", raw.portrait, "écran vertical (sinon selon la configuration)");
    cli.add_option("--screenshot", raw.screenshot, "dessine une image PNG du tableau et s'arrête");
    cli.add_option("--at", raw.at, "fige l'horloge à cet instant, heure de Paris : \"AAAA-MM-JJ HH:MM\"");
    cli.add_option("--benchmark", raw.benchmark, "mesure N images hors écran et affiche les temps")
        ->check(CLI::Range(1, 100000));
    cli.add_option("--idle-seconds", raw.idle_seconds,
                   "mesure le processeur consommé au repos pendant N s, puis s'arrête")
        ->check(CLI::Range(1, 3600));
    cli.add_option("--dump-model", raw.dump_model,
                   "écrit le texte affiché dans ce fichier à chaque image dessinée");
    cli.add_option("--fonts", raw.fonts, "dossier des polices (ou KIOSK_FONTS)");
    cli.add_option("--runtime-dir", raw.runtime_dir,
                   "dossier d'exécution : présence de la caméra, réveil à chaque scan, état et "
                   "image de l'écran (défaut : $RUNTIME_DIRECTORY ou /run/atelier-kiosk)")
        ->capture_default_str();
    cli.add_option("--page", raw.page,
                   "page montrée par --screenshot quand tout ne tient pas, à partir de 1")
        ->check(CLI::Range(1u, 1000u));
    cli.add_flag("--mute", raw.mute, "accueille sans les sons");
    cli.add_option("--banner-log", raw.banner_log,
                   "ajoute une ligne JSON à ce fichier pour chaque accueil, à sa première image "
                   "(mesures, tests)");
    cli.add_option("--frame-capture", raw.frame_capture,
                   "écrit en PNG chaque image qui montre un nouvel accueil (tests ; lent)");

    try {
        cli.parse(argc, argv);
        const app::Options options = resolve(raw);
        // SFML aborts the process without an X server; say so plainly instead.
        if (const char* display = std::getenv("DISPLAY"); display == nullptr || *display == '\0')
            throw std::runtime_error("aucun écran X (DISPLAY n'est pas défini) ; sur une machine "
                                     "sans écran, utilisez xvfb-run pour --screenshot");
        if (!options.screenshot.empty())
            return app::take_screenshot(options);
        if (options.benchmark_frames > 0)
            return app::run_benchmark(options);
        return app::run_live(options);
    } catch (const CLI::ParseError& error) {
        return kiosk_cli::exit_in_french(cli, error, "kiosk-display", 2);
    } catch (const app::UserError& error) {
        fmt::print(stderr, "kiosk-display : {}\n", error.what());
        return 2;
    } catch (const kiosk_display::FontError& error) {
        fmt::print(stderr, "kiosk-display : {}\n", error.what());
    } catch (const std::exception& error) {
        fmt::print(stderr, "kiosk-display : {}\n", kiosk::failure_message(error));
    }
    return 1;
}
