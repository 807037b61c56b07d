// A bad calendar or spreadsheet changes nothing, exits with status 2 and names the file, the
// line and the field; it never crashes, hangs or half-imports.

#include "import_support.hpp"

#include <catch2/catch.hpp>
#include <random>

using test::fixture;
using test::import_json;
using test::Kioskctl;

namespace {

// A database with sessions in it, so "unchanged" means something.
void seed(const Kioskctl& kioskctl)
{
    kioskctl.ok({"init"});
    import_json(kioskctl, fixture("weekly_workshop.ics"),
                {"--site", "rennes", "--to", "2026-12-31"});
}

void check_refused(const Kioskctl& kioskctl, const std::string& file, const std::string& message)
{
    const auto before = kioskctl.snapshot();
    const auto result = test::import(kioskctl, file, {"--site", "rennes", "--to", "2026-12-31"});
    INFO(file << "\nstdout: " << result.out << "\nstderr: " << result.err);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("import refusé, rien n'a changé"));
    CHECK_THAT(result.err, Catch::Contains(message));
    CHECK(kioskctl.snapshot() == before);
}

} // namespace

TEST_CASE("bad calendars are refused with file, line and field", "[import][bad-input]")
{
    struct Case {
        std::string file;
        std::string message;
    };
    // One seeded database for all the files: each refusal must leave it as it was.
    Kioskctl kioskctl;
    seed(kioskctl);
    for (const Case& bad : std::vector<Case>{
        Case{"bad/truncated.ics", "truncated.ics:37 : fichier tronqué : BEGIN:VEVENT n'est "
                                  "jamais fermé"},
        Case{"bad/unknown_tzid.ics",
             "unknown_tzid.ics:8 : DTSTART : fuseau horaire inconnu « Mars/Olympus_Mons »"},
        Case{"bad/until_before_start.ics",
             "until_before_start.ics:16 : RRULE : UNTIL est avant DTSTART"},
        Case{"bad/end_before_start.ics",
             "end_before_start.ics:9 : DTEND : l'événement se termine avant de commencer"},
        Case{"bad/ten_thousand_minutes.ics",
             "ten_thousand_minutes.ics:10 : RRULE : la règle produit plus de 1000 occurrences"},
        Case{"bad/bad_capacity.ics",
             "bad_capacity.ics:10 : X-CAPACITY : nombre de places « douze »"},
        Case{"bad/bad_url.ics", "bad_url.ics:10 : URL : lien « ftp://files.example.org/atelier »"},
        Case{"bad/weekno.ics", "weekno.ics:9 : RRULE : règle de récurrence non prise en charge "
                               ": BYWEEKNO"},
        Case{"bad/bad_dtend.ics", "bad_dtend.ics:8 : DTEND : valeur illisible"},
        Case{"bad/bad_dates.csv",
             "bad_dates.csv:3 : debut : 2026-03-29 02:30 n'existe pas à Paris"},
        Case{"bad/unknown_column.csv", "unknown_column.csv:1 : horaire : colonne inconnue"},
        Case{"bad/field_count.csv", "field_count.csv:3 : 3 champs au lieu de 4"},
        Case{"bad/unclosed_quote.csv", "unclosed_quote.csv:3 : guillemet jamais fermé"},
        Case{"bad/bad_kind.csv", "bad_kind.csv:2 : type : type inconnu « webinaire »"},
        Case{"missing.ics", "fichier introuvable"}}) {
        INFO(bad.file);
        check_refused(kioskctl, fixture(bad.file), bad.message);
    }
}

TEST_CASE("binary garbage, invalid UTF-8 and empty files are refused", "[import][bad-input]")
{
    Kioskctl kioskctl;
    seed(kioskctl);
    std::mt19937 random(20261126);
    std::string garbage(4096, '\0');
    for (auto& byte : garbage)
        byte = static_cast<char>(random() & 0xFF);
    const auto binary = kioskctl.dir() / "garbage.ics";
    test::write_file(binary, garbage);
    check_refused(kioskctl, binary.string(), "garbage.ics");

    // Not a zero byte in sight, but not text either.
    std::string latin1 = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Caf\xE9\r\nEND:VEVENT\r\n"
                         "END:VCALENDAR\r\n";
    const auto invalid = kioskctl.dir() / "latin1.ics";
    test::write_file(invalid, latin1);
    check_refused(kioskctl, invalid.string(), "latin1.ics:3 : texte illisible");

    garbage.erase(std::remove(garbage.begin(), garbage.end(), '\0'), garbage.end());
    const auto no_zero = kioskctl.dir() / "garbage.csv";
    test::write_file(no_zero, garbage);
    check_refused(kioskctl, no_zero.string(), "garbage.csv");

    const auto empty = kioskctl.dir() / "empty.ics";
    test::write_file(empty, "");
    check_refused(kioskctl, empty.string(), "empty.ics : fichier vide");

    const auto split = kioskctl.dir() / "split.ics";
    test::write_file(split, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:Atelier\r\n"
                            "END:VCALENDAR\r\n");
    check_refused(kioskctl, split.string(),
                  "split.ics:5 : END:VEVENT attendu, trouvé END:VCALENDAR");
}

