#include "console_server.hpp"

namespace kiosk_console {

// The pages before sign-in answer on their own; every other page goes through handle(), by
// get() and post(), and the page groups register themselves the same way.
void Console::Impl::add_routes()
{
    https.Get(R"(/assets/([^/]+))",
              [this](const httplib::Request& request, httplib::Response& response) {
                  send_asset(request.matches[1].str(), "max-age=3600", response);
              });
    // Browsers ask for it on every site they visit; a 404 there is noise in every log.
    https.Get("/favicon.ico", [this](const httplib::Request&, httplib::Response& response) {
        send_asset("favicon.ico", "max-age=86400", response);
    });
    https.Get("/connexion", [this](const httplib::Request& request, httplib::Response& response) {
        if (signed_in(request))
            return redirect(response, std::string(html::home_path(options.place)));
        show_sign_in(request, response);
    });
    https.Post("/connexion", [this](const httplib::Request& request, httplib::Response& response) {
        guarded(response, [&] { sign_in(request, response, options); });
    });
    https.Get("/", [this](const httplib::Request&, httplib::Response& response) {
        redirect(response, std::string(html::home_path(options.place)));
    });
    post("/deconnexion", Access::Staff,
         [](Request& request) { sign_out(request.http, request.response, request.options); });
    if (options.place == Place::Site) {
        add_day_pages(*this);
        add_session_pages(*this);
        add_visitor_pages(*this);
        add_import_pages(*this);
        add_notice_pages(*this);
    }
    add_audit_pages(*this);
    add_attendance_pages(*this);
    add_health_pages(*this);
    if (options.place == Place::Office) {
        add_sync_endpoint(https, options, holds);
    }
}

void Console::Impl::send_asset(const std::string& name, const char* cache,
                               httplib::Response& response) const
{
    const auto found = assets.find(name);
    if (found == assets.end()) {
        response.status = 404;
        return;
    }
    response.set_header("Cache-Control", cache);
    response.set_content(found->second.content, found->second.type.c_str());
}

} // namespace kiosk_console
