#include "commands.hpp"
#include "kiosk/platform/bundled_files.hpp"
#include "kiosk/sync/sync.hpp"
#include "kiosk_console/console.hpp"

#include <charconv>
#include <csignal>
#include <fmt/format.h>
#include <pthread.h>
#include <thread>

namespace kioskctl {
namespace {

struct ServeOptions {
    std::string listen = "127.0.0.1:8443";
    int http_port = -1;
    std::string certificate, key, assets, site, runtime_dir, fonts;
    bool office = false;
    double header_seconds = 10;
    std::size_t per_address = 8;
};

std::pair<std::string, int> parse_listen(const std::string& text)
{
    const auto colon = text.rfind(':');
    int port = -1;
    if (colon != std::string::npos) {
        const char* begin = text.data() + colon + 1;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(begin, end, port);
        if (error != std::errc{} || stop != end)
            port = -1;
    }
    if (colon == std::string::npos || colon == 0 || port < 0 || port > 65535)
        throw UserError(fmt::format("--listen : « {} » n'est pas ADRESSE:PORT (127.0.0.1:8443, "
                                    "0.0.0.0:8443 pour le réseau du site)",
                                    text));
    std::string host = text.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    return {host, port};
}

} // namespace

void add_serve_command(CLI::App& app, Context& context)
{
    auto options = std::make_shared<ServeOptions>();
    auto* serve = app.add_subcommand(
        "serve", "sert la console du personnel en HTTPS (téléphone, ordinateur du site)");
    serve->add_option("--listen", options->listen,
                      "ADRESSE:PORT (défaut : 127.0.0.1:8443, cet appareil seulement)");
    serve->add_option("--http-port", options->http_port,
                      "port en clair qui ne sert qu'à indiquer l'adresse HTTPS (défaut : aucun)");
    serve->add_option("--cert", options->certificate,
                      "certificat PEM (défaut : console-cert.pem à côté de la base ; créé s'il "
                      "manque, avec la clé)");
    serve->add_option("--key", options->key, "clé privée PEM (défaut : console-key.pem)");
    serve->add_option("--assets", options->assets,
                      "dossier des fichiers de la console (défaut : celui du programme)");
    serve->add_option("--site", options->site, "site (défaut : celui de --config)");
    serve->add_flag("--office", options->office,
                    "la console du siège : l'état et la présence des quatre sites, d'après la "
                    "synchronisation");
    serve->add_option("--runtime-dir", options->runtime_dir,
                      "où la caméra écrit son état, pour la page « État » (défaut : "
                      "/run/atelier-kiosk)");
    serve->add_option("--fonts", options->fonts,
                      "dossier des polices des graphiques (ou KIOSK_FONTS)");
    serve->add_option("--header-deadline", options->header_seconds,
                      "secondes laissées à un client entre le début de sa connexion chiffrée et "
                      "la fin de ses en-têtes (défaut : 10)")
        ->check(CLI::Range(0.1, 300.0));
    serve->add_option("--connections-per-address", options->per_address,
                      "connexions simultanées au plus par adresse de client (défaut : 8)")
        ->check(CLI::Range(1, 1000));
    serve->callback([options, &context] {
        kiosk_console::ConsoleOptions console;
        console.database = context.database_path();
        {
            // Opening once checks the file before any browser comes: a wrong path fails now.
            auto store = context.open_store(kiosk::Access::ReadWrite);
            if (options->office) {
                const auto identity = kiosk::Sync(store).identity();
                if (!identity || identity->name != kiosk::office_name)
                    throw UserError("--office : cette base n'est pas celle du siège (son identité "
                                    "de synchronisation n'est pas « office »)");
            }
        }
        if (options->office)
            console.place = kiosk_console::Place::Office;
        else
            console.site = context.site(options->site);
        console.config = context.config();
        std::tie(console.host, console.port) = parse_listen(options->listen);
        if (options->http_port >= 0)
            console.plain_port = options->http_port;
        const auto folder = std::filesystem::absolute(console.database).parent_path();
        console.certificate = options->certificate.empty()
                                  ? folder / "console-cert.pem"
                                  : std::filesystem::path(options->certificate);
        console.private_key =
            options->key.empty() ? folder / "console-key.pem" : std::filesystem::path(options->key);
        console.assets =
            kiosk::bundled_directory("console", options->assets, "KIOSK_CONSOLE_ASSETS");
        console.clock = context.clock();
        console.runtime_dir = runtime_dir_option(options->runtime_dir);
        console.fonts = options->fonts;
        console.header_deadline = std::chrono::milliseconds(
            static_cast<long long>(options->header_seconds * 1000));
        console.connections_per_address = options->per_address;

        // A browser or a site that goes away while its answer is written (a site's agent cuts
        // its held request whenever it has something to send) must not kill the server.
        std::signal(SIGPIPE, SIG_IGN);
        // Signals are taken by one thread with sigwait, which may stop the server safely.
        sigset_t signals;
        sigemptyset(&signals);
        sigaddset(&signals, SIGINT);
        sigaddset(&signals, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &signals, nullptr);

        kiosk_console::Console server(std::move(console));
        const int port = server.bind();
        fmt::print("console : https://{}:{}/\n", parse_listen(options->listen).first, port);
        if (server.plain_port() > 0)
            fmt::print("en clair (renvoie vers HTTPS) : {}\n", server.plain_port());
        std::fflush(stdout);
        std::thread waiter([&server, signals] {
            int received = 0;
            sigwait(&signals, &received);
            server.stop();
        });
        server.run();
        // run() returned on its own (a failure): wake the waiter so it can finish.
        pthread_kill(waiter.native_handle(), SIGTERM);
        waiter.join();
    });
}

} // namespace kioskctl