TEST_CASE("a CSV with a BOM, semicolons, quotes and line breaks in fields", "[import][csv]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto report =
        import_json(kioskctl, fixture("programme.csv"), {"--site", "rennes", "--to", "2026-12-31"});
    CHECK(report["added"].size() == 3);
    REQUIRE(report["skipped"].size() == 1);
    CHECK(report["skipped"][0]["line"] == 6);
    const auto facebook = test::find_session(kioskctl, "rennes", "2026-10-25", "Facebook");
    REQUIRE(facebook != nullptr);
    CHECK(facebook["title"] == "Facebook et Instagram; pour les commerçants");
    CHECK(facebook["uid"] == "import:rennes:fb-insta");
    // Same rules as typed times: 02:30 on 25 October is the first one, summer time.
    CHECK(facebook["start"] == "2026-10-25T02:30:00+02:00");
    CHECK(facebook["end"] == "2026-10-25T04:00:00+01:00");
    CHECK(facebook["tags"] == nlohmann::json::array({"réseaux sociaux", "commerce"}));
    CHECK(facebook["trainer"] == "Yannick Moreau");
    const auto live = test::find_session(kioskctl, "rennes", "2026-11-05", "vitrine");
    CHECK(live["title"] == "Le \"bon\" site vitrine");
    CHECK(live["kind"] == "live");
    CHECK(live["join_url"] == "https://visio.example.fr/live/vitrine");
    const auto group = test::find_session(kioskctl, "rennes", "2026-11-06", "Vendre");
    CHECK(group["title"] == "Vendre en ligne\navec sa CCI");
    CHECK(group["organiser"] == "CCI Ille-et-Vilaine");
    CHECK(group["end"] == "2026-11-06T15:00:00+01:00");

    const auto again =
        import_json(kioskctl, fixture("programme.csv"), {"--site", "rennes", "--to", "2026-12-31"});
    CHECK(again["unchanged"] == 3);
    CHECK(again["added"].empty());
}

TEST_CASE("a CSV with commas and CRLF, without BOM", "[import][csv]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto report = import_json(kioskctl, fixture("programme_comma.csv"),
                                    {"--site", "nancy", "--to", "2026-12-31"});
    CHECK(report["added"].size() == 2);
    const auto google = test::find_session(kioskctl, "nancy", "2026-11-05", "fiche Google");
    CHECK(google["title"] == "Créer sa fiche Google, pas à pas");
    CHECK(google["end"] == "2026-11-05T11:00:00+01:00");
    CHECK(google["capacity"] == nullptr);
}

TEST_CASE("a content line of megabytes is refused at once, and a long value is never echoed "
          "whole",
          "[import][bad-input]")
{
    Kioskctl kioskctl;
    seed(kioskctl);
    // 2 MB of description folded in 75-byte lines: refused where the line starts.
    std::string folded = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:long\r\nDESCRIPTION:";
    for (int i = 0; i < 2 * 1024 * 1024 / 75; ++i)
        folded += std::string(74, 'x') + "\r\n ";
    folded += "fin\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const auto long_line = kioskctl.dir() / "long.ics";
    test::write_file(long_line, folded);
    check_refused(kioskctl, long_line.string(), "long.ics:4 : ligne de plus de 256 Ko");

    // A rule with 100 000 BYDAY values: the message quotes its beginning only.
    std::string days = "MO";
    for (int i = 0; i < 100000; ++i)
        days += ",TU";
    const auto rule = kioskctl.dir() / "rule.ics";
    test::write_file(rule, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//FR\r\n"
                           "BEGIN:VEVENT\r\nUID:regle\r\nDTSTAMP:20261101T090000Z\r\n"
                           "DTSTART;TZID=Europe/Paris:20261126T100000\r\n"
                           "DTEND;TZID=Europe/Paris:20261126T110000\r\nSUMMARY:Atelier\r\n"
                           "RRULE:FREQ=WEEKLY;BYDAY=" + days.substr(0, 200000) +
                               "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");
    const auto before = kioskctl.snapshot();
    const auto result = test::import(kioskctl, rule.string(), {"--site", "rennes", "--to",
                                                               "2026-12-31"});
    INFO(result.err.substr(0, 2000));
    CHECK(result.err.size() < 4096);
    CHECK(result.err.find(",TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,"
                          "TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU,TU") ==
          std::string::npos);
}
