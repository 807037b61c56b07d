// One registrations file for several sessions (by id or calendar UID): every problem told at
// once and nothing written, or every session's tickets issued, printed four to an A4 sheet and
// kept in the audit trail.

#include "import_support.hpp"
#include "kiosk_print/output_file.hpp"
#include "sql.hpp"
#include "ticket_office.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <map>
#include <set>
#include <sstream>

using test::TicketOffice;
using test::trimmed;

namespace {

std::vector<std::string> split(const std::string& text, char separator)
{
    std::vector<std::string> parts;
    std::istringstream stream(text);
    for (std::string part; std::getline(stream, part, separator);)
        parts.push_back(part);
    return parts;
}

std::size_t files_in(const std::filesystem::path& directory)
{
    if (!std::filesystem::exists(directory))
        return 0;
    return static_cast<std::size_t>(std::distance(std::filesystem::directory_iterator(directory),
                                                  std::filesystem::directory_iterator{}));
}

std::string tool_output(const std::vector<std::string>& command)
{
    const auto result = test::run_process(command);
    INFO(command.front() << ": " << result.err);
    REQUIRE(result.exit_code == 0);
    return result.out;
}

// The office's workshop (capacity given), a Nancy workshop, and a Rennes session imported from
// a calendar, which a file may name by the UID `session list --json` shows.
struct ThreeSessions {
    TicketOffice office;
    std::string nancy, imported_id, imported_uid;

    explicit ThreeSessions(const std::string& capacity)
        : office(capacity)
    {
        nancy = trimmed(
            office.kioskctl.ok({"session", "add", "--site", "nancy", "--kind", "atelier", "--title",
                                "Tableurs", "--start", "2026-11-27 10:00", "--end", "12:00",
                                "--room", "Salle A", "--capacity", "14"}));
        test::import_json(office.kioskctl, test::fixture("bom_crlf_fold.ics"),
                          {"--site", "rennes", "--to", "2026-11-30"});
        const auto day = office.kioskctl.day("rennes", "2026-11-05");
        REQUIRE(day["sessions"].size() == 1);
        imported_id = day["sessions"][0]["id"];
        imported_uid = day["sessions"][0]["uid"];
        REQUIRE_FALSE(imported_uid.empty());
    }

    test::ProcessResult batch(const std::filesystem::path& csv, std::vector<std::string> extra)
    {
        std::vector<std::string> arguments{
            "ticket", "issue-batch",   "--csv",     csv.string(),
            "--key",  office.key_file, "--out-dir", (office.kioskctl.dir() / "billets").string()};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        return office.kioskctl(arguments);
    }
};

} // namespace

TEST_CASE("kioskctl ticket issue-batch: a file for three sessions with four problems is refused "
          "whole, each problem told at once",
          "[kioskctl][tickets][batch]")
{
    ThreeSessions sessions("2");
    const auto dir = sessions.office.kioskctl.dir().path();
    const auto csv = dir / "mois.csv";
    kiosk_print::write_file_atomically(csv, fmt::format("prenom;nom;email;session\n"
                                                        "Anne;Martin;anne@example.fr;{0}\n"
                                                        "Luc;Petit;;{0}\n"
                                                        "Zoé;Nguyễn;zoe@exemple;{1}\n"
                                                        "Léa;Roux;;atelier-inconnu@ailleurs\n"
                                                        "Marc;Blanc;;{2}\n"
                                                        "anne;MARTIN;Anne@Example.fr;{0}\n"
                                                        "Hugo;Martin;;{0}\n",
                                                        sessions.office.session, sessions.nancy,
                                                        sessions.imported_uid));
    const auto sheet = dir / "planche.pdf";
    const auto before = sessions.office.kioskctl.snapshot();

    const auto result = sessions.batch(csv, {"--pdf-sheet", sheet.string(), "--by", "claire"});
    INFO(result.err);
    CHECK(result.exit_code == 2);
    const auto path = csv.string();
    CHECK_THAT(result.err,
               Catch::Contains("lot refusé, rien n'a changé : 4 problèmes dans " + path));
    CHECK_THAT(result.err,
               Catch::Contains(path + ":4:3 : adresse e-mail invalide « zoe@exemple »"));
    CHECK_THAT(result.err, Catch::Contains(path + ":5:4 : session inconnue « "
                                                  "atelier-inconnu@ailleurs »"));
    CHECK_THAT(result.err, Catch::Contains(path + ":7 : même personne qu'à la ligne 2 "
                                                  "(anne@example.fr) : ligne en double"));
    CHECK_THAT(result.err, Catch::Contains(path + ":8:4 : « Créer sa boutique en ligne : "
                                                  "démarches et équipement » a 2 places et 0 "
                                                  "billets valables : les 3 de ce fichier la "
                                                  "dépasseraient de 1"));
    CHECK(result.out.empty());
    CHECK(sessions.office.kioskctl.snapshot() == before);
    CHECK(files_in(dir / "billets") == 0);
    CHECK_FALSE(std::filesystem::exists(sheet));
}

