#pragma once

// The console's cookies: the signed-in browser's token, and the one-time token that ties a
// sign-in form to the browser that loaded it (so no other site can sign someone in).

#include <chrono>
#include <httplib.h>
#include <string>
#include <string_view>

namespace kiosk_console::cookies {

constexpr std::string_view session_name = "atelier_console";
constexpr std::string_view sign_in_name = "atelier_connexion";

// The value of cookie `name` in the request, or empty.
[[nodiscard]] std::string read(const httplib::Request& request, std::string_view name);

// Secure; HttpOnly; SameSite=Strict; Path=/ — a zero lifetime removes the cookie.
[[nodiscard]] std::string set(std::string_view name, std::string_view value,
                              std::chrono::seconds lifetime);

} // namespace kiosk_console::cookies
