// The manager's pages: attendance (the day, a period, the files and the chart) and the kiosk's
// health, whose camera line turns red within seconds of the real camera process stopping.

#include "build_paths.hpp"
#include "console_site.hpp"

#include <csignal>
#include <nlohmann/json.hpp>

using test::Browser;
using test::ConsoleServer;
using test::ConsoleSite;

namespace {

// The number in `<td data-field="field">N</td>` of the row of `session` on an attendance page.
int attendance_cell(const std::string& page, const std::string& session, const std::string& field)
{
    const std::regex row("<tr data-session=\"" + session + "\">.*?</tr>");
    std::smatch match;
    REQUIRE(std::regex_search(page, match, row));
    const std::string found = match[0];
    const std::regex cell("data-field=\"" + field + "\">(\\d+)<");
    REQUIRE(std::regex_search(found, match, cell));
    return std::stoi(match[1]);
}

std::string attribute(const std::string& page, const std::string& name)
{
    const std::regex value(name + "=\"([^\"]*)\"");
    std::smatch match;
    REQUIRE(std::regex_search(page, match, value));
    return match[1];
}

std::string ticket_of(const ConsoleSite& site, const std::string& first_name)
{
    const auto rows = test::Sql(site.kioskctl.database(), test::Sql::Mode::ReadOnly)
                          .rows("SELECT printf('%016x', id) FROM tickets WHERE first_name = ?1",
                                {first_name});
    REQUIRE_FALSE(rows.empty());
    return rows[0][0];
}

} // namespace

