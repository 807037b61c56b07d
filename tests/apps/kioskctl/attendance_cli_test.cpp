// `kioskctl attendance` and `purge` end to end through the binary, on the known day of
// attendance_fixture.hpp. The CSV is read back by Python's csv module, an independent reader.

#include "attendance_fixture.hpp"
#include "build_paths.hpp"
#include "process.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

namespace {

class Reports : public test::AttendanceFixture {
public:
    test::ProcessResult kioskctl(std::vector<std::string> arguments,
                                 const std::string& now = "2026-11-26 17:00")
    {
        arguments.insert(arguments.begin(), {test::kioskctl_program(), "--db",
                                             (dir() / "site.db").string(), "--at", now});
        return test::run_process(arguments,
                                 {{"DISPLAY", ""}, {"KIOSK_DB", ""}, {"KIOSK_CONFIG", ""}});
    }

    std::string ok(const std::vector<std::string>& arguments,
                   const std::string& now = "2026-11-26 17:00")
    {
        const auto result = kioskctl(arguments, now);
        INFO("stderr: " << result.err);
        REQUIRE(result.exit_code == 0);
        return result.out;
    }

    // Rows of a CSV as Python's csv.DictReader sees them.
    nlohmann::json read_csv(const std::string& text)
    {
        const auto path = dir() / "report.csv";
        std::ofstream(path, std::ios::binary) << text;
        const auto parsed = test::run_process(
            {"python3", "-c",
             "import csv, json, sys\n"
             "with open(sys.argv[1], encoding='utf-8-sig', newline='') as f:\n"
             "    print(json.dumps(list(csv.DictReader(f, strict=True))))\n",
             path.string()});
        INFO("python: " << parsed.err);
        REQUIRE(parsed.exit_code == 0);
        return nlohmann::json::parse(parsed.out);
    }
};

const nlohmann::json& by_title(const nlohmann::json& list, const std::string& key,
                               const std::string& title)
{
    for (const auto& item : list)
        if (item.at(key) == title)
            return item;
    FAIL("no row titled " << title);
    throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("kioskctl attendance --format csv: RFC 4180 that a spreadsheet reads back exactly",
          "[kioskctl][attendance]")
{
    Reports reports;
    const auto text = reports.ok({"attendance", "--site", "rennes", "--date", "2026-11-26",
                                  "--format", "csv"});
    CHECK(text.rfind("\xEF\xBB\xBF", 0) == 0); // so that a double-click keeps the accents
    CHECK(text.find("\r\n") != std::string::npos);
    const auto rows = reports.read_csv(text);
    REQUIRE(rows.size() == 2);
    const auto& tableur = by_title(rows, "titre", "Tableur : les bases");
    CHECK(tableur.at("site") == "rennes");
    CHECK(tableur.at("date") == "2026-11-26");
    CHECK(tableur.at("début") == "10:00");
    CHECK(tableur.at("capacité") == "12");
    CHECK(tableur.at("billets") == "4");
    CHECK(tableur.at("entrées") == "3");
    CHECK(tableur.at("sans billet") == "1");
    CHECK(tableur.at("absents") == "1");
    CHECK(tableur.at("taux") == "0.7500");
    CHECK(tableur.at("première arrivée") == "09:40");
    CHECK(tableur.at("dernière arrivée") == "10:05");
    CHECK(tableur.at("refus") == "3");
    CHECK(tableur.at("refus : déjà enregistré") == "1");
    CHECK(tableur.at("refus : autre site") == "1");
    CHECK(tableur.at("refus : billet révoqué") == "1");

    // A title with a comma and French quotes survives the quoting.
    const auto nancy = reports.read_csv(reports.ok(
        {"attendance", "--site", "nancy", "--date", "2026-11-26", "--format", "csv"}));
    REQUIRE(nancy.size() == 1);
    CHECK(nancy[0].at("titre") == "Compta, « facile »");
    CHECK(nancy[0].at("taux") == "1.0000");
}

TEST_CASE("kioskctl attendance --format csv: a title or a room typed as a formula stays text",
          "[kioskctl][attendance]")
{
    Reports reports;
    const auto id = reports.add_named("rennes", "=HYPERLINK(\"https://exemple.invalid\";\"clic\")",
                                      "2026-11-26 15:00", "2026-11-26 16:00", 10);
    auto session = *kiosk::SessionStore(reports.store()).find(id);
    session.room = "@SUM(A1:A9)";
    session.trainer = "+33 6 00 00 00 00";
    REQUIRE(kiosk::SessionStore(reports.store()).update(session, session.start));

    const auto text = reports.ok({"attendance", "--site", "rennes", "--date", "2026-11-26",
                                  "--format", "csv"});
    const auto rows = reports.read_csv(text);
    const auto& formula =
        by_title(rows, "titre", "'=HYPERLINK(\"https://exemple.invalid\";\"clic\")");
    CHECK(formula.at("salle") == "'@SUM(A1:A9)");
    // No line of the file has a cell that begins a formula.
    for (const auto& row : rows)
        for (const auto& [column, value] : row.items()) {
            const auto cell = value.get<std::string>();
            CHECK((cell.empty() || std::string("=+-@\t\r").find(cell.front()) ==
                                       std::string::npos));
        }
}

TEST_CASE("kioskctl attendance --format json: the documented document with exact figures",
          "[kioskctl][attendance]")
{
    Reports reports;
    const auto document = nlohmann::json::parse(
        reports.ok({"attendance", "--all-sites", "--from", "2026-11-25", "--to", "2026-11-27",
                    "--format", "json"}));
    CHECK(document.at("format") == "atelier-kiosk/attendance");
    CHECK(document.at("version") == 1);
    CHECK(document.at("scope").at("site").is_null());
    CHECK(document.at("sessions").size() == 4);

    const auto& tableur = by_title(document.at("sessions"), "title", "Tableur : les bases");
    CHECK(tableur.at("tickets") == 4);
    CHECK(tableur.at("checked_in") == 3);
    CHECK(tableur.at("walk_ins") == 1);
    CHECK(tableur.at("no_shows") == 1);
    CHECK(tableur.at("attendance_rate").get<double>() == Approx(0.75));
    CHECK(tableur.at("refusals") ==
          nlohmann::json{{"already_checked_in", 1}, {"wrong_site", 1}, {"revoked", 1}});
    CHECK(tableur.at("arrivals") == nlohmann::json::parse(R"([{"offset_min":-30,"count":1},
        {"offset_min":-15,"count":1},{"offset_min":0,"count":2}])"));

    const auto& live = by_title(document.at("sessions"), "title", "Lancer sa boutique en ligne");
    CHECK(live.at("measured") == false);
    CHECK(live.at("attendance_rate").is_null());

    const auto& overall = document.at("overall");
    CHECK(overall.at("tickets") == 8);
    CHECK(overall.at("checked_in") == 5);
    CHECK(overall.at("walk_ins") == 1);
    CHECK(overall.at("no_shows") == 3);
    CHECK(overall.at("refusals").at("not_a_ticket") == 1);
    int per_site_tickets = 0;
    for (const auto& site : document.at("per_site"))
        per_site_tickets += site.at("tickets").get<int>();
    CHECK(per_site_tickets == 8);
    CHECK(document.at("per_day").size() == 3); // Rennes, Nancy and the national session
}

TEST_CASE("kioskctl attendance: an aligned table, and plain answers to odd requests",
          "[kioskctl][attendance]")
{
    Reports reports;
    const auto table = reports.ok({"attendance", "--site", "rennes", "--date", "2026-11-26"});
    CHECK(table.find("Présence — Rennes, jeudi 26 novembre 2026") != std::string::npos);
    CHECK(table.find("Tableur : les bases") != std::string::npos);
    CHECK(table.find("75 %") != std::string::npos);
    CHECK(table.find("déjà enregistré") != std::string::npos);

    const auto empty = reports.kioskctl({"attendance", "--site", "rennes", "--date", "2026-11-29"});
    CHECK(empty.exit_code == 0);
    CHECK(empty.out.find("Aucune session") != std::string::npos);

    const auto unknown = reports.kioskctl({"attendance", "--site", "brest"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("site inconnu « brest »") != std::string::npos);

    const auto elsewhere = reports.kioskctl({"attendance", "--site", "montpellier"});
    CHECK(elsewhere.exit_code == 2);
    CHECK(elsewhere.err.find("aucune session de Montpellier") != std::string::npos);

    const auto backwards =
        reports.kioskctl({"attendance", "--site", "rennes", "--from", "2026-11-27", "--to",
                          "2026-11-26"});
    CHECK(backwards.exit_code == 2);
    CHECK(backwards.err.find("--to 2026-11-26 est avant --from 2026-11-27") != std::string::npos);

    const auto half = reports.kioskctl({"attendance", "--site", "rennes", "--from", "2026-11-27"});
    CHECK(half.exit_code == 2);
}

TEST_CASE("kioskctl purge: names gone, the report unchanged", "[kioskctl][attendance]")
{
    Reports reports;
    const std::vector<std::string> report{"attendance", "--all-sites", "--date", "2026-11-26",
                                          "--format", "json"};
    auto before = nlohmann::json::parse(reports.ok(report));
    const auto future = reports.kioskctl({"purge", "--before", "2026-11-27"});
    CHECK(future.exit_code == 2); // tomorrow: today's sessions may still be running
    const auto purged = reports.ok({"purge", "--before", "2026-11-27"}, "2026-11-27 09:00");
    CHECK(purged.find("9 billet(s), 1 entrée(s) sans billet, 9 lecture(s)") != std::string::npos);
    auto after = nlohmann::json::parse(reports.ok(report));
    before.erase("computed_at");
    after.erase("computed_at");
    CHECK(after == before);
    CHECK(reports.count("SELECT count(*) FROM tickets WHERE first_name <> ''") == 0);
}
