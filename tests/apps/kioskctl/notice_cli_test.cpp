// kioskctl notice add / list / clear on a headless box: what staff type to put a notice on
// the board and take it down.

#include "kiosk_display/text_fit.hpp"
#include "kioskctl.hpp"

#include <map>
#include <regex>

using test::Kioskctl;

TEST_CASE("kioskctl notice add and list and clear", "[kioskctl][notices]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto added = kioskctl.ok({"--at", "2026-11-26 09:00", "notice", "add",
                                    "Salle 2 fermée aujourd'hui", "--until", "10:30", "--site", "rennes"});
    CHECK_THAT(added, Catch::StartsWith("avis ") && Catch::Contains("affiché à rennes jusqu'à 10 h 30"));
    kioskctl.ok({"--at", "2026-11-26 09:05", "notice", "add", "Alarme incendie", "--level", "alerte",
                 "--site", "rennes"});

    auto listed = nlohmann::json::parse(
        kioskctl.ok({"--at", "2026-11-26 10:29", "notice", "list", "--site", "rennes", "--json"}));
    REQUIRE(listed.size() == 2);
    CHECK(listed[0]["level"] == "alerte");
    CHECK(listed[1]["text"] == "Salle 2 fermée aujourd'hui");
    CHECK(listed[1]["until"] == "2026-11-26T10:30:00+01:00");
    // Expired at 10:30; Nancy never had any.
    listed = nlohmann::json::parse(
        kioskctl.ok({"--at", "2026-11-26 10:30", "notice", "list", "--site", "rennes", "--json"}));
    CHECK(listed.size() == 1);
    CHECK_THAT(kioskctl.ok({"notice", "list", "--site", "nancy"}), Catch::Contains("aucun avis"));

    CHECK_THAT(kioskctl.ok({"--at", "2026-11-26 10:31", "notice", "clear", "--site", "rennes"}),
               Catch::StartsWith("1 avis retiré à rennes"));
    CHECK(nlohmann::json::parse(kioskctl.ok({"--at", "2026-11-26 10:32", "notice", "list",
                                             "--site", "rennes", "--json"}))
              .empty());
}

TEST_CASE("kioskctl notice refuses what the board could not show and writes nothing",
          "[kioskctl][notices][bad-input]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto before = kioskctl.snapshot();
    auto refused = [&](const std::vector<std::string>& arguments, const std::string& message) {
        const auto result = kioskctl(arguments);
        INFO(result.err);
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.err, Catch::Contains(message));
    };
    refused({"notice", "add", "Fermé"}, "quel site");
    refused({"--at", "2026-11-26 11:00", "notice", "add", "Fermé", "--site", "rennes", "--until", "10:00"},
            "déjà passée");
    refused({"notice", "add", "Fermé", "--site", "rennes", "--until", "10h"}, "attendu HH:MM");
    refused({"notice", "add", std::string(2001, 'a'), "--site", "rennes"}, "2000 au plus");
    refused({"notice", "clear", "zz", "--site", "rennes"}, "invalide");
    CHECK(kioskctl({"notice", "add", "Fermé", "--site", "rennes", "--level", "urgent"}).exit_code == 2);
    CHECK(kioskctl.snapshot() == before);

    // Measured with the board's fonts: what a screen would have to shorten is refused, with
    // the length that shows whole; nothing is posted.
    const std::string sentence = "Ascenseur en panne ce matin : l'accès aux salles du premier étage "
                                 "se fait par la rampe côté parking, derrière le bâtiment B";
    std::map<std::string, std::size_t> fitting;
    for (const auto& [text, level] : {std::pair{std::string(2000, 'a'), "info"},
                                      std::pair{sentence, "info"}, std::pair{sentence + sentence, "alerte"}}) {
        const auto result = kioskctl({"notice", "add", text, "--site", "rennes", "--level", level});
        INFO(result.err);
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.err, Catch::Contains("avis trop long pour l'écran"));
        std::smatch found;
        REQUIRE(std::regex_search(result.err, found,
                                  std::regex("(\\d+) caractères, alors qu'(un bandeau|une alerte) "
                                             "en montre (\\d+) en entier")));
        CHECK(std::stoul(found[1].str()) == kiosk_display::code_points(text).size());
        fitting[level] = std::stoul(found[3].str());
    }
    CHECK(kioskctl.snapshot() == before);
    // The length it names does fit: that much of the sentence is posted.
    std::string shown;
    for (const auto point : kiosk_display::code_points(sentence)) {
        if (kiosk_display::code_points(shown).size() == fitting["info"])
            break;
        shown += point;
    }
    CHECK(fitting["info"] > 40);
    const auto posted = kioskctl({"notice", "add", shown, "--site", "rennes"});
    INFO(posted.err);
    CHECK(posted.exit_code == 0);
}
