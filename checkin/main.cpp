// kiosk-checkin: reads tickets from the camera beside the board and checks visitors in.
//   kiosk-checkin --db FILE --site S [--camera DEV | --pipeline P | --images PATH…]
//   kiosk-checkin decode [--json] FILE…

#include "kiosk/runtime.hpp"
#include "kiosk_checkin/decoder.hpp"
#include "kiosk_checkin/frame_source.hpp"

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
            for (const auto& code : kiosk::checkin::read_codes(frame.view())) {
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
    auto* decode = app.add_subcommand("decode", "lit les QR codes d'images (une ligne par code)");
    std::vector<std::string> files;
    bool json = false;
    decode->add_option("files", files, "images PNG ou JPEG")->required();
    decode->add_flag("--json", json, "une ligne JSON {\"file\", \"text\"} par code");
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return app.exit(error) == 0 ? 0 : 2;
    }
    if (*decode)
        return decode_files(files, json);
    return 0;
}
