// Issuing a registrations list: one ticket per person, all or nothing, files after the commit,
// and a rerun that issues nobody twice.

#include "kiosk_print/output_file.hpp"
#include "ticket_office.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <fmt/format.h>
#include <set>
#include <sstream>

using test::TicketOffice;
using test::trimmed;

namespace {

std::vector<std::string> lines_of(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream stream(text);
    for (std::string line; std::getline(stream, line);)
        lines.push_back(line);
    return lines;
}

std::vector<std::string> fields_of(const std::string& line)
{
    std::vector<std::string> fields;
    std::istringstream stream(line);
    for (std::string field; std::getline(stream, field, ';');)
        fields.push_back(field);
    return fields;
}

std::size_t files_in(const std::filesystem::path& directory)
{
    if (!std::filesystem::exists(directory))
        return 0;
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(directory),
                                                  std::filesystem::directory_iterator{}));
}

// 200 people: accents, half of them without e-mail, an extra column the platform exports.
std::string two_hundred_registrations()
{
    std::string csv = "\xEF\xBB\xBFPrénom;Nom;E-mail;Date d'inscription;Note\n";
    const char* first[] = {"Hélène", "Zoé", "Jean-Pierre", "Noël", "Françoise"};
    for (int i = 0; i < 200; ++i) {
        const std::string email = i % 2 ? fmt::format("personne{}@example.fr", i) : "";
        csv += fmt::format("{};Lefèvre {};{};2026-10-{:02};{}\n", first[i % 5], i, email,
                           1 + i % 28, i % 7 == 0 ? "fauteuil roulant" : "");
    }
    return csv;
}

} // namespace

TEST_CASE("kioskctl ticket issue-batch: 200 people, then a rerun that issues nobody twice",
          "[kioskctl][tickets][batch]")
{
    TicketOffice office("250");
    const auto csv = office.kioskctl.dir() / "inscriptions.csv";
    kiosk_print::write_file_atomically(csv, two_hundred_registrations());
    const auto out = office.kioskctl.dir() / "billets";
    const std::vector<std::string> batch{"ticket",  "issue-batch", "--session", office.session,
                                         "--csv",   csv.string(),  "--key",     office.key_file,
                                         "--out-dir", out.string()};

    const auto started = std::chrono::steady_clock::now();
    const auto first = office.kioskctl.ok(batch);
    const auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
    WARN(fmt::format("issue-batch of 200 (PNG + PDF each): {:.2f} s", elapsed.count()));
    CHECK(first.find("200 inscriptions : 200 billets émis, 0 déjà émis") != std::string::npos);
    CHECK(files_in(out) == 401); // a PNG and a PDF each, and the index

    const auto index = lines_of(test::read_file((out / "index.csv").string()));
    REQUIRE(index.size() == 201);
    CHECK(index.front() == "ligne;prenom;nom;email;billet;statut;png;svg;pdf;payload");
    std::set<std::string> payloads;
    for (std::size_t i = 1; i < index.size(); ++i) {
        const auto fields = fields_of(index[i]);
        REQUIRE(fields.size() == 10);
        CHECK(fields[0] == std::to_string(i + 1));
        CHECK(fields[5] == "nouveau");
        CHECK(std::filesystem::exists(out / fields[6]));
        CHECK(std::filesystem::exists(out / fields[8]));
        payloads.insert(fields[9]);
    }
    CHECK(payloads.size() == 200);
    const auto sample = fields_of(index[3]); // Jean-Pierre Lefèvre 2
    CHECK(sample[6] == "billet-jean-pierre-lefevre-2-" + sample[4] + ".png");
    const auto read = test::run_process({"zbarimg", "-q", "--raw", (out / sample[6]).string()});
    CHECK(trimmed(read.out) == sample[9]);

    const auto rerun = office.kioskctl.ok(batch);
    CHECK(rerun.find("200 inscriptions : 0 billets émis, 200 déjà émis") != std::string::npos);
    CHECK(files_in(out) == 401);
    const auto again = lines_of(test::read_file((out / "index.csv").string()));
    REQUIRE(again.size() == 201);
    CHECK(fields_of(again[3])[5] == "deja_emis");
    CHECK(fields_of(again[3])[9] == sample[9]); // the same ticket, signed the same way
    const auto list = office.kioskctl.ok({"ticket", "list", "--session", office.session});
    CHECK(list.find("\n200 billets\n") != std::string::npos);
}

