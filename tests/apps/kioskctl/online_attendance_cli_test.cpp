// `kioskctl attendance import-online` and `attendance --trained` through the binary, on the
// platforms' reports of tests/data/online: a national live session on 26 November 2026,
// 14:30–16:30, with five registrations.

#include "build_paths.hpp"
#include "kioskctl.hpp"
#include "sql.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

namespace {

const std::string data = test::source_dir() + "/tests/data/online/";

class OnlineOffice {
public:
    test::Kioskctl kioskctl;
    std::string session;

    OnlineOffice()
    {
        kioskctl.ok({"init"});
        const auto key = (kioskctl.dir() / "issuer.key").string();
        const auto out = kioskctl.ok({"keys", "generate", "--out", key});
        kioskctl.ok({"keys", "trust", out.substr(out.find("clé publique ") + 14, 64)});
        session = test::trimmed(kioskctl.ok({"session", "add", "--site", "national", "--kind",
                                             "live", "--title", "Lancer son site Internet",
                                             "--start", "2026-11-26 14:30", "--end", "16:30"}));
        for (const auto& [first, last, email] :
             {std::tuple{"Léa", "Martin", "lea.martin@example.fr"},
              std::tuple{"Jean-Pierre", "Lefèvre", "jp.lefevre@exemple.com"},
              std::tuple{"Zoé", "Nguyễn", ""},
              std::tuple{"Hélène", "Dubois", "helene.dubois@example.org"},
              std::tuple{"Marc", "Durand", "marc.durand@example.fr"}}) {
            std::vector<std::string> arguments{"ticket",       "issue", "--session",   session,
                                               "--first-name", first,   "--last-name", last,
                                               "--key",        key};
            if (*email != '\0')
                arguments.insert(arguments.end(), {"--email", email});
            kioskctl.ok(arguments);
        }
    }

    test::ProcessResult import(const std::string& file, std::vector<std::string> extra = {})
    {
        std::vector<std::string> arguments{
            "--at", "2026-11-26 17:00", "attendance", "import-online", "--session", session, file};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        return kioskctl(arguments);
    }

    // An import that must succeed: what it says on standard output.
    std::string imported(const std::string& file, std::vector<std::string> extra = {})
    {
        const auto result = import(file, std::move(extra));
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
        return result.out;
    }

    // An import that must be refused: what it says on standard error.
    std::string refused(const std::string& file, std::vector<std::string> extra = {})
    {
        const auto result = import(file, std::move(extra));
        CHECK(result.exit_code != 0);
        return result.err;
    }

    // `attendance --trained` over November 2026, with the extra arguments (format, chart).
    std::string trained_report(std::vector<std::string> extra)
    {
        std::vector<std::string> arguments{"attendance", "--trained", "--from", "2026-11-01",
                                           "--to", "2026-11-30"};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        return kioskctl.ok(arguments);
    }

    nlohmann::json trained()
    {
        return nlohmann::json::parse(trained_report({"--format", "json"}));
    }

    int count(const std::string& sql) const
    {
        return static_cast<int>(test::Sql(kioskctl.database()).integer(sql));
    }
};

} // namespace

TEST_CASE("kioskctl attendance import-online: a Zoom report, then the same file again",
          "[kioskctl][online]")
{
    OnlineOffice office;
    CHECK_THAT(office.imported(data + "zoom_participants.csv"),
               Catch::Contains("rapport Zoom, 4 participant(s)") &&
                   Catch::Contains("1 par e-mail, 2 par nom") &&
                   Catch::Contains("non inscrits : 1") &&
                   Catch::Contains("présents (au moins 60 min) : 3") &&
                   Catch::Contains("organisateur(s) écarté(s) : 1"));
    CHECK(office.count("SELECT count(*) FROM online_attendance") == 4);
    CHECK(office.count("SELECT minutes FROM online_attendance WHERE email = "
                       "'lea.martin@example.fr'") == 119);
    CHECK(office.count("SELECT count(*) FROM tickets") == 5); // the stranger got no ticket
    CHECK(office.count("SELECT count(*) FROM audit_log WHERE action = "
                       "'attendance.import_online'") == 1);

    const auto trail = office.kioskctl.ok({"audit", "--since", "2026-11-01"});
    CHECK_THAT(trail, Catch::Contains("a importé le rapport de présence en ligne "
                                      "« zoom_participants.csv » (zoom) : 4 participants, "
                                      "3 présents, 1 non inscrit"));

    const auto snapshot = office.kioskctl.snapshot();
    CHECK_THAT(office.imported(data + "zoom_participants.csv"), Catch::Contains("déjà importé"));
    CHECK(office.kioskctl.snapshot() == snapshot);
}

