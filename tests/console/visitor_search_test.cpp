// At a site, whose database receives from the office first names and never last names, staff
// still find a visitor by last name, typed any way: a real bundle from a real office database.

#include "console_site.hpp"

#include <catch2/catch.hpp>

using test::Browser;
using test::ConsoleServer;
using test::ConsoleSite;
using test::Kioskctl;

namespace {

std::string public_key_of(const std::string& generate_output)
{
    return generate_output.substr(generate_output.find("clé publique ") + 14, 64);
}

// Rennes plans its workshop; the office, which registers people, issues their tickets with
// full names; Rennes receives them by a bundle, as `kioskctl sync` carries them.
struct RennesFromOffice {
    Kioskctl office;
    Kioskctl rennes;
    std::string workshop;

    RennesFromOffice()
    {
        const auto issuer = (office.dir() / "office.key").string();
        office.ok({"init"});
        const auto office_key = public_key_of(office.ok({"keys", "generate", "--out", issuer}));
        office.ok({"keys", "trust", office_key});
        office.ok({"sync", "identity", "--office", "--key", issuer});
        rennes.ok({"init"});
        rennes.ok({"keys", "trust", office_key});
        const auto device_key = (rennes.dir() / "device.key").string();
        const auto device = public_key_of(rennes.ok({"keys", "generate", "--out", device_key}));
        rennes.ok({"sync", "identity", "--site", "rennes", "--key", device_key});
        office.ok({"sync", "register", "--site", "rennes", "--public-key", device});

        workshop = test::trimmed(
            rennes.ok({"session", "add", "--site", "rennes", "--kind", "atelier", "--title",
                       "Découvrir les outils numériques", "--start", "2026-11-26 14:30", "--end",
                       "16:00", "--room", "Salle Bréhat", "--capacity", "12"}));
        carry(rennes, office, "office");
        for (const auto& [first, last] :
             {std::pair{"Jean-Pierre", "Martin"}, std::pair{"Élodie", "Lefèvre"},
              std::pair{"Amina", "Diallo"}})
            office.ok({"ticket", "issue", "--session", workshop, "--first-name", first,
                       "--last-name", last, "--key", issuer});
        carry(office, rennes, "rennes");
        REQUIRE(rennes
                    .with_input({"staff", "add", "accueil", "--role", "staff"},
                                std::string(test::staff_password) + "\n")
                    .exit_code == 0);
    }

    static void carry(const Kioskctl& from, const Kioskctl& to, const std::string& recipient)
    {
        const auto bundle = (from.dir() / ("pour-" + recipient + ".bundle")).string();
        from.ok({"sync", "export", "--for", recipient, "--out", bundle});
        to.ok({"sync", "apply", bundle});
    }
};

} // namespace

TEST_CASE("At a site, a visitor is found by last name though the site never holds it", "[console]")
{
    RennesFromOffice network;
    // The site's file holds no last name, in any spelling.
    const auto file = test::read_file(network.rennes.database()) +
                      test::read_file(network.rennes.database() + "-wal");
    for (const char* name : {"Lefèvre", "Lef\xc3\xa8vre", "Martin", "Diallo"})
        CHECK(file.find(name) == std::string::npos);

    ConsoleServer server(network.rennes, "2026-11-26 14:20", "serve");
    Browser browser(server);
    REQUIRE(browser.sign_in("accueil", test::staff_password).status == 303);
    const std::string visitors = "/session/" + network.workshop + "/visiteurs";

    // All three, alphabetically by last name (its initial here), each named "Élodie L.".
    const auto all = browser.get(visitors);
    REQUIRE(all.status == 200);
    const auto amina = all.body.find("Amina D.");
    const auto elodie = all.body.find("Élodie L.");
    const auto jean = all.body.find("Jean-Pierre M.");
    REQUIRE(amina != std::string::npos);
    REQUIRE(elodie != std::string::npos);
    REQUIRE(jean != std::string::npos);
    CHECK((amina < elodie && elodie < jean));

    for (const char* typed : {"Lef%C3%A8vre", "lefevre", "LEFEVRE", "%C3%A9lodie%20lef%C3%A8vre"}) {
        INFO(typed);
        const auto found = browser.get(visitors + "?q=" + typed);
        REQUIRE(found.status == 200);
        CHECK(found.body.find("Élodie L.") != std::string::npos);
        CHECK(found.body.find("Jean-Pierre M.") == std::string::npos);
        CHECK(found.body.find("Amina D.") == std::string::npos);
    }
    CHECK(browser.get(visitors + "?q=martin").body.find("Jean-Pierre M.") != std::string::npos);
    const auto nobody = browser.get(visitors + "?q=Lefebvre");
    CHECK(nobody.body.find("Élodie L.") == std::string::npos);
    CHECK(nobody.body.find("Personne.") != std::string::npos);
}
