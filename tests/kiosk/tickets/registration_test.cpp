#include "kiosk/tickets/registration.hpp"

#include <catch2/catch.hpp>

using kiosk::Registration;

TEST_CASE("a registration is the same person by e-mail, else by folded names",
          "[registration]")
{
    CHECK(kiosk::registration_identity({"Anne", "Martin", "Anne.Martin@Example.FR", ""}) ==
          "email:anne.martin@example.fr");
    CHECK(kiosk::registration_identity({"Jean-Pierre", "Lefèvre", "", ""}) ==
          kiosk::registration_identity({" jean  pierre", "LEFÈVRE", "", ""}));
    CHECK(kiosk::registration_identity({"Œdipe", "D’Arc", "", ""}) == "nom:oedipe|d arc");
    CHECK(kiosk::registration_identity({"Anne", "Martin", "", ""}) !=
          kiosk::registration_identity({"Anne", "Martine", "", ""}));
}

TEST_CASE("registrations are checked: names, e-mail, note", "[registration]")
{
    CHECK_FALSE(kiosk::validate({"Zoé", "N'Diaye-Lefèvre", "zoe@mairie.saint-etienne.fr",
                                 "fauteuil roulant"}));
    CHECK_FALSE(kiosk::validate({"李", "Ørsted", "", ""}));
    const std::vector<std::pair<Registration, std::string>> refused{
        {{"", "Martin", "", ""}, "prenom"},
        {{"Anne", std::string(101, 'a'), "", ""}, "nom"},
        {{"Anne 👍", "Martin", "", ""}, "prenom"},
        {{"Anne", "Martin\x01", "", ""}, "nom"},
        {{"Anne", "\xC3(", "", ""}, "nom"},
        {{"Anne", "Martin", "", std::string(201, 'n')}, "note"},
        {{"Anne", "Martin", "anne.example.fr", ""}, "email"},
        {{"Anne", "Martin", "anne@example", ""}, "email"},
        {{"Anne", "Martin", "anne @example.fr", ""}, "email"},
        {{"Anne", "Martin", "anne@@example.fr", ""}, "email"},
        {{"Anne", "Martin", "anne@-example.fr", ""}, "email"},
    };
    for (const auto& [registration, field] : refused) {
        const auto problem = kiosk::validate(registration);
        INFO(registration.first_name << " " << registration.last_name << " "
                                     << registration.email);
        REQUIRE(problem);
        CHECK(problem->field == field);
    }
    CHECK(kiosk::validate({std::string(100, 'a'), "é", "", ""}) == std::nullopt);
}

TEST_CASE("a registrations CSV: column names in French or English, other columns ignored",
          "[registration][csv]")
{
    const auto rows = kiosk::read_registrations_csv(
        "\xEF\xBB\xBF"
        "First name,Last_Name,Téléphone,Courriel,Remarque\r\n"
        "Anne,Martin,0600000000,anne@example.fr,\"fauteuil roulant, accès rampe\"\r\n"
        "\r\n"
        " Luc , Petit ,,,\r\n");
    REQUIRE(rows);
    REQUIRE(rows->size() == 2);
    CHECK(rows->at(0).registration.note == "fauteuil roulant, accès rampe");
    CHECK(rows->at(0).registration.email == "anne@example.fr");
    CHECK(rows->at(1).registration.first_name == "Luc");
    CHECK(rows->at(1).line == 4);

    const auto no_rows = kiosk::read_registrations_csv("prenom;nom\n");
    REQUIRE(no_rows);
    CHECK(no_rows->empty());
    const auto doubled = kiosk::read_registrations_csv("prenom;nom;Prénom\nA;B;C\n");
    REQUIRE_FALSE(doubled);
    CHECK(doubled.error().column == 3);
    CHECK(kiosk::read_registrations_csv("").error().line == 0);
}