TEST_CASE("kioskctl attendance import-online: a later export of the session replaces the first",
          "[kioskctl][online]")
{
    OnlineOffice office;
    office.imported(data + "zoom_participants.csv");
    CHECK_THAT(office.imported(data + "teams_attendance.csv"),
               Catch::Contains("remplace l'import précédent") &&
                   Catch::Contains("rapport Teams, 4 participant(s)"));
    CHECK(office.count("SELECT count(*) FROM online_attendance") == 4);
    CHECK(office.count("SELECT present FROM online_attendance WHERE email = "
                       "'helene.dubois@example.org'") == 0);
    CHECK_THAT(office.imported(data + "meet_attendance.csv", {"--threshold", "100"}),
               Catch::Contains("rapport Meet") &&
                   Catch::Contains("présents (au moins 100 min) : 3"));
    CHECK(office.count("SELECT count(*) FROM online_attendance") == 4);
    CHECK(office.count("SELECT count(*) FROM audit_log WHERE action = "
                       "'attendance.import_online'") == 3);
}

TEST_CASE("kioskctl attendance import-online refuses, in French and writing nothing, a report of "
          "another session, of another shape or with a bad line",
          "[kioskctl][online]")
{
    OnlineOffice office;
    const auto snapshot = office.kioskctl.snapshot();

    CHECK_THAT(office.refused(data + "zoom_other_session.csv"),
               Catch::Contains("rien n'a changé") && Catch::Contains("zoom_other_session.csv") &&
                   Catch::Contains("vendredi 27 novembre"));
    CHECK_THAT(office.refused(data + "not_an_attendance_report.csv"),
               Catch::Contains("ce n'est pas un rapport de présence"));

    const auto bad = office.kioskctl.dir() / "zoom_bad.csv";
    std::ofstream(bad, std::ios::binary)
        << "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\r\n"
           "Léa Martin,lea.martin@example.fr,11/26/2026 02:29:03 PM,11/26/2026 04:30:00 "
           "PM,121,Yes\r\n"
           "Paul,,hier,11/26/2026 04:30:00 PM,3,Yes\r\n";
    CHECK_THAT(office.refused(bad.string()),
               Catch::Contains("zoom_bad.csv:3 (colonne « Join Time »)"));

    CHECK_THAT(office.refused(data + "zoom_participants.csv", {"--threshold", "500"}),
               Catch::Contains("seuil de 500 min hors de la durée de la session"));
    CHECK_THAT(office.refused(data + "nowhere.csv"), Catch::Contains("introuvable"));
    CHECK(office.kioskctl.snapshot() == snapshot);
}

TEST_CASE("kioskctl attendance --trained: distinct people, counts only, the same after purge",
          "[kioskctl][online][trained]")
{
    OnlineOffice office;
    office.imported(data + "zoom_participants.csv");
    const auto before = office.trained();
    CHECK(before.at("total").at("people") == 3);
    CHECK(before.at("total").at("online") == 3);
    CHECK(before.at("by_site").at(0).at("site") == "en ligne");
    CHECK(before.at("by_kind").at(0).at("kind") == "live");
    CHECK(before.at("by_month").at(0).at("month") == "2026-11");
    CHECK_THAT(before.at("note").get<std::string>(), Catch::Contains("pas la somme des lignes"));

    const auto table = office.trained_report({});
    CHECK_THAT(table, Catch::Contains("novembre 2026") && Catch::Contains("Total"));
    const auto csv = office.trained_report({"--format", "csv"});
    CHECK_THAT(csv, Catch::Contains("total,2026-11-01 au 2026-11-30,3,0,0,3\r\n"));
    for (const auto& text : {table, csv, before.dump()})
        CHECK(text.find("Martin") == std::string::npos);

    const auto chart = office.kioskctl.dir() / "formes.png";
    office.trained_report({"--chart", chart.string()});
    CHECK(test::read_file(chart.string()).substr(0, 8) == "\x89PNG\r\n\x1a\n");
    const auto drawing = office.kioskctl.dir() / "formes.svg";
    office.trained_report({"--chart", drawing.string()});
    CHECK_THAT(test::read_file(drawing.string()), Catch::Contains("<svg"));

    const auto purged =
        office.kioskctl.ok({"--at", "2026-12-05 10:00", "purge", "--before", "2026-12-01"});
    CHECK_THAT(purged, Catch::Contains("4 participant(s) en ligne"));
    CHECK(office.count("SELECT count(*) FROM online_attendance WHERE name <> '' OR email <> ''") ==
          0);
    CHECK(office.trained() == before);
}
