#include "server_parts.hpp"

#include <fmt/format.h>
#include <fstream>
#include <regex>
#include <sstream>

namespace kiosk_console {

std::map<std::string, Asset> load_assets(const std::filesystem::path& folder)
{
    static const std::map<std::string, std::string> types{
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"}};
    static const std::regex plain_name("[a-z0-9-]+\\.[a-z]+");
    if (!std::filesystem::is_directory(folder))
        throw std::runtime_error(
            fmt::format("{} : dossier des fichiers de la console introuvable", folder.string()));
    std::map<std::string, Asset> assets;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
        const std::string name = entry.path().filename().string();
        const auto type = types.find(entry.path().extension().string());
        if (!entry.is_regular_file() || type == types.end() ||
            !std::regex_match(name, plain_name))
            continue;
        std::ifstream file(entry.path(), std::ios::binary);
        std::ostringstream content;
        content << file.rdbuf();
        assets[name] = {content.str(), type->second};
    }
    if (!assets.count("console.css"))
        throw std::runtime_error(
            fmt::format("{} : console.css manquant", (folder / "console.css").string()));
    return assets;
}

void add_security_headers(httplib::Response& response)
{
    response.set_header("Strict-Transport-Security", "max-age=31536000");
    response.set_header("Content-Security-Policy",
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; "
                        "script-src 'self'; frame-ancestors 'none'; form-action 'self'; "
                        "base-uri 'none'");
    response.set_header("X-Content-Type-Options", "nosniff");
    response.set_header("Referrer-Policy", "no-referrer");
    response.set_header("X-Frame-Options", "DENY");
}

} // namespace kiosk_console