TEST_CASE("The manager follows the day's attendance, downloads it and sees the chart", "[console]")
{
    ConsoleSite site;
    ConsoleServer server(site.kioskctl, "2026-11-26 14:40", "serve");
    Browser manager(server);
    REQUIRE(manager.sign_in("responsable", test::manager_password).status == 303);

    auto page = manager.get("/presence");
    REQUIRE(page.status == 200);
    CHECK(attendance_cell(page.body, site.workshop, "tickets") == 3);
    CHECK(attendance_cell(page.body, site.workshop, "checked_in") == 0);
    // Today's page refreshes itself while visitors arrive.
    CHECK(page.body.find("data-refresh=") != std::string::npos);

    REQUIRE(manager.get("/jour").status == 200);
    REQUIRE(
        manager
            .post("/session/" + site.workshop + "/entree", {{"ticket", ticket_of(site, "Élodie")}})
            .status == 303);
    REQUIRE(manager.post("/session/" + site.workshop + "/sans-billet", {{"first_name", "Yann"}})
                .status == 303);

    page = manager.get("/presence?du=2026-11-26&au=2026-11-26");
    REQUIRE(page.status == 200);
    CHECK(attendance_cell(page.body, site.workshop, "checked_in") == 1);
    CHECK(attendance_cell(page.body, site.workshop, "walk_ins") == 1);
    CHECK(attendance_cell(page.body, site.workshop, "present") == 2);
    CHECK(page.body.find(R"(<strong data-field="total_present">2</strong>)") != std::string::npos);

    // One signed-in console for all of what follows (each part used to start its own); the
    // one part that changes the day comes last.
    {
        // the spreadsheet file
        const auto csv = manager.get("/presence.csv?du=2026-11-26&au=2026-11-26");
        REQUIRE(csv.status == 200);
        CHECK_THAT(csv.headers.find("Content-Type")->second, Catch::StartsWith("text/csv"));
        CHECK(csv.headers.find("Content-Disposition")->second ==
              "attachment; filename=\"presence-rennes-2026-11-26.csv\"");
        CHECK(csv.body.rfind("\xEF\xBB\xBF", 0) == 0); // the byte-order mark spreadsheets need
        CHECK(csv.body.find("Découvrir les outils numériques") != std::string::npos);
    }
    {
        // the JSON file counts the same
        const auto json = manager.get("/presence.json?du=2026-11-26");
        REQUIRE(json.status == 200);
        const auto document = nlohmann::json::parse(json.body);
        bool found = false;
        for (const auto& session : document["sessions"])
            if (session["title"] == "Découvrir les outils numériques") {
                found = true;
                CHECK(session["checked_in"] == 1);
                CHECK(session["walk_ins"] == 1);
            }
        CHECK(found);
    }
    {
        // the chart is a PNG of the size the page announces
        const std::string source = attribute(page.body, "id=\"graphique\" src");
        REQUIRE(source.rfind("/presence/graphique.png?", 0) == 0);
        std::string path;
        for (std::size_t at = 0; at < source.size();) {
            const bool entity = source.compare(at, 5, "&amp;") == 0;
            path += source[at];
            at += entity ? 5 : 1;
        }
        const auto image = manager.get(path);
        REQUIRE(image.status == 200);
        CHECK(image.headers.find("Content-Type")->second == "image/png");
        REQUIRE(image.body.size() > 24);
        CHECK(image.body.substr(1, 3) == "PNG");
        const auto big_endian = [&](std::size_t at) {
            return (static_cast<unsigned char>(image.body[at]) << 24) |
                   (static_cast<unsigned char>(image.body[at + 1]) << 16) |
                   (static_cast<unsigned char>(image.body[at + 2]) << 8) |
                   static_cast<unsigned char>(image.body[at + 3]);
        };
        CHECK(big_endian(16) == 1200);
        CHECK(big_endian(20) == 700);
        // The phone's narrower one, which the page offers small screens.
        CHECK(page.body.find("largeur=640&amp;hauteur=760") != std::string::npos);
        const auto narrow = manager.get(path + "&largeur=640&hauteur=760");
        REQUIRE(narrow.status == 200);
        CHECK(narrow.body.substr(16, 4) == std::string("\0\0\x02\x80", 4));
        CHECK(manager.get(path + "&largeur=99999").status == 400);
    }
    {
        // a period lists each session with its day
        const auto period = manager.get("/presence?du=2026-11-20&au=2026-11-30");
        REQUIRE(period.status == 200);
        CHECK(period.body.find("2026-11-26 14 h 30") != std::string::npos);
        CHECK(period.body.find("data-refresh=") != std::string::npos); // today is in it
        const auto past = manager.get("/presence?du=2026-11-01&au=2026-11-02");
        REQUIRE(past.status == 200);
        CHECK(past.body.find("Aucune session sur cette période.") != std::string::npos);
        CHECK(past.body.find("data-refresh=") == std::string::npos);
    }
    {
        // a malformed or impossible period is refused, naming the field
        for (const auto& [query, words] : std::vector<std::pair<std::string, std::string>>{
                 {"du=2026-13-45", "Date"},
                 {"du=2026-11-26&au=2026-11-20", "au"},
                 {"du=2025-01-01&au=2026-11-26", "un an"},
                 {"du=" + std::string(40, '9'), "Date"}}) {
            INFO(query);
            for (const std::string path :
                 {"/presence?", "/presence.csv?", "/presence.json?", "/presence/graphique.png?"}) {
                const auto refused = manager.get(path + query);
                CHECK(refused.status == 400);
                CHECK(refused.body.find(words) != std::string::npos);
            }
        }
    }
    {
        // a file's address is matched exactly, and a form's token counts only in its body
        CHECK(manager.get("/presenceXcsv?du=2026-11-26&au=2026-11-26").status == 404);
        CHECK(manager.get("/presence-json?du=2026-11-26&au=2026-11-26").status == 404);
        const auto walk_ins = [&] {
            return test::Sql(site.kioskctl.database(), test::Sql::Mode::ReadOnly)
                .integer("SELECT count(*) FROM walkins");
        };
        const auto before = walk_ins();
        const auto in_address =
            manager.post("/session/" + site.workshop + "/sans-billet?csrf=" + manager.csrf(),
                         {{"first_name", "Inès"}}, false);
        CHECK(in_address.status == 403);
        CHECK(walk_ins() == before);
        CHECK(manager.post("/session/" + site.workshop + "/sans-billet", {{"first_name", "Inès"}})
                  .status == 303);
        CHECK(walk_ins() == before + 1);
    }
}

TEST_CASE("Attendance is for managers: front-desk staff and strangers get nothing", "[console]")
{
    ConsoleSite site;
    ConsoleServer server(site.kioskctl, "2026-11-26 14:40", "serve");
    Browser stranger(server);
    for (const std::string path :
         {"/presence", "/presence.csv", "/presence.json", "/presence/graphique.png", "/etat"}) {
        INFO(path);
        const auto page = stranger.get(path);
        CHECK(page.status == 303);
        CHECK(page.location == "/connexion");
        CHECK(page.body.find("Découvrir") == std::string::npos);
    }
    Browser staff(server);
    REQUIRE(staff.sign_in("accueil", test::staff_password).status == 303);
    for (const std::string path :
         {"/presence", "/presence.csv", "/presence.json", "/presence/graphique.png"}) {
        INFO(path);
        const auto page = staff.get(path);
        CHECK(page.status == 403);
        CHECK(page.body.find("Découvrir") == std::string::npos);
    }
    // The navigation offers staff only what they may open.
    const auto day = staff.get("/jour");
    CHECK(day.body.find("href=\"/presence\"") == std::string::npos);
    CHECK(day.body.find("href=\"/etat\"") != std::string::npos);
}

