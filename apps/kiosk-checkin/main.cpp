// kiosk-checkin: reads tickets from the camera beside the board and checks visitors in.
//   kiosk-checkin --db FILE --site S [--camera DEV | --pipeline P | --images PATH… | --lines F]
//   kiosk-checkin decode [--json] FILE…

#include "kiosk/store/store.hpp"
#include "kiosk_checkin/decoder.hpp"
#include "kiosk_checkin/frame_source.hpp"
#include "kiosk_checkin/scanner.hpp"

#include "french_cli.hpp"
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace {

// One line per code found; nothing for an image without one. Exit 2 when a file is unreadable.
int decode_files(const std::vector<std::string>& files, bool json)
{
    int status = 0;
    for (const auto& file : files) {
        try {
            const auto frame = kiosk::checkin::load_image(file);
            kiosk::checkin::Decoder decoder;
            for (const auto& code : decoder.read(frame.view()).codes) {
                if (json)
                    fmt::print("{}\n", nlohmann::json{{"file", file}, {"text", code.text}}.dump());
                else
                    fmt::print("{}: {}\n", file, code.text);
            }
        } catch (const kiosk::checkin::SourceError& error) {
            fmt::print(stderr, "kiosk-checkin : {}\n", error.what());
            status = 2;
        }
    }
    return status;
}

} // namespace

int main(int argc, char** argv)
{
    CLI::App app{"kiosk-checkin — lecture des billets par la caméra de l'accueil"};
    kiosk_cli::speak_french(app);
    kiosk::checkin::ScanOptions scan;
    app.add_option("--db", scan.database, "base du site (ou KIOSK_DB)")->envname("KIOSK_DB");
    app.add_option("--site", scan.site, "site de ce kiosque (défaut : celui de --config)");
    app.add_option("--config", scan.config, "configuration du site (ou KIOSK_CONFIG)")
        ->envname("KIOSK_CONFIG");
    app.add_option("--device", scan.device, "nom de ce lecteur, enregistré avec chaque scan");
    auto* camera = app.add_option("--camera", scan.camera,
                                  "caméra V4L2, de préférence /dev/v4l/by-id/…");
    auto* pipeline = app.add_option("--pipeline", scan.pipeline,
                                    "pipeline GStreamer complet (ex. libcamerasrc)");
    auto* images = app.add_option("--images", scan.images, "images ou dossiers d'images");
    auto* lines = app.add_option("--lines", scan.lines,
                                 "codes lus ligne par ligne (lecteur à main, fichier ; - pour "
                                 "l'entrée standard), jusqu'à la fin");
    camera->excludes(pipeline)->excludes(images)->excludes(lines);
    pipeline->excludes(images)->excludes(lines);
    images->excludes(lines);
    app.add_flag("--until-end", scan.until_end,
                 "enregistrement : lire chaque image et s'arrêter à la fin");
    app.add_option("--runtime-dir", scan.runtime_dir,
                   "dossier d'exécution (état de la caméra, réveil du tableau) ; défaut "
                   "$RUNTIME_DIRECTORY ou /run/atelier-kiosk");
    app.add_option("--debounce-ms", scan.debounce_ms,
                   "un même code revu dans ce délai est ignoré (défaut 3000)");
    app.add_option("--at", scan.at, "fige l'horloge : \"AAAA-MM-JJ HH:MM\" (heure de Paris)");
    auto* decode = app.add_subcommand("decode", "lit les QR codes d'images (une ligne par code)");
    std::vector<std::string> files;
    bool json = false;
    decode->add_option("files", files, "images PNG ou JPEG")->required();
    decode->add_flag("--json", json, "une ligne JSON {\"file\", \"text\"} par code");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return kiosk_cli::exit_in_french(app, error, "kiosk-checkin", 2);
    }
    if (*decode)
        return decode_files(files, json);
    try {
        return kiosk::checkin::run_scanner(scan);
    } catch (const std::exception& error) {
        // Bad options and a broken environment alike: say what, exit non-zero so systemd
        // restarts us after its back-off.
        fmt::print(stderr, "kiosk-checkin : {}\n", kiosk::failure_message(error));
        return 2;
    }
}
