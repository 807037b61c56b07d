// The live link from the command line: the office invites a site, the site joins, the site's
// agent runs, the office retires a lost device and rolls its console's certificate.

#include "commands.hpp"
#include "kiosk/base/site.hpp"
#include "kiosk/platform/service_notifier.hpp"
#include "kiosk/sync/link.hpp"
#include "kiosk/sync/sync.hpp"
#include "kiosk/tickets/trusted_keys.hpp"
#include "kiosk_console/console.hpp"
#include "kiosk_link/agent.hpp"
#include "kiosk_link/office_client.hpp"

#include <atomic>
#include <cstdlib>
#include <csignal>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <fstream>
#include <memory>
#include <sstream>

namespace kioskctl {
namespace {

std::string read_text(const std::filesystem::path& path)
{
    std::ifstream in(path);
    if (!in)
        throw UserError(fmt::format("{} illisible", path.string()));
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::filesystem::path beside_database(const Context& context, const std::string& name)
{
    return std::filesystem::absolute(context.database_path()).parent_path() / name;
}

void invite_command(CLI::App& group, Context& context)
{
    struct Options {
        std::string site, url, certificate, key;
    };
    auto options = std::make_shared<Options>();
    auto* command = group.add_subcommand(
        "invite", "au siège : une ligne à donner à un site pour qu'il rejoigne le siège (code à "
                  "usage unique, valable 24 h)");
    command->add_option("--site", options->site, "le site invité")->required();
    command->add_option("--url", options->url,
                        "adresse de la console du siège vue des sites (défaut : https://NOM:8443, "
                        "NOM étant celui de cette machine)");
    command->add_option("--cert", options->certificate,
                        "certificat de la console (défaut : console-cert.pem à côté de la base)");
    command->add_option("--key", options->key, "sa clé (défaut : console-key.pem)");
    command->callback([options, &context] {
        const std::string site = context.site(options->site);
        const std::filesystem::path certificate = options->certificate.empty()
                                                      ? beside_database(context, "console-cert.pem")
                                                      : std::filesystem::path(options->certificate);
        const std::filesystem::path key = options->key.empty()
                                              ? beside_database(context, "console-key.pem")
                                              : std::filesystem::path(options->key);
        kiosk_console::ensure_certificate_files(certificate, key, context.clock().now());
        const auto fingerprint = kiosk_link::certificate_fingerprint(read_text(certificate));
        if (!fingerprint)
            throw UserError(fmt::format("{} n'est pas un certificat PEM", certificate.string()));
        const std::string url = options->url.empty()
                                    ? fmt::format("https://{}:8443", kiosk_console::machine_name())
                                    : options->url;
        if (!url.starts_with("https://") || url.find_first_of(" ?#", 8) != std::string::npos)
            throw UserError(fmt::format("--url « {} » : attendu https://NOM:PORT", url));
        auto store = context.open_store(kiosk::Access::ReadWrite);
        const auto code = store.write([&] {
            auto made = kiosk::Link(store).invite(site, context.now());
            if (made)
                context.audit(store, "sync.invite", site, "", "");
            return made;
        });
        if (!code)
            throw UserError(code.error());
        fmt::print("{}\n", kiosk::format_invitation({url, *fingerprint, *code}));
        fmt::print(stderr,
                   "à donner au site {} (valable 24 h, une seule fois) ; là-bas : kioskctl sync "
                   "join \"LIGNE\"\n",
                   kiosk::site_name(site));
    });
}

void join_command(CLI::App& group, Context& context)
{
    struct Options {
        std::string line, site, key;
    };
    auto options = std::make_shared<Options>();
    auto* command = group.add_subcommand(
        "join", "au site : rejoint le siège avec la ligne donnée par « kioskctl sync invite »");
    command->add_option("invitation", options->line, "la ligne d'invitation")->required();
    command->add_option("--site", options->site, "ce site (défaut : celui de --config)");
    command->add_option("--key", options->key,
                        "clé de l'appareil (défaut : celle de l'identité de la base, sinon "
                        "appareil.key à côté de la base, créée si elle manque)");
    command->callback([options, &context] {
        const std::string site = context.site(options->site);
        const auto invitation = kiosk::parse_invitation(options->line);
        if (!invitation)
            throw UserError(invitation.error());
        auto store = context.open_store(kiosk::Access::ReadWrite);

        // The certificate first, checked against the invitation before anything is sent.
        const auto certificate = kiosk_link::OfficeClient::fetch_certificate(invitation->url);
        if (!certificate)
            throw UserError(certificate.error().message);
        if (kiosk_link::certificate_fingerprint(*certificate) != invitation->fingerprint)
            throw UserError(fmt::format(
                "le certificat que présente {} n'est pas celui de l'invitation (empreinte "
                "attendue {}) : rien n'a été envoyé ; vérifiez l'adresse, ou demandez une "
                "nouvelle invitation",
                invitation->url, invitation->fingerprint));

        // The device key: the one the database already signs with, else a file beside it.
        kiosk::Sync sync(store);
        std::filesystem::path key_file = options->key;
        if (key_file.empty()) {
            const auto identity = sync.identity();
            key_file = identity && identity->name == site
                           ? identity->key_file
                           : beside_database(context, "appareil.key");
        }
        if (!std::filesystem::exists(key_file)) {
            const auto saved = kiosk::SigningKey::generate().save_new(key_file);
            if (!saved)
                throw UserError(saved.error());
        }
        const auto device = kiosk::SigningKey::load(key_file);
        if (!device)
            throw UserError(device.error());

        kiosk_link::OfficeClient office(invitation->url, *certificate);
        const auto answer = office.join(site, invitation->code, device->public_key());
        if (!answer)
            throw UserError(answer.error().message);
        store.write([&] {
            for (const auto& key : answer->office_keys)
                (void)kiosk::TrustedKeys(store).trust(key, context.now());
            const auto identity = sync.set_identity(site, key_file, context.now());
            if (!identity)
                throw UserError(identity.error());
            kiosk::Link(store).set_office(
                {invitation->url, *certificate, invitation->fingerprint, context.now()});
            context.audit(store, "sync.join", site, "",
                          nlohmann::ordered_json{{"office", invitation->url},
                                                 {"device", device->public_key().id().to_string()}}
                              .dump());
        });
        fmt::print("{} a rejoint le siège {} : appareil {} ({}), {} clé(s) du siège approuvée(s)\n",
                   kiosk::site_name(site), invitation->url, device->public_key().id().to_string(),
                   key_file.string(), answer->office_keys.size());
        fmt::print("l'échange se fait seul avec « kioskctl sync run » (le service atelier-sync)\n");
    });
}

std::atomic<bool> stop_requested{false};
extern "C" void request_stop(int) { stop_requested = true; }

void run_command(CLI::App& group, Context& context)
{
    struct Options {
        std::string runtime_dir;
        bool once = false;
        int hold = 25;
    };
    auto options = std::make_shared<Options>();
    auto* command = group.add_subcommand(
        "run", "au site : échange avec le siège en continu (envoie ce qui change ici, applique "
               "ce qui change là-bas), jusqu'à l'arrêt");
    command->add_flag("--once", options->once, "un seul échange, puis s'arrête (scripts, tests)");
    command
        ->add_option("--hold", options->hold,
                     "secondes que le siège peut garder une requête en attendant du nouveau "
                     "(défaut 25)")
        ->check(CLI::Range(0, 25));
    command->add_option("--runtime-dir", options->runtime_dir,
                        "où écrire l'état du lien (sync.json) et lire celui de la caméra "
                        "(défaut : $RUNTIME_DIRECTORY ou /run/atelier-kiosk)");
    command->callback([options, &context] {
        // A request cut on purpose (a change to send, or a stop) must not kill the agent with
        // SIGPIPE when the TLS layer writes to the closed socket: the failure is a value.
        std::signal(SIGPIPE, SIG_IGN);
        kiosk_link::AgentOptions agent;
        agent.database = context.database_path();
        agent.runtime_dir = runtime_dir_option(options->runtime_dir);
        std::error_code ignored;
        std::filesystem::create_directories(agent.runtime_dir, ignored);
        agent.clock = context.clock();
        agent.hold = std::chrono::seconds{options->hold};
        agent.log = [](const std::string& line) {
            fmt::print(stderr, "kioskctl sync run : {}\n", line);
            std::fflush(stderr);
        };
        if (options->once) {
            kiosk_link::Agent once(agent);
            const auto report = once.exchange(std::chrono::seconds{0});
            if (!report)
                throw UserError(report.error());
            fmt::print("échange avec le siège : {} ligne(s) envoyée(s) ({} octets), {} reçue(s) "
                       "({} octets)\n",
                       report->sent_rows, report->bytes_sent, report->received_rows,
                       report->bytes_received);
            return;
        }
        auto notifier =
            std::make_shared<kiosk::ServiceNotifier>(kiosk::ServiceNotifier::from_environment());
        agent.each_turn = [notifier] { notifier->loop_turned(std::chrono::steady_clock::now()); };
        struct sigaction action {};
        action.sa_handler = request_stop;
        sigemptyset(&action.sa_mask);
        sigaction(SIGTERM, &action, nullptr);
        sigaction(SIGINT, &action, nullptr);
        agent.log(fmt::format("lien avec le siège, base {}", agent.database.string()));
        kiosk_link::Agent(agent).run(stop_requested);
        notifier->stopping();
        agent.log("arrêt");
    });
}

void retire_command(CLI::App& group, Context& context)
{
    struct Options {
        std::string site, device;
    };
    auto options = std::make_shared<Options>();
    auto* command = group.add_subcommand(
        "retire", "au siège : retire l'appareil d'un site (perdu, volé) : ses requêtes sont "
                  "refusées, rien ne lui est plus envoyé");
    command->add_option("--site", options->site, "le site")->required();
    command
        ->add_option("--device", options->device,
                     "clé de l'appareil, 8 chiffres hexadécimaux (kioskctl sync status)")
        ->required();
    command->callback([options, &context] {
        const std::string site = context.site(options->site);
        const auto device = kiosk::KeyId::parse(options->device);
        if (!device)
            throw UserError(
                fmt::format("--device « {} » : 8 chiffres hexadécimaux attendus", options->device));
        auto store = context.open_store(kiosk::Access::ReadWrite);
        const auto retired = store.write([&] {
            auto done = kiosk::Link(store).retire_device(site, *device, context.now());
            if (done)
                context.audit(store, "sync.device_retired", site, "",
                              nlohmann::ordered_json{{"device", device->to_string()}}.dump());
            return done;
        });
        if (!retired)
            throw UserError(retired.error());
        fmt::print("appareil {} de {} retiré : ses requêtes sont refusées ; pour un nouvel "
                   "appareil : kioskctl sync invite --site {}\n",
                   device->to_string(), kiosk::site_name(site), site);
    });
}

// The office's own database, or a clear refusal: certificates are announced from there only.
kiosk::Store office_store(Context& context)
{
    auto store = context.open_store(kiosk::Access::ReadWrite);
    const auto me = kiosk::Sync(store).identity();
    if (!me || me->name != kiosk::office_name)
        throw UserError("au siège seulement : cette base n'est pas celle du siège (son identité "
                        "de synchronisation n'est pas « office »)");
    return store;
}

void certificate_commands(CLI::App& group, Context& context)
{
    auto* certificate = group.add_subcommand(
        "certificate", "au siège : changer le certificat de la console sans réinviter les sites "
                       "(annoncer le suivant, en changer, retirer l'ancien)");
    certificate->require_subcommand(1);

    struct Options {
        std::string certificate, key, fingerprint;
    };
    auto options = std::make_shared<Options>();
    auto* announce = certificate->add_subcommand(
        "announce", "annonce aux sites le prochain certificat (créé avec sa clé s'il n'existe "
                    "pas) : ils l'acceptent dès leur prochain échange");
    announce->add_option("--cert", options->certificate, "le prochain certificat (PEM)")
        ->required();
    announce->add_option("--key", options->key,
                         "sa clé (défaut : le nom du certificat avec -key.pem)");
    announce->callback([options, &context] {
        const std::filesystem::path file(options->certificate);
        const std::filesystem::path key =
            options->key.empty() ? file.parent_path() / (file.stem().string() + "-key.pem")
                                 : std::filesystem::path(options->key);
        auto store = office_store(context);
        kiosk_console::ensure_certificate_files(file, key, context.clock().now());
        const std::string pem = read_text(file);
        const auto fingerprint = kiosk_link::certificate_fingerprint(pem);
        if (!fingerprint)
            throw UserError(fmt::format("{} n'est pas un certificat PEM", file.string()));
        const auto announced = kiosk::Link(store).announce_certificate(
            *fingerprint, pem, context.actor(), context.now());
        if (!announced)
            throw UserError(fmt::format("{} : {}", file.string(), announced.error()));
        fmt::print("certificat {} annoncé aux sites ; quand « kioskctl sync status » montre "
                   "que chaque site a reçu l'envoi, relancez la console avec --cert {} --key "
                   "{}, puis retirez l'ancien (kioskctl sync certificate retire EMPREINTE)\n",
                   *fingerprint, file.string(), key.string());
    });

    auto* retire = certificate->add_subcommand(
        "retire", "retire un certificat de la console : les sites ne l'acceptent plus");
    retire->add_option("fingerprint", options->fingerprint,
                       "son empreinte SHA-256 (64 chiffres hexadécimaux)")
        ->required();
    retire->callback([options, &context] {
        auto store = office_store(context);
        const auto retired = kiosk::Link(store).retire_certificate(
            options->fingerprint, context.actor(), context.now());
        if (!retired)
            throw UserError(fmt::format("{} : {}", options->fingerprint.substr(0, 80),
                                        retired.error()));
        fmt::print("certificat {} retiré : les sites ne l'acceptent plus dès leur prochain "
                   "échange\n",
                   options->fingerprint);
    });

    auto* list = certificate->add_subcommand(
        "list", "les certificats annoncés aux sites, et ceux qui sont retirés");
    list->callback([&context] {
        auto store = context.open_store(kiosk::Access::ReadOnly);
        const auto known = kiosk::Link(store).certificates();
        if (known.empty())
            fmt::print("aucun certificat annoncé : les sites acceptent celui de leur "
                       "invitation\n");
        for (const auto& entry : known)
            fmt::print("{}  annoncé le {}{}\n", entry.fingerprint,
                       kiosk::format_local_datetime(entry.announced_at),
                       entry.retired_at
                           ? ", retiré le " + kiosk::format_local_datetime(*entry.retired_at)
                           : std::string());
    });
}

} // namespace

void add_link_commands(CLI::App& sync, Context& context)
{
    invite_command(sync, context);
    join_command(sync, context);
    run_command(sync, context);
    retire_command(sync, context);
    certificate_commands(sync, context);
}

} // namespace kioskctl