TEST_CASE("The health page turns red within seconds of the camera process stopping", "[console]")
{
    ConsoleSite site;
    const auto runtime = site.kioskctl.dir() / "run";
    std::filesystem::create_directories(runtime);
    ConsoleServer server(site.kioskctl, "2026-11-26 14:40", "serve",
                         {"--runtime-dir", runtime.string()});
    Browser staff(server);
    REQUIRE(staff.sign_in("accueil", test::staff_password).status == 303);

    // Before the camera process ever ran: said plainly, and red.
    auto page = staff.get("/etat");
    REQUIRE(page.status == 200);
    CHECK(attribute(page.body, "data-camera") == "no_status");
    CHECK(attribute(page.body, "data-health") == "problem");
    CHECK(page.body.find("Le programme de la caméra n'a pas démarré.") != std::string::npos);
    CHECK(page.body.find("data-refresh=") != std::string::npos);

    // The real camera process, on GStreamer's live test source: frames, heartbeats.
    std::optional<test::BackgroundProcess> camera;
    camera.emplace(std::vector<std::string>{test::kiosk_checkin_program(), "--db",
                                            site.kioskctl.database(), "--site", "rennes",
                                            "--device", "entree", "--pipeline",
                                            "videotestsrc is-live=true pattern=black ! "
                                            "video/x-raw,width=160,height=120,framerate=10/1",
                                            "--runtime-dir", runtime.string()},
                   (site.kioskctl.dir() / "camera.log").string(),
                   std::map<std::string, std::string>{{"DISPLAY", ""}});
    const auto wait_for = [&](const std::string& condition, std::chrono::seconds limit) {
        const auto start = std::chrono::steady_clock::now();
        while (std::chrono::steady_clock::now() - start < limit) {
            page = staff.get("/etat");
            REQUIRE(page.status == 200);
            if (attribute(page.body, "data-camera") == condition)
                return std::chrono::steady_clock::now() - start;
            std::this_thread::sleep_for(std::chrono::milliseconds{200});
        }
        FAIL("the camera never showed as "
             << condition << ":\n"
             << page.body << "\n"
             << test::read_file((site.kioskctl.dir() / "camera.log").string()));
        return std::chrono::steady_clock::duration{};
    };
    wait_for("running", std::chrono::seconds{30});
    CHECK(page.body.find(R"(<li class="health-item ok" data-topic="camera">)") !=
          std::string::npos);
    CHECK(page.body.find("La caméra fonctionne") != std::string::npos);

    SECTION("killed: red at the next look")
    {
        camera->end_with(SIGKILL);
        const auto took = wait_for("stopped", std::chrono::seconds{5});
        CHECK(took < std::chrono::seconds{3});
    }
    SECTION("stopped by the service manager: the same")
    {
        camera->stop();
        wait_for("stopped", std::chrono::seconds{5});
    }
    CHECK(attribute(page.body, "data-health") == "problem");
    CHECK(page.body.find(R"(<li class="health-item problem" data-topic="camera">)") !=
          std::string::npos);
    CHECK(page.body.find("Le programme de la caméra est arrêté.") != std::string::npos);
    // The disk and the data are reported too.
    CHECK(page.body.find(R"(data-topic="disque")") != std::string::npos);
    CHECK(page.body.find(R"(data-topic="synchro")") != std::string::npos);
}

