#include "kiosk/tickets/registration.hpp"

#include <catch2/catch.hpp>
#include <tuple>

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

TEST_CASE("a registrations sheet tells every problem at once, each at its line and column",
          "[registration][csv]")
{
    const auto sheet = kiosk::read_registration_sheet(
        "prenom;nom;email;session;telephone\n"
        "Anne;Martin;anne@example.fr;a1;\n" // 2: fine
        ";Petit;luc@exemple;a1;\n"          // 3: no first name, bad e-mail
        "Léa;Roux;;b2\n"                    // 4: a field short
        "anne;MARTIN;Anne@Example.fr;a1;\n" // 5: line 2 again
        "Anne;Martin;anne@example.fr;b2;\n" // 6: another session: fine
        "Marc;Blanc;;;" +
        std::string(1001, '0') + "\n"); // 7: a field too long
    CHECK(sheet.session_column == 4);
    REQUIRE(sheet.rows.size() == 2);
    CHECK(sheet.rows[0].session == "a1");
    CHECK(sheet.rows[1].line == 6);
    CHECK(sheet.rows[1].session == "b2");
    std::vector<std::tuple<int, int, std::string>> told;
    for (const auto& problem : sheet.problems)
        told.emplace_back(problem.line, problem.column, problem.field);
    CHECK(told == std::vector<std::tuple<int, int, std::string>>{
                      {3, 1, "prenom"}, {3, 3, "email"}, {4, 0, ""}, {5, 0, ""}, {7, 5, ""}});
    CHECK_THAT(sheet.problems[3].message, Catch::Contains("même personne qu'à la ligne 2"));
    CHECK_THAT(sheet.problems[4].message, Catch::Contains("champ trop long : 1001 octets"));
}

TEST_CASE("a registrations sheet is bounded in size and rows", "[registration][csv]")
{
    std::string many = "prenom;nom\n";
    for (std::size_t i = 0; i <= kiosk::max_registrations_rows; ++i)
        many += "A;B" + std::to_string(i) + "\n";
    const auto too_many = kiosk::read_registration_sheet(many);
    REQUIRE(too_many.problems.size() == 1);
    CHECK(too_many.problems[0].line == static_cast<int>(kiosk::max_registrations_rows) + 2);
    CHECK(too_many.rows.size() == kiosk::max_registrations_rows);

    const auto too_big = kiosk::read_registration_sheet(
        "prenom;nom\n" + std::string(kiosk::max_registrations_file_bytes, 'a'));
    REQUIRE(too_big.problems.size() == 1);
    CHECK(too_big.problems[0].line == 0);
    CHECK_THAT(too_big.problems[0].message, Catch::Contains("fichier trop gros"));
}