TEST_CASE("kioskctl ticket issue-batch: a file for three sessions issues each its tickets, on an "
          "A4 sheet of four",
          "[kioskctl][tickets][batch]")
{
    ThreeSessions sessions("14");
    auto& kioskctl = sessions.office.kioskctl;
    const auto dir = kioskctl.dir().path();
    const auto csv = dir / "mois.csv";
    // The last row has no session: --session gives it one.
    kiosk_print::write_file_atomically(csv, fmt::format("Prénom,Nom,Courriel,Séance\n"
                                                        "Zoé,Nguyễn,zoe@example.fr,{0}\n"
                                                        "Jürgen,Straße,,{1}\n"
                                                        "Дмитрий,Иванов,,{2}\n"
                                                        "Anne,Martin,anne@example.fr,{0}\n"
                                                        "Anne,Martin,anne@example.fr,{1}\n"
                                                        "Luc,Petit,,\n",
                                                        sessions.office.session, sessions.nancy,
                                                        sessions.imported_uid));
    const auto sheet = dir / "planche.pdf";
    const auto out =
        kioskctl.ok({"ticket", "issue-batch", "--csv", csv.string(), "--key",
                     sessions.office.key_file, "--out-dir", (dir / "billets").string(), "--session",
                     sessions.nancy, "--pdf-sheet", sheet.string(), "--by", "claire"});
    CHECK_THAT(out, Catch::Contains("6 inscriptions : 6 billets émis, 0 déjà émis"));
    CHECK_THAT(out, Catch::Contains("« Tableurs » (" + sessions.nancy + ") : 3 billets émis"));
    CHECK_THAT(out, Catch::Contains("planche : 6 billets sur 2 pages A4"));

    const auto index = split(test::read_file((dir / "billets" / "index.csv").string()), '\n');
    REQUIRE(index.size() == 7);
    CHECK(index[0] == "ligne;session;prenom;nom;email;billet;statut;png;svg;pdf;payload");
    std::map<std::string, std::string> session_of;
    std::set<std::string> payloads;
    for (std::size_t i = 1; i < index.size(); ++i) {
        const auto fields = split(index[i], ';');
        REQUIRE(fields.size() == 11);
        session_of[fields[2] + ' ' + fields[3] + ' ' + fields[0]] = fields[1];
        CHECK(fields[6] == "nouveau");
        CHECK(std::filesystem::exists(dir / "billets" / fields[7]));
        payloads.insert(fields[10]);
        if (fields[2] == "Zoé")
            CHECK(fields[7] == "billet-zoe-nguyen-" + fields[5] + ".png");
        if (fields[2] == "Jürgen")
            CHECK(fields[9] == "billet-jurgen-strasse-" + fields[5] + ".pdf");
        if (fields[2] == "Дмитрий")
            CHECK(fields[7] == "billet-дмитрий-иванов-" + fields[5] + ".png");
    }
    CHECK(payloads.size() == 6);
    CHECK(session_of["Zoé Nguyễn 2"] == sessions.office.session);
    CHECK(session_of["Jürgen Straße 3"] == sessions.nancy);
    CHECK(session_of["Дмитрий Иванов 4"] == sessions.imported_id);
    CHECK(session_of["Anne Martin 6"] == sessions.nancy);
    CHECK(session_of["Luc Petit 7"] == sessions.nancy);
    CHECK_THAT(kioskctl.ok({"ticket", "list", "--session", sessions.office.session}),
               Catch::Contains("\n2 billets\n"));
    CHECK_THAT(kioskctl.ok({"ticket", "list", "--session", sessions.nancy}),
               Catch::Contains("\n3 billets\n"));
    CHECK_THAT(kioskctl.ok({"ticket", "list", "--session", sessions.imported_id}),
               Catch::Contains("\n1 billets\n"));

    // ceil(6 / 4) A4 pages, and every ticket's code read from the printed sheet.
    const auto info = tool_output({"pdfinfo", sheet.string()});
    const auto pages = info.find("Pages:");
    REQUIRE(pages != std::string::npos);
    CHECK(std::stoi(info.substr(pages + 6)) == 2);
    CHECK_THAT(info, Catch::Contains("x 841.89 pts (A4)"));
    const auto raster = dir / "planche";
    tool_output({"pdftoppm", "-r", "150", "-png", sheet.string(), raster.string()});
    std::set<std::string> read;
    for (const auto* page : {"planche-1.png", "planche-2.png"})
        for (const auto& line :
             split(tool_output({"zbarimg", "-q", "--raw", (dir / page).string()}), '\n'))
            if (!line.empty())
                read.insert(line);
    CHECK(read == payloads);

    test::Sql sql(kioskctl.database(), test::Sql::Mode::ReadOnly);
    CHECK(sql.text("SELECT actor || ':' || action || ':' || target FROM audit_log WHERE action "
                   "= 'ticket.issue_batch'") == "claire:ticket.issue_batch:mois.csv");
    CHECK(sql.integer("SELECT json_extract(after_state, '$.registrations') FROM audit_log "
                      "WHERE action = 'ticket.issue_batch'") == 6);
    CHECK(sql.integer("SELECT json_array_length(after_state, '$.sessions') FROM audit_log "
                      "WHERE action = 'ticket.issue_batch'") == 3);
    CHECK(sql.integer("SELECT count(*) FROM audit_log, json_each(after_state, '$.sessions') s "
                      "WHERE json_extract(s.value, '$.session') = ?1 AND "
                      "json_extract(s.value, '$.issued') = 3",
                      {sessions.nancy}) == 1);

    // A rerun issues nobody twice and leaves its own audit row.
    CHECK_THAT(kioskctl.ok({"ticket", "issue-batch", "--csv", csv.string(), "--key",
                            sessions.office.key_file, "--out-dir", (dir / "billets").string(),
                            "--session", sessions.nancy}),
               Catch::Contains("6 inscriptions : 0 billets émis, 6 déjà émis"));
    CHECK(sql.integer("SELECT count(*) FROM audit_log WHERE action = 'ticket.issue_batch'") == 2);
}