TEST_CASE("kioskctl ticket issue-batch: a revoked registration is not brought back by a rerun",
          "[kioskctl][tickets][batch]")
{
    TicketOffice office;
    const auto csv = office.kioskctl.dir() / "inscrits.csv";
    kiosk_print::write_file_atomically(
        csv, "first_name,last_name,email\r\nAnne,Martin,anne@example.fr\r\nLuc,Petit,\r\n");
    const auto out = office.kioskctl.dir() / "lot";
    const std::vector<std::string> batch{"ticket", "issue-batch", "--session", office.session,
                                         "--csv", csv.string(), "--key", office.key_file,
                                         "--out-dir", out.string(), "--formats", "svg"};
    office.kioskctl.ok(batch);
    const auto index = lines_of(test::read_file((out / "index.csv").string()));
    REQUIRE(index.size() == 3);
    const auto anne = fields_of(index[1]);
    CHECK(anne[7].ends_with(".svg"));
    office.kioskctl.ok({"ticket", "revoke", anne[4]});
    CHECK(office.kioskctl.ok(batch).find("0 billets émis, 1 déjà émis, 1 révoqués") !=
          std::string::npos);
    const auto rerun = lines_of(test::read_file((out / "index.csv").string()));
    CHECK(fields_of(rerun[1])[5] == "revoque");
    CHECK(fields_of(rerun[1]).size() == 9); // no payload for a revoked ticket
}

TEST_CASE("kioskctl ticket issue-batch: a bad file is refused whole, naming file:line:column",
          "[kioskctl][tickets][batch]")
{
    TicketOffice office;
    const auto dir = office.kioskctl.dir().path();
    const std::string long_name(200, 'e');
    struct Case {
        std::string csv;
        std::string message;
    };
    const std::vector<Case> cases{
        {"prenom;email\nAnne;anne@example.fr\n",
         "bad.csv:1 : colonne « nom » manquante"},
        {"prenom;nom;email\nAnne;Martin;anne@example.fr\nLuc;Petit;luc@exemple\n",
         "bad.csv:3:3 : adresse e-mail invalide « luc@exemple »"},
        {"prenom;nom\nAnne;Martin\nLuc;Petit\nanne;MARTIN\n",
         "bad.csv:4 : même personne qu'à la ligne 2"},
        {"prenom;nom\nAnne;Martin\n" + long_name + ";Petit\n",
         "bad.csv:3:1 : prénom trop long : 200 caractères, 100 au plus"},
        {"prenom;nom\nAnne;Martin 😀\n", "bad.csv:2:2 : nom : émoji ou pictogramme refusé"},
        {"prenom;nom\nAnne;Martin;en trop\n", "bad.csv:2 : 3 champs au lieu de 2"},
    };
    const auto out = dir / "out";
    const auto before = office.kioskctl.snapshot();
    for (const auto& c : cases) {
        kiosk_print::write_file_atomically(dir / "bad.csv", c.csv);
        const auto result =
            office.kioskctl({"ticket", "issue-batch", "--session", office.session, "--csv",
                             (dir / "bad.csv").string(), "--key", office.key_file, "--out-dir",
                             out.string()});
        INFO(c.message << " → " << result.err);
        CHECK(result.exit_code == 2);
        CHECK(result.err.find("lot refusé, rien n'a changé : ") != std::string::npos);
        CHECK(result.err.find(c.message) != std::string::npos);
    }
    CHECK(files_in(out) == 0);

    kiosk_print::write_file_atomically(dir / "good.csv", "prenom;nom\nAnne;Martin\n");
    kiosk_print::write_file_atomically(dir / "a-file", "x");
    struct Environment {
        std::vector<std::string> arguments;
        std::string message;
    };
    const std::vector<Environment> environments{
        {{"--session", "0123456789abcdef", "--key", office.key_file, "--out-dir", out.string()},
         "aucune session 0123456789abcdef"},
        {{"--session", office.session, "--key", (dir / "absent.key").string(), "--out-dir",
          out.string()},
         "absent.key"},
        {{"--session", office.session, "--key", office.key_file, "--out-dir",
          (dir / "a-file" / "billets").string()},
         "a-file/billets : dossier impossible à créer"},
    };
    for (const auto& e : environments) {
        std::vector<std::string> arguments{"ticket", "issue-batch", "--csv",
                                           (dir / "good.csv").string()};
        arguments.insert(arguments.end(), e.arguments.begin(), e.arguments.end());
        const auto result = office.kioskctl(arguments);
        INFO(e.message << " → " << result.err);
        CHECK(result.exit_code == 2);
        CHECK(result.err.find(e.message) != std::string::npos);
    }
    CHECK(files_in(out) == 0);
    CHECK(office.kioskctl.snapshot() == before);
}
