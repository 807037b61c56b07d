#pragma once

// A site database with a day of sessions and two console accounts, `kioskctl serve` running on
// a free loopback port with its clock frozen, and browsers talking to it over real HTTPS (the
// server's own certificate checked, cookies kept, CSRF tokens read from the pages).

#include "kiosk/store/store.hpp"
#include "kioskctl.hpp"
#include "served.hpp"
#include "sql.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <httplib.h>
#include <map>
#include <regex>
#include <string>

namespace test {

inline constexpr const char* console_day = "2026-11-26";
inline constexpr const char* staff_password = "bonjour-accueil-2026";
inline constexpr const char* manager_password = "responsable-de-site-42";

struct Page {
    int status = 0;
    std::string body;
    std::string location;
    httplib::Headers headers;
};

class ConsoleServer {
public:
    // `more`: further options of `kioskctl serve`.
    ConsoleServer(const Kioskctl& kioskctl, const std::string& at, const std::string& name,
                  const std::vector<std::string>& more = {})
        : served_(kioskctl, console_options(more), name, at)
        , plain_port_(served_.printed_port(R"(en clair \(renvoie vers HTTPS\) : (\d+))"))
        , certificate_((kioskctl.dir() / "console-cert.pem").string())
    {}

    [[nodiscard]] int port() const { return served_.port(); }
    [[nodiscard]] int plain_port() const { return plain_port_; }
    [[nodiscard]] const std::string& certificate() const { return certificate_; }
    [[nodiscard]] std::string log() const { return served_.log(); }
    int stop() { return served_.stop(); }

private:
    // Rennes's console, with its plain HTTP port too.
    static std::vector<std::string> console_options(const std::vector<std::string>& more)
    {
        std::vector<std::string> options{"--site", "rennes", "--http-port", "0"};
        options.insert(options.end(), more.begin(), more.end());
        return options;
    }

    Served served_;
    int plain_port_ = 0;
    std::string certificate_;
};

class Browser {
public:
    explicit Browser(const ConsoleServer& server) : Browser(server.port(), server.certificate()) {}

    // A console on `port` whose certificate is the file `certificate`.
    Browser(int port, const std::string& certificate) : client_("127.0.0.1", port)
    {
        client_.set_ca_cert_path(certificate.c_str());
        client_.enable_server_certificate_verification(true);
        client_.set_follow_location(false);
        client_.set_read_timeout(std::chrono::seconds{30});
    }

    Page get(const std::string& path)
    {
        return keep(client_.Get(path.c_str(), cookie_header()));
    }

    // Posts a form; the page's CSRF token is added unless `params` has a "csrf" already.
    Page post(const std::string& path, httplib::Params params, bool with_csrf = true)
    {
        if (with_csrf && !params.count("csrf"))
            params.emplace("csrf", csrf_);
        return keep(client_.Post(path.c_str(), cookie_header(), params));
    }

    Page post_multipart(const std::string& path, const httplib::MultipartFormDataItems& items)
    {
        return keep(client_.Post(path.c_str(), cookie_header(), items));
    }

    Page sign_in(const std::string& name, const std::string& password)
    {
        const auto form = get("/connexion");
        REQUIRE(form.status == 200);
        return post("/connexion",
                    {{"form_token", field(form.body, "form_token")},
                     {"name", name},
                     {"password", password}},
                    false);
    }

    [[nodiscard]] std::string cookie(const std::string& name) const
    {
        const auto found = cookies_.find(name);
        return found == cookies_.end() ? std::string() : found->second;
    }
    void set_cookie(const std::string& name, const std::string& value) { cookies_[name] = value; }
    [[nodiscard]] const std::string& csrf() const { return csrf_; }

    // The value of the first hidden input named `name` in `html`.
    static std::string field(const std::string& html, const std::string& name)
    {
        const std::regex input("name=\"" + name + "\" value=\"([^\"]*)\"");
        std::smatch match;
        REQUIRE(std::regex_search(html, match, input));
        return match[1];
    }

private:
    httplib::Headers cookie_header() const
    {
        std::string header;
        for (const auto& [name, value] : cookies_)
            header += (header.empty() ? "" : "; ") + name + "=" + value;
        return header.empty() ? httplib::Headers{} : httplib::Headers{{"Cookie", header}};
    }

