#include "console_server.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "session_cookie.hpp"
#include "views.hpp"

#include <chrono>
#include <ctime>
#include <fmt/format.h>
#include <openssl/ssl.h>
#include <unistd.h>

namespace kiosk_console {
namespace {

constexpr std::size_t largest_request = 8 * 1024 * 1024; // a year of calendar fits in 2 MB
constexpr std::size_t most_headers = 100;
constexpr std::size_t largest_headers = 64 * 1024;

std::string host_name() { return machine_name(); }

// At a site, the console acts on that site's sessions. A national session is seen there and
// its visitors let in at the door, but its plan and its state are the office's. Another
// site's session is not there at all (404, the same as a session that does not exist).
bool within_this_site(Request& request, bool is_change)
{
    const auto& http = request.http;
    if (request.options.place != Place::Site || !http.path.starts_with("/session/") ||
        http.matches.size() < 2)
        return true;
    const auto id = kiosk::SessionId::parse(http.matches[1].str());
    if (!id)
        return true; // the page says the id is not valid
    const auto session = kiosk::SessionStore(request.store).find(*id);
    if (!session)
        return true; // the page says it does not exist
    if (session->site && *session->site != request.site()) {
        reply_missing_session(request);
        return false;
    }
    const bool at_the_door =
        http.path.ends_with("/entree") || http.path.ends_with("/annuler-entree") ||
        http.path.ends_with("/sans-billet") || http.path.ends_with("/sans-billet/annuler");
    if (!session->site && is_change && !at_the_door) {
        request.reply({"Changement refusé", "jour", "", false, "",
                       {html::Tone::Problem,
                        "Session nationale : son programme et son état se changent au siège. "
                        "Rien n'a été modifié."},
                       fmt::format(R"(<p><a href="{}">Revoir la session</a></p>)",
                                   session_path(*id))},
                      403);
        return false;
    }
    return true;
}

// The form's token, from the body only: a token in the address would end up in logs and in
// the Referer, and the query string is not the form.
std::string posted_csrf(const httplib::Request& request)
{
    if (request.has_file("csrf"))
        return request.get_file_value("csrf").content;
    if (request.get_header_value("Content-Type").starts_with("application/x-www-form-urlencoded")) {
        httplib::Params fields;
        httplib::detail::parse_query_text(request.body, fields);
        if (const auto found = fields.find("csrf"); found != fields.end())
            return found->second;
    }
    return {};
}

} // namespace

std::string machine_name()
{
    char name[256] = {};
    if (gethostname(name, sizeof name - 1) != 0 || name[0] == '\0')
        return "localhost";
    return name;
}

void ensure_certificate_files(const std::filesystem::path& certificate,
                              const std::filesystem::path& private_key, kiosk::Instant now)
{
    ensure_certificate(certificate, private_key, machine_name(),
                       static_cast<std::time_t>(kiosk::unix_seconds(now)));
}

Console::Impl::Impl(ConsoleOptions console_options)
    : options(std::move(console_options)),
      assets(load_assets(options.assets)),
      certificate(options.certificate, options.private_key, host_name(), options.clock),
      https(certificate.prepare(), options.private_key.c_str()),
      guard(https.ssl_context(), {.head = options.header_deadline,
                                  .per_address = options.connections_per_address})
{
    if (!https.is_valid())
        throw std::runtime_error(fmt::format(
            "{} / {} : certificat ou clé illisible, ou qui ne vont pas ensemble",
            options.certificate.string(), options.private_key.string()));
    certificate.configure(https.ssl_context());
    https.set_payload_max_length(largest_request);
    // Headers: a browser sends about twenty, a few kilobytes in all. More is refused before
    // anything reads them (40 000 Cookie lines once cost seconds of CPU).
    https.set_pre_routing_handler([this](const httplib::Request& request,
                                         httplib::Response& response) {
        guard.headers_read(request);
        std::size_t bytes = 0;
        for (const auto& [name, value] : request.headers)
            bytes += name.size() + value.size() + 4;
        if (request.headers.size() <= most_headers && bytes <= largest_headers)
            return httplib::Server::HandlerResponse::Unhandled;
        response.status = 431;
        response.set_content("en-têtes trop nombreux ou trop longs\n",
                             "text/plain; charset=utf-8");
        return httplib::Server::HandlerResponse::Handled;
    });
    https.set_read_timeout(std::chrono::seconds{10});
    // httplib writes an answer's headers and body apart: with Nagle's algorithm the body
    // waited for the browser's delayed ACK, 40 ms on every page.
    https.set_tcp_nodelay(true);
    // A thread per connection that waits (the guard bounds how long and how many per
    // address); past 64, connections queue.
    https.new_task_queue = [this] {
        return new ElasticPool(64, [this] { guard.cut_all(); });
    };
    https.set_post_routing_handler(
        [this](const httplib::Request& request, httplib::Response& response) {
            guard.answered(request);
            add_security_headers(response);
            if (!response.has_header("Cache-Control"))
                response.set_header("Cache-Control", "no-store");
        });
    https.set_error_handler([this](const httplib::Request&, httplib::Response& response) {
        if (!response.body.empty())
            return;
        if (response.status == 413)
            return reply_anonymous(response, 413, "Envoi trop gros",
                                   {html::Tone::Problem,
                                    "Envoi trop gros (au plus 8 Mo) : rien n'a été modifié."});
        if (response.status == 404)
            return reply_anonymous(response, 404, "Page introuvable",
                                   {html::Tone::Problem, "Cette page n'existe pas."},
                                   html::home_link(options.place));
        reply_anonymous(response, response.status, "Requête refusée",
                        {html::Tone::Problem,
                         fmt::format("Requête refusée ({}) : rien n'a été modifié.",
                                     response.status)});
    });
    add_routes();

    // The plain port only points to HTTPS: one request per connection, a short read.
    plain.set_read_timeout(std::chrono::seconds{5});
    plain.set_keep_alive_max_count(1);
    plain.set_error_handler([this](const httplib::Request&, httplib::Response& response) {
        // The configured name, never the request's Host: what a stranger sends is not
        // echoed back.
        const std::string name = options.host == "0.0.0.0" || options.host == "::"
                                     ? host_name()
                                     : options.host;
        const std::string address = fmt::format(
            "https://{}:{}/", name.find(':') != std::string::npos ? "[" + name + "]" : name,
            bound_port);
        reply_anonymous(response, 400, "HTTPS obligatoire",
                        {html::Tone::Problem,
                         "La console ne répond qu'en HTTPS (connexion chiffrée) : rien n'a "
                         "été lu ni modifié."},
                        fmt::format(R"(<p>Utilisez <a href="{0}">{0}</a></p>)",
                                    html::escape(address)));
    });
}

void Console::Impl::redirect(httplib::Response& response, const std::string& location)
{
    response.status = 303;
    response.set_header("Location", location);
}

bool Console::Impl::signed_in(const httplib::Request& request)
{
    const std::string token = cookies::read(request, cookies::session_name);
    if (token.empty())
        return false;
    kiosk::Store store(options.database, kiosk::Access::ReadWrite);
    return kiosk::StaffSignIns(store).find(token, options.clock.now()).has_value();
}

void Console::Impl::guarded(httplib::Response& response, const std::function<void()>& work)
{
    try {
        work();
    } catch (const FormError& error) {
        reply_anonymous(response, 400, "Saisie refusée",
                        {html::Tone::Problem,
                         fmt::format("{} Rien n'a été modifié.", error.what())});
    } catch (const kiosk::StoreError& error) {
        reply_anonymous(response, 503, "Base de données indisponible",
                        {html::Tone::Problem, error.what()});
    } catch (const std::exception& error) {
        if (!kiosk::database_problem(error))
            throw;
        reply_anonymous(response, 503, "Base de données indisponible",
                        {html::Tone::Problem,
                         fmt::format("Erreur de la base de données : {}. Rien n'a été "
                                     "modifié.",
                                     error.what())});
    }
}

void Console::Impl::handle(const httplib::Request& http, httplib::Response& response,
                           Access access, bool is_change, const Handler& handler)
{
    guarded(response, [&] {
        kiosk::Store store(options.database, kiosk::Access::ReadWrite);
        const kiosk::Instant now = options.clock.now();
        const std::string token = cookies::read(http, cookies::session_name);
        const auto signed_in = kiosk::StaffSignIns(store).find(token, now);
        if (!signed_in) {
            if (!is_change)
                return redirect(response, "/connexion");
            return show_sign_in(http, response,
                                {html::Tone::Problem,
                                 "Votre connexion a expiré : reconnectez-vous. Rien n'a été "
                                 "modifié."},
                                401);
        }
        Request request{http,          response, options, signed_in->account,
                        signed_in->csrf, store,  now,     std::nullopt,
                        {}};
        request.keep_message = [this, token](html::Message message) {
            const std::lock_guard lock(messages_mutex);
            messages[token] = std::move(message);
        };
        if (access == Access::Manager && !request.is_manager())
            return request.reply({"Accès réservé", "", "", false, "",
                                  {html::Tone::Problem,
                                   "Cette page est réservée aux responsables de site."},
                                  ""},
                                 403);
        if (is_change && !kiosk::same_secret(posted_csrf(http), signed_in->csrf))
            return request.reply({"Action refusée", "", "", false, "",
                                  {html::Tone::Problem,
                                   "Jeton de sécurité absent ou périmé : rechargez la page "
                                   "et recommencez. Rien n'a été modifié."},
                                  ""},
                                 403);
        if (!within_this_site(request, is_change))
            return;
        if (!is_change) {
            const std::lock_guard lock(messages_mutex);
            if (auto found = messages.find(token); found != messages.end()) {
                request.flash = std::move(found->second);
                messages.erase(found);
            }
        }
        try {
            handler(request);
        } catch (const FormError& error) {
            request.reply({"Saisie refusée", "", "", false, "",
                           {html::Tone::Problem,
                            fmt::format("{} Rien n'a été modifié.", error.what())},
                           html::home_link(request.options.place,
                                           " (la page précédente de votre navigateur garde "
                                           "ce que vous avez tapé)")},
                          400);
        }
    });
}

void Console::Impl::get(const std::string& pattern, Access access, Handler handler)
{
    https.Get(pattern, [this, access, handler = std::move(handler)](
                           const httplib::Request& request, httplib::Response& response) {
        handle(request, response, access, false, handler);
    });
}

void Console::Impl::post(const std::string& pattern, Access access, Handler handler)
{
    https.Post(pattern, [this, access, handler = std::move(handler)](
                            const httplib::Request& request, httplib::Response& response) {
        handle(request, response, access, true, handler);
    });
}

Console::Console(ConsoleOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Console::~Console() { stop(); }

int Console::bind()
{
    auto& impl = *impl_;
    const auto& options = impl.options;
    impl.bound_port = options.port == 0 ? impl.https.bind_to_any_port(options.host)
                                        : (impl.https.bind_to_port(options.host, options.port)
                                               ? options.port
                                               : -1);
    if (impl.bound_port < 0)
        throw std::runtime_error(fmt::format("{}:{} : impossible d'écouter (port pris ?)",
                                             options.host, options.port));
    if (options.plain_port) {
        const int wanted = *options.plain_port;
        impl.bound_plain_port = wanted == 0 ? impl.plain.bind_to_any_port(options.host)
                                            : (impl.plain.bind_to_port(options.host, wanted)
                                                   ? wanted
                                                   : -1);
        if (impl.bound_plain_port < 0)
            throw std::runtime_error(fmt::format("{}:{} : impossible d'écouter (port pris ?)",
                                                 options.host, wanted));
    }
    return impl.bound_port;
}

int Console::plain_port() const { return impl_->bound_plain_port; }

void Console::run()
{
    auto& impl = *impl_;
    {
        const std::lock_guard lock(impl.serving_mutex);
        if (impl.stop_asked)
            return;
        impl.serving = true;
        impl.certificate.start();
        if (impl.bound_plain_port > 0)
            impl.plain_thread = std::thread([&impl] {
                impl.plain.listen_after_bind();
                impl.plain_done = true;
            });
    }
    impl.https.listen_after_bind();
    impl.https_done = true;
}

namespace {

// httplib's stop() does nothing until its server loop has started: a stop asked in between
// would be lost and the loop would then serve for ever. Wait for the loop (or its end).
void stop_listening(httplib::Server& server, const std::atomic<bool>& done)
{
    while (!server.is_running() && !done)
        std::this_thread::sleep_for(std::chrono::milliseconds{2});
    server.stop();
}

} // namespace

void Console::stop()
{
    auto& impl = *impl_;
    bool serving = false;
    {
        const std::lock_guard lock(impl.serving_mutex);
        impl.stop_asked = true;
        serving = impl.serving;
    }
    impl.certificate.stop();
    impl.holds.stopping = true;
    if (!serving)
        return;
    stop_listening(impl.https, impl.https_done);
    if (impl.plain_thread.joinable()) {
        stop_listening(impl.plain, impl.plain_done);
        impl.plain_thread.join();
    }
}

} // namespace kiosk_console