TEST_CASE("kioskctl ticket issue-batch: rows without a session, a cancelled session and bounds "
          "are refused with file:line:column",
          "[kioskctl][tickets][batch]")
{
    ThreeSessions sessions("14");
    auto& kioskctl = sessions.office.kioskctl;
    const auto dir = kioskctl.dir().path();
    kioskctl.ok({"session", "update", sessions.nancy, "--status", "cancelled"});
    const auto before = kioskctl.snapshot();
    struct Case {
        std::string csv;
        std::vector<std::string> options;
        std::vector<std::string> told;
    };
    const std::vector<Case> cases{
        {"prenom;nom\nAnne;Martin\n", {}, {"f.csv:2 : aucune session"}},
        {fmt::format("prenom;nom;session\nAnne;Martin;\nLuc;Petit;{}\n", sessions.nancy),
         {},
         {"2 problèmes", "f.csv:2:3 : session manquante",
          "f.csv:3:3 : la session « Tableurs » (" + sessions.nancy + ") est annulée"}},
        {"prenom;nom;autre\nAnne;Martin;" + std::string(1200, 'x') + "\n",
         {"--session", sessions.office.session},
         {"f.csv:2:3 : champ trop long : 1200 octets, 1000 au plus"}},
        {"prenom;nom\n" + std::string(9 * 1024 * 1024, 'a') + "\n",
         {"--session", sessions.office.session},
         {"f.csv : fichier trop gros"}},
    };
    for (const auto& c : cases) {
        kiosk_print::write_file_atomically(dir / "f.csv", c.csv);
        const auto result = sessions.batch(dir / "f.csv", c.options);
        CHECK(result.exit_code == 2);
        for (const auto& told : c.told) {
            INFO(told << " → " << result.err);
            CHECK_THAT(result.err,
                       Catch::Contains("lot refusé, rien n'a changé : ") && Catch::Contains(told));
        }
    }
    CHECK(kioskctl.snapshot() == before);
    CHECK(files_in(dir / "billets") == 0);
}