TEST_CASE("At the office, the console lists the four sites with what their bundles said",
          "[console]")
{
    // The office and Rennes, wired as the README says, synced through kioskctl.
    test::Kioskctl office;
    test::Kioskctl rennes;
    office.ok({"init"});
    rennes.ok({"init"});
    const auto office_key_file = (office.dir() / "office.key").string();
    const auto generated = office.ok({"keys", "generate", "--out", office_key_file});
    const auto office_key = generated.substr(generated.find("clé publique ") + 14, 64);
    office.ok({"keys", "trust", office_key});
    office.ok({"sync", "identity", "--office", "--key", office_key_file});
    rennes.ok({"keys", "trust", office_key});
    const auto device_file = (rennes.dir() / "device.key").string();
    const auto device = rennes.ok({"keys", "generate", "--out", device_file});
    rennes.ok({"sync", "identity", "--site", "rennes", "--key", device_file});
    office.ok({"sync", "register", "--site", "rennes", "--public-key",
               device.substr(device.find("clé publique ") + 14, 64)});
    rennes.ok({"session", "add", "--site", "rennes", "--kind", "atelier", "--title",
               "Découvrir les outils numériques", "--start", "2026-11-26 14:30", "--end", "16:00",
               "--room", "Salle Bréhat", "--capacity", "12"});
    // Rennes's camera process is not running when the bundle is made.
    const auto runtime = rennes.dir() / "run";
    std::filesystem::create_directories(runtime);
    const auto bundle = (rennes.dir() / "rennes.bundle").string();
    rennes.ok({"--at", "2026-11-26 12:00", "sync", "export", "--for", "office", "--out", bundle,
               "--runtime-dir", runtime.string()});
    office.ok({"--at", "2026-11-26 12:05", "sync", "apply", bundle});

    const auto password = office.with_input({"staff", "add", "siege", "--role", "manager"},
                                            std::string(test::manager_password) + "\n");
    REQUIRE(password.exit_code == 0);
    ConsoleServer server(office, "2026-11-26 14:40", "serve", {"--office"});
    Browser manager(server);
    const auto signed_in = manager.sign_in("siege", test::manager_password);
    REQUIRE(signed_in.status == 303);
    CHECK(signed_in.location == "/etat");

    const auto page = manager.get("/etat");
    REQUIRE(page.status == 200);
    CHECK(page.body.find("<h1>État des sites</h1>") != std::string::npos);
    CHECK(page.body.find(R"(<tr data-site="rennes" class="problem">)") != std::string::npos);
    CHECK(page.body.find("Au dernier relevé, le programme de la caméra n'avait pas démarré.") !=
          std::string::npos);
    CHECK(page.body.find("2026-11-26 12:00") != std::string::npos); // when Rennes made it
    for (const char* silent : {"nancy", "montpellier", "saint-etienne"})
        CHECK(page.body.find("<tr data-site=\"" + std::string(silent) + "\" class=\"warning\">") !=
              std::string::npos);
    CHECK(page.body.find("Aucun envoi reçu de ce site.") != std::string::npos);
    // No camera of its own, no day to run: those pages are not there.
    CHECK(page.body.find("Ce kiosque") == std::string::npos);
    CHECK(page.body.find("href=\"/jour\"") == std::string::npos);
    CHECK(manager.get("/jour").status == 404);
    CHECK(manager.get("/avis").status == 404);
    // Attendance covers every site.
    const auto attendance = manager.get("/presence");
    REQUIRE(attendance.status == 200);
    CHECK(attendance.body.find("Découvrir les outils numériques") != std::string::npos);
    CHECK(attendance.body.find("Rennes") != std::string::npos);

    // Every link the office's pages show leads somewhere: none to a page only sites have.
    std::set<std::string> seen{"/etat", "/presence", "/journal"};
    std::vector<std::string> to_visit(seen.begin(), seen.end());
    const std::regex link(R"re(href="(/[^"#]*)")re");
    while (!to_visit.empty() && seen.size() < 60) {
        const std::string path = to_visit.back();
        to_visit.pop_back();
        const auto visited = manager.get(path);
        INFO(path);
        CHECK(visited.status == 200);
        for (std::sregex_iterator it(visited.body.begin(), visited.body.end(), link), end;
             it != end; ++it) {
            static const std::regex ampersand("&amp;");
            const std::string target = std::regex_replace((*it)[1].str(), ampersand, "&");
            if (!target.starts_with("/assets/") && seen.insert(target).second)
                to_visit.push_back(target);
        }
    }
    CHECK(seen.size() > 3);

    // A database that is not the office's cannot be served as the office.
    const auto refused = rennes({"serve", "--office", "--listen", "127.0.0.1:0"});
    CHECK(refused.exit_code == 2);
    CHECK_THAT(refused.err, Catch::Contains("n'est pas celle du siège"));
}
