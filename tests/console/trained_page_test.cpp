// The office's attendance page: the people trained over the period, online attendance included,
// as `kioskctl attendance --trained` counts them.

#include "build_paths.hpp"
#include "console_site.hpp"

#include <regex>

using test::Browser;
using test::ConsoleServer;

namespace {

std::string field(const std::string& page, const std::string& name)
{
    const std::regex value("data-field=\"" + name + "\">(\\d+)<");
    std::smatch match;
    REQUIRE(std::regex_search(page, match, value));
    return match[1];
}

} // namespace

TEST_CASE("At the office, the attendance page counts the people trained, online included",
          "[console]")
{
    test::Kioskctl office;
    office.ok({"init"});
    const auto key_file = (office.dir() / "office.key").string();
    const auto generated = office.ok({"keys", "generate", "--out", key_file});
    office.ok({"keys", "trust", generated.substr(generated.find("clé publique ") + 14, 64)});
    office.ok({"sync", "identity", "--office", "--key", key_file});
    const auto session = test::trimmed(
        office.ok({"session", "add", "--site", "national", "--kind", "live", "--title",
                   "Lancer son site Internet", "--start", "2026-11-26 14:30", "--end", "16:30"}));
    office.ok({"ticket", "issue", "--session", session, "--first-name", "Léa", "--last-name",
               "Martin", "--email", "lea.martin@example.fr", "--key", key_file});
    office.ok({"--at", "2026-11-26 17:00", "attendance", "import-online", "--session", session,
               test::source_dir() + "/tests/data/online/zoom_participants.csv"});
    const auto password = office.with_input({"staff", "add", "siege", "--role", "manager"},
                                            std::string(test::manager_password) + "\n");
    REQUIRE(password.exit_code == 0);

    ConsoleServer server(office, "2026-12-01 10:00", "serve", {"--office"});
    Browser manager(server);
    REQUIRE(manager.sign_in("siege", test::manager_password).status == 303);
    const auto page = manager.get("/presence?du=2026-11-01&au=2026-11-30");
    REQUIRE(page.status == 200);
    // Léa (registered), Jean-Pierre and Paul present; Zoé too short; the trainer left out.
    CHECK(field(page.body, "trained_people") == "3");
    CHECK(field(page.body, "trained_online") == "3");
    CHECK(field(page.body, "trained_on_site") == "0");
    CHECK(page.body.find("novembre 2026") != std::string::npos);
    CHECK(page.body.find("pas la somme des lignes") != std::string::npos);
    CHECK(page.body.find("lea.martin") == std::string::npos);
}
