// The office's end of the live link, on the office console's HTTPS port:
//   GET  /sync/certificat   the console's certificate (public; a joining site checks its
//                           fingerprint against the invitation before it trusts anything)
//   POST /sync/rejoindre    a site joins with an invitation's code and its device key
//   POST /sync/echange      a signed request carrying the site's bundle; the office's bundle
//                           for that site comes back, held until there is something for it
// A request that fails authentication gets 401 and nothing else: a stranger learns nothing,
// not even whether the site exists. The reason goes to the office's log.

#include "kiosk/sync/link.hpp"
#include "kiosk/sync/sync.hpp"
#include "server_parts.hpp"

#include <fmt/format.h>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

namespace kiosk_console {
namespace {

constexpr std::size_t largest_join = 4096;

std::span<const std::uint8_t> bytes_of(const std::string& text)
{
    return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

void reply_json(httplib::Response& response, int status, const nlohmann::ordered_json& document)
{
    response.status = status;
    response.set_content(document.dump(), "application/json");
}

void reply_refused(httplib::Response& response, int status, const std::string& message)
{
    reply_json(response, status, {{"erreur", message}});
}

void log_refusal(const std::string& what)
{
    std::fprintf(stderr, "lien : requête refusée : %s\n", what.c_str());
    std::fflush(stderr);
}

std::optional<kiosk::LinkSignature> signature_of(const httplib::Request& request)
{
    const std::array<std::string, 5> names{"X-Atelier-Site", "X-Atelier-Cle", "X-Atelier-Heure",
                                           "X-Atelier-Nonce", "X-Atelier-Signature"};
    for (const auto& name : names)
        if (!request.has_header(name) || request.get_header_value(name).size() > 200)
            return std::nullopt;
    kiosk::LinkSignature signature;
    signature.site = request.get_header_value(names[0]);
    signature.key = request.get_header_value(names[1]);
    try {
        std::size_t used = 0;
        const std::string at = request.get_header_value(names[2]);
        signature.at = std::stoll(at, &used);
        if (used != at.size())
            return std::nullopt;
    } catch (const std::exception&) {
        return std::nullopt;
    }
    signature.nonce = request.get_header_value(names[3]);
    signature.signature = request.get_header_value(names[4]);
    return signature;
}

// The database as this worker thread keeps it open between exchanges: opening it reads the
// whole schema, which costs more than a small exchange. Another database (a test's second
// console in the same process) gets its own.
kiosk::Store& kept_store(const std::filesystem::path& database)
{
    thread_local std::optional<kiosk::Store> store;
    thread_local std::filesystem::path opened;
    if (!store || opened != database) {
        store.reset();
        store.emplace(database, kiosk::Access::ReadWrite);
        opened = database;
    }
    return *store;
}

// The site a signed request comes from; a request that fails authentication is answered 401
// with nothing else (the reason goes to the log).
std::optional<std::string> authenticated(const httplib::Request& request, kiosk::Store& store,
                                         kiosk::Instant now, httplib::Response& response)
{
    const auto signature = signature_of(request);
    const auto site = signature
                          ? kiosk::Link(store).authenticate(*signature, "POST", request.path,
                                                            bytes_of(request.body), now)
                          : tl::expected<std::string, std::string>(
                                tl::unexpected(std::string("en-têtes de signature absents")));
    if (!site) {
        log_refusal(site.error());
        response.status = 401;
        response.set_content("non autorisé\n", "text/plain; charset=utf-8");
        return std::nullopt;
    }
    return *site;
}

int wait_seconds(const httplib::Request& request, const SyncHolds& holds)
{
    if (!request.has_param("attente"))
        return 0;
    try {
        return std::clamp(std::stoi(request.get_param_value("attente")), 0,
                          static_cast<int>(holds.longest.count()));
    } catch (const std::exception&) {
        return 0;
    }
}

// Waits, a request slot permitting, until the office has something for `site` or `seconds`
// pass: the database is polled (another process, kioskctl at the office, writes it too).
void hold(kiosk::Store& store, const std::string& site, std::uint64_t turn, int seconds,
          SyncHolds& holds)
{
    if (seconds <= 0 || holds.held.fetch_add(1) >= holds.most) {
        if (seconds > 0)
            --holds.held;
        return;
    }
    kiosk::Sync sync(store);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds{seconds};
    std::int64_t seen = -1;
    while (!holds.stopping && std::chrono::steady_clock::now() < until &&
           !holds.superseded(site, turn)) {
        const auto version = store.data_version();
        if (version != seen) {
            seen = version;
            if (sync.waiting_for(site) > 0)
                break;
        }
        std::this_thread::sleep_for(holds.poll);
    }
    --holds.held;
}

} // namespace

void add_sync_endpoint(httplib::SSLServer& https, const ConsoleOptions& options, SyncHolds& holds)
{
    https.Get("/sync/certificat", [&options](const httplib::Request&, httplib::Response& response) {
        std::ifstream file(options.certificate);
        std::stringstream pem;
        pem << file.rdbuf();
        response.set_content(pem.str(), "application/x-pem-file");
    });

    https.Post("/sync/rejoindre", [&options](const httplib::Request& request,
                                             httplib::Response& response) {
        if (request.body.size() > largest_join)
            return reply_refused(response, 413, "demande trop grosse");
        const auto document = nlohmann::json::parse(request.body, nullptr, false);
        if (!document.is_object() || !document.contains("site") || !document["site"].is_string() ||
            !document.contains("code") || !document["code"].is_string() ||
            !document.contains("appareil") || !document["appareil"].is_string())
            return reply_refused(response, 400, "demande illisible (site, code, appareil)");
        const auto device = kiosk::PublicKey::parse(document["appareil"].get<std::string>());
        if (!device)
            return reply_refused(response, 400, "clé d'appareil illisible");
        kiosk::Store store(options.database, kiosk::Access::ReadWrite);
        const auto joined = kiosk::Link(store).join(document["code"].get<std::string>(),
                                                    document["site"].get<std::string>(), *device,
                                                    options.clock.now());
        if (!joined) {
            log_refusal(joined.error());
            return reply_refused(response, 403, joined.error());
        }
        nlohmann::ordered_json keys = nlohmann::ordered_json::array();
        for (const auto& key : joined->office_keys)
            keys.push_back(key.to_string());
        reply_json(response, 200, {{"cles_du_siege", keys}});
    });

    https.Post("/sync/echange", [&options, &holds](const httplib::Request& request,
                                                   httplib::Response& response) {
        auto& store = kept_store(options.database);
        const auto now = options.clock.now();
        const auto site = authenticated(request, store, now, response);
        if (!site)
            return;
        const auto turn = holds.arrived(*site);
        kiosk::Sync sync(store);
        // The site's bundle first: what it says it has decides what the office sends back.
        // A request that brought changes is answered at once, its reply saying they arrived;
        // one that brought nothing waits until there is something for the site.
        auto exported = sync.exchange(*site, bytes_of(request.body), now);
        if (exported && exported->received == 0 && exported->rows + exported->deletions == 0) {
            hold(store, *site, turn, wait_seconds(request, holds), holds);
            exported = sync.exchange(*site, {}, options.clock.now());
        }
        if (!exported) {
            log_refusal(fmt::format("{} : {}", *site, exported.error().message));
            return reply_refused(response, 409, exported.error().message);
        }
        response.set_content(std::string(exported->bytes.begin(), exported->bytes.end()),
                             "application/octet-stream");
    });
}

} // namespace kiosk_console
