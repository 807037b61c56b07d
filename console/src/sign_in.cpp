#include "server_parts.hpp"
#include "session_cookie.hpp"

#include "kiosk_console/console.hpp"

#include <fmt/format.h>
#include <sodium.h>

namespace kiosk_console {
namespace {

std::string random_form_token()
{
    unsigned char bytes[24];
    randombytes_buf(bytes, sizeof bytes);
    char text[sodium_base64_ENCODED_LEN(sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(text, sizeof text, bytes, sizeof bytes,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return text;
}

} // namespace

void reply_anonymous(httplib::Response& response, int status, const std::string& title,
                     html::Message message, const std::string& body)
{
    html::Page page;
    page.title = title;
    page.message = std::move(message);
    page.body = body;
    response.status = status;
    response.set_content(html::render(page), "text/html; charset=utf-8");
}

void show_sign_in(const httplib::Request&, httplib::Response& response, html::Message message,
                  int status)
{
    const std::string token = random_form_token();
    response.set_header("Set-Cookie",
                        cookies::set(cookies::sign_in_name, token, std::chrono::hours{1}));
    const std::string body = fmt::format(
        R"(<form method="post" action="/connexion" class="card">
<input type="hidden" name="form_token" value="{}">
<label for="name">Nom</label>
<input id="name" name="name" autocomplete="username" autocapitalize="none" required maxlength="64">
<label for="password">Mot de passe</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024">
<button type="submit">Se connecter</button>
</form>)",
        token);
    reply_anonymous(response, status, "Connexion", std::move(message), body);
}

void sign_in(const httplib::Request& request, httplib::Response& response,
             const ConsoleOptions& options)
{
    const std::string expected = cookies::read(request, cookies::sign_in_name);
    const std::string typed = request.has_param("form_token")
                                  ? request.get_param_value("form_token")
                                  : std::string();
    if (!kiosk::same_secret(expected, typed))
        return show_sign_in(request, response,
                            {html::Tone::Problem, "Ce formulaire a expiré : réessayez."}, 403);
    const std::string name = request.get_param_value("name");
    const std::string password = request.get_param_value("password");
    if (name.empty() || password.empty() || name.size() > 64 || password.size() > 1024)
        return show_sign_in(request, response,
                            {html::Tone::Problem, "Nom ou mot de passe incorrect."}, 401);
    kiosk::Store store(options.database, kiosk::Access::ReadWrite);
    const auto result = kiosk::StaffSignIns(store).sign_in(name, password, options.clock.now(),
                                                           request.remote_addr);
    if (!result) {
        const auto wait = result.error().retry_after.count();
        if (result.error().reason == kiosk::SignInRefusal::Throttled) {
            response.set_header("Retry-After", std::to_string(wait));
            return show_sign_in(
                request, response,
                {html::Tone::Problem,
                 fmt::format("Trop d'essais : réessayez dans {} s.", wait)},
                429);
        }
        if (result.error().reason == kiosk::SignInRefusal::Busy) {
            response.set_header("Retry-After", std::to_string(wait));
            return show_sign_in(request, response,
                                {html::Tone::Problem, "Trop de connexions en même temps : "
                                                      "réessayez dans quelques secondes."},
                                503);
        }
        // The same words whether the name exists or not.
        return show_sign_in(request, response,
                            {html::Tone::Problem, "Nom ou mot de passe incorrect."}, 401);
    }
    const auto lifetime = std::chrono::duration_cast<std::chrono::seconds>(
        result->expires - options.clock.now());
    response.set_header("Set-Cookie", cookies::set(cookies::session_name, result->token, lifetime));
    response.status = 303;
    response.set_header("Location", std::string(html::home_path(options.place)));
}

void sign_out(const httplib::Request& request, httplib::Response& response,
              const ConsoleOptions& options)
{
    const std::string token = cookies::read(request, cookies::session_name);
    if (!token.empty()) {
        kiosk::Store store(options.database, kiosk::Access::ReadWrite);
        kiosk::StaffSignIns(store).sign_out(token);
    }
    response.set_header("Set-Cookie",
                        cookies::set(cookies::session_name, "", std::chrono::seconds{0}));
    response.status = 303;
    response.set_header("Location", "/connexion");
}

} // namespace kiosk_console
