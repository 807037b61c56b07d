#pragma once

// Pieces of the server shared by its files: the asset table, the security headers and the
// sign-in pages (which run before anyone is signed in, outside the Routes wrapper).

#include "html.hpp"
#include "kiosk/staff/staff.hpp"

#include <filesystem>
#include <httplib.h>
#include <map>
#include <string>

namespace kiosk_console {

struct ConsoleOptions;

struct Asset {
    std::string content;
    std::string type;
};

// Every file of the assets folder whose name is plain (letters, digits, '-', one extension
// among css/js/svg/png), read once: an asset URL is a key in this table, never a path.
[[nodiscard]] std::map<std::string, Asset> load_assets(const std::filesystem::path& folder);

void add_security_headers(httplib::Response& response);

// A page in the common frame for whoever is not signed in (no navigation).
void reply_anonymous(httplib::Response& response, int status, const std::string& title,
                     html::Message message, const std::string& body = {});

void show_sign_in(const httplib::Request& request, httplib::Response& response,
                  html::Message message = {}, int status = 200);
void sign_in(const httplib::Request& request, httplib::Response& response,
             const ConsoleOptions& options);
void sign_out(const httplib::Request& request, httplib::Response& response,
              const ConsoleOptions& options);

} // namespace kiosk_console