    Page keep(const httplib::Result& result)
    {
        REQUIRE(result);
        Page page{result->status, result->body, result->get_header_value("Location"),
                  result->headers};
        const auto count = result->get_header_value_count("Set-Cookie");
        for (std::size_t index = 0; index < count; ++index) {
            const std::string header = result->get_header_value("Set-Cookie", index);
            const auto equals = header.find('=');
            const auto end = header.find(';');
            const std::string name = header.substr(0, equals);
            const std::string value = header.substr(equals + 1, end - equals - 1);
            if (header.find("Max-Age=0;") != std::string::npos)
                cookies_.erase(name);
            else
                cookies_[name] = value;
        }
        static const std::regex csrf_input("name=\"csrf\" value=\"([^\"]+)\"");
        std::smatch match;
        if (std::regex_search(page.body, match, csrf_input))
            csrf_ = match[1];
        return page;
    }

    httplib::SSLClient client_;
    std::map<std::string, std::string> cookies_;
    std::string csrf_;
};

// A database with Rennes's day: a workshop with registered visitors, an online session, and
// accounts "accueil" (staff) and "responsable" (manager).
class ConsoleSite {
public:
    ConsoleSite()
    {
        kioskctl.ok({"init"});
        const auto key = kioskctl.ok({"keys", "generate", "--out", key_path()});
        kioskctl.ok({"keys", "trust", key.substr(key.find("clé publique ") + 14, 64)});
        workshop = trimmed(kioskctl.ok(
            {"session", "add", "--site", "rennes", "--kind", "atelier", "--title",
             "Découvrir les outils numériques", "--start", std::string(console_day) + " 14:30",
             "--end", "16:00", "--room", "Salle Bréhat", "--capacity", "12"}));
        online = trimmed(kioskctl.ok(
            {"session", "add", "--site", "rennes", "--kind", "live", "--title",
             "Sécurité en ligne", "--start", std::string(console_day) + " 17:00", "--end",
             "18:00", "--url", "https://visio.example.org/securite"}));
        for (const auto& [first, last] : {std::pair{"Élodie", "Lefèvre"},
                                          std::pair{"Jean-Pierre", "Martin"},
                                          std::pair{"Amina", "Diallo"}})
            kioskctl.ok({"ticket", "issue", "--session", workshop, "--first-name", first,
                         "--last-name", last, "--key", key_path()});
        add_account("accueil", "staff", staff_password);
        add_account("responsable", "manager", manager_password);
    }

    void add_account(const std::string& name, const std::string& role, const std::string& password)
    {
        const auto result =
            kioskctl.with_input({"staff", "add", name, "--role", role}, password + "\n");
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
    }

    // Every row of the tables staff actions change (sign-ins, which every page touches, aside):
    // equal before and after means a refused request changed nothing.
    [[nodiscard]] std::string content() const
    {
        test::Sql database(kioskctl.database(), test::Sql::Mode::ReadOnly);
        std::string dump;
        for (const char* table : {"sessions", "tickets", "scans", "checkins", "walkins",
                                  "notices", "audit_log", "staff_accounts"}) {
            for (const auto& row : database.rows(std::string("SELECT * FROM ") + table + " ORDER BY 1"))
                for (const auto& value : row)
                    dump += (value == "NULL" ? "" : value) + '|';
            dump += '\n';
        }
        return dump;
    }

    [[nodiscard]] std::string key_path() const { return (kioskctl.dir() / "office.key").string(); }

    // One value of the database, read with the sqlite3 library through kioskctl's own file.
    nlohmann::json session(const std::string& id) const
    {
        const auto day = kioskctl.day("rennes", console_day);
        for (const auto& entry : day["sessions"])
            if (entry["id"] == id)
                return entry;
        return nullptr;
    }

    Kioskctl kioskctl;
    std::string workshop;
    std::string online;
};

// The site with `kioskctl serve` running at 14:20 and a browser signed in as staff, holding the
// CSRF token of the day page.
struct SignedInConsole : ConsoleSite {
    ConsoleServer server{kioskctl, "2026-11-26 14:20", "serve"};
    Browser browser{server};

    SignedInConsole()
    {
        REQUIRE(browser.sign_in("accueil", staff_password).status == 303);
        REQUIRE(browser.get("/jour").status == 200);
    }
};

} // namespace test
