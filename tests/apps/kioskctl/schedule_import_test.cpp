// `kioskctl schedule import` end to end on small calendars written for these tests: what staff
// export from Google, Outlook or Thunderbird becomes the board's sessions.

#include "build_paths.hpp"
#include "import_support.hpp"

#include <catch2/catch.hpp>

using test::find_session;
using test::fixture;
using test::import_json;
using test::Kioskctl;

namespace {
std::vector<std::string> reasons(const nlohmann::json& entries)
{
    std::vector<std::string> found;
    for (const auto& entry : entries)
        found.push_back(entry["reason"]);
    return found;
}
} // namespace

TEST_CASE("a weekly workshop with an excluded date, a moved and a cancelled occurrence", "[import]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto report = import_json(kioskctl, fixture("weekly_workshop.ics"),
                                    {"--site", "rennes", "--to", "2026-04-30"});
    CHECK(report["added"].size() == 7);
    REQUIRE(report["skipped"].size() == 1);
    CHECK(report["skipped"][0]["start"] == "2026-04-07T14:00:00+02:00");
    CHECK_THAT(report["skipped"][0]["reason"].get<std::string>(), Catch::Contains("annulée"));
    CHECK(report["skipped"][0]["line"] == 47);

    const auto first = find_session(kioskctl, "rennes", "2026-03-03", "boutique");
    REQUIRE(first != nullptr);
    CHECK(first["uid"] == "import:rennes:boutique-en-ligne@atelier-rennes#20260303T130000Z");
    CHECK(first["title"] == "Lancer sa boutique en ligne, pas à pas"); // "\," undone
    CHECK(first["kind"] == "atelier");
    CHECK(first["tags"] == nlohmann::json::array({"commerce", "vente en ligne"}));
    CHECK(first["start"] == "2026-03-03T14:00:00+01:00");
    CHECK(first["end"] == "2026-03-03T16:00:00+01:00");
    CHECK(first["room"] == "Salle Bréhat");
    CHECK(first["capacity"] == 12);
    CHECK(first["trainer"] == "Claire Le Gall");                // ATTENDEE;ROLE=CHAIR
    CHECK(first["organiser"] == "Atelier numérique de Rennes"); // ORGANIZER;CN
    CHECK(find_session(kioskctl, "rennes", "2026-03-10", "boutique") != nullptr);
    CHECK(find_session(kioskctl, "rennes", "2026-03-17", "boutique") == nullptr);  // EXDATE
    CHECK(find_session(kioskctl, "rennes", "2026-03-24", "boutique") == nullptr);  // moved…
    const auto moved = find_session(kioskctl, "rennes", "2026-03-26", "boutique"); // …here
    REQUIRE(moved != nullptr);
    CHECK(moved["start"] == "2026-03-26T10:00:00+01:00");
    CHECK(moved["room"] == "Fab lab");
    CHECK(moved["uid"] == "import:rennes:boutique-en-ligne@atelier-rennes#20260324T130000Z");
    // After the spring change the workshop stays at 14:00 Paris time.
    CHECK(find_session(kioskctl, "rennes", "2026-03-31", "boutique")["start"] ==
          "2026-03-31T14:00:00+02:00");
    CHECK(find_session(kioskctl, "rennes", "2026-04-07", "boutique") == nullptr);
    CHECK(find_session(kioskctl, "rennes", "2026-04-28", "boutique") != nullptr); // UNTIL day

    SECTION("importing the same file again changes nothing")
    {
        const auto again = import_json(kioskctl, fixture("weekly_workshop.ics"),
                                       {"--site", "rennes", "--to", "2026-04-30"});
        CHECK(again["added"].empty());
        CHECK(again["updated"].empty());
        CHECK(again["removed"].empty());
        CHECK(again["unchanged"] == 7);
    }
}

TEST_CASE("an occurrence cancelled after it was imported stays on the board as cancelled",
          "[import]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    std::string calendar = test::read_file(fixture("weekly_workshop.ics"));
    const auto cancellation = calendar.find("BEGIN:VEVENT\nUID:boutique-en-ligne@atelier-rennes\n"
                                            "RECURRENCE-ID;TZID=Europe/Paris:20260407");
    REQUIRE(cancellation != std::string::npos);
    const auto before = kioskctl.dir() / "before.ics";
    test::write_file(before, calendar.substr(0, cancellation) + "END:VCALENDAR\n");
    CHECK(
        import_json(kioskctl, before.string(), {"--site", "rennes", "--to", "2026-04-30"})["added"]
            .size() == 8);
    REQUIRE(find_session(kioskctl, "rennes", "2026-04-07", "boutique")["status"] == "scheduled");

    const auto report = import_json(kioskctl, fixture("weekly_workshop.ics"),
                                    {"--site", "rennes", "--to", "2026-04-30"});
    REQUIRE(report["cancelled"].size() == 1);
    CHECK(report["cancelled"][0]["start"] == "2026-04-07T14:00:00+02:00");
    CHECK(find_session(kioskctl, "rennes", "2026-04-07", "boutique")["status"] == "cancelled");
}

TEST_CASE("Outlook's Windows zone names and a Teams link folded over two lines", "[import]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto report =
        import_json(kioskctl, fixture("outlook_windows_zone.ics"),
                    {"--site", "rennes", "--from", "2026-10-20", "--to", "2026-10-31"});
    CHECK(report["added"].size() == 5);
    CHECK(find_session(kioskctl, "rennes", "2026-10-27", "préfixée")["start"] ==
          "2026-10-27T10:00:00+01:00"); // TZID=/mozilla.org/20050126_1/Europe/Paris
    // "Romance Standard Time" is Paris: 9:30 on each side of the 25 October change.
    CHECK(find_session(kioskctl, "rennes", "2026-10-24", "Sauvegardes")["start"] ==
          "2026-10-24T09:30:00+02:00");
    CHECK(find_session(kioskctl, "rennes", "2026-10-25", "Sauvegardes")["start"] ==
          "2026-10-25T09:30:00+01:00");
    CHECK(find_session(kioskctl, "rennes", "2026-10-26", "Sauvegardes")["start"] ==
          "2026-10-26T09:30:00+01:00");
    // "W. Europe Standard Time" is Berlin, same offsets.
    const auto coaching = find_session(kioskctl, "rennes", "2026-10-26", "Coaching");
    REQUIRE(coaching != nullptr);
    CHECK(coaching["start"] == "2026-10-26T09:00:00+01:00");
    CHECK(coaching["kind"] == "coaching");
    CHECK(coaching["join_url"] == "https://teams.microsoft.com/l/meetup-join/"
                                  "19%3ameeting_abc%40thread.v2/0?context=%7b%7d");
}

TEST_CASE("Google's X-WR-TIMEZONE, DURATION, conference links — all-day and unusable events "
          "are skipped with a reason",
          "[import]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto report =
        import_json(kioskctl, fixture("google_floating.ics"),
                    {"--site", "rennes", "--from", "2026-11-01", "--to", "2026-11-30"});
    CHECK(report["added"].size() == 2);
    const auto skipped = reasons(report["skipped"]);
    REQUIRE(skipped.size() == 3);
    CHECK_THAT(skipped[0], Catch::Contains("UID"));
    CHECK_THAT(skipped[1], Catch::Contains("journée entière"));
    CHECK_THAT(skipped[2], Catch::Contains("organisateur"));

    // 10:00 floating in a London calendar is 11:00 in Paris.
    const auto live = find_session(kioskctl, "rennes", "2026-11-05", "site Internet");
    REQUIRE(live != nullptr);
    CHECK(live["start"] == "2026-11-05T11:00:00+01:00");
    CHECK(live["duration_min"] == 90);
    CHECK(live["kind"] == "live");
    CHECK(live["tags"] == nlohmann::json::array({"web"}));
    CHECK(live["join_url"] == "https://meet.google.com/abc-defg-hij"); // X-GOOGLE-CONFERENCE
    const auto group = find_session(kioskctl, "rennes", "2026-11-05", "places de marché");
    REQUIRE(group != nullptr);
    CHECK(group["kind"] == "privee");
    CHECK(group["organiser"] == "CCI Ille-et-Vilaine");
    CHECK(group["start"] == "2026-11-05T15:00:00+01:00");
    CHECK(group["join_url"] == "https://cci-example.zoom.us/j/123456789?pwd=abc");
}

TEST_CASE("both 2026 DST days: wall-clock recurrences, the gap and the repeated hour",
          "[import][dst]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto report =
        import_json(kioskctl, fixture("dst_2026.ics"), {"--site", "rennes", "--to", "2026-12-31"});
    CHECK(report["added"].size() == 8);
    const auto start = [&](const std::string& date, const std::string& title) {
        const auto session = find_session(kioskctl, "rennes", date, title);
        REQUIRE(session != nullptr);
        return session["start"].get<std::string>();
    };
    CHECK(start("2026-03-28", "Café numérique de printemps") == "2026-03-28T09:00:00+01:00");
    CHECK(start("2026-03-29", "Café numérique de printemps") == "2026-03-29T09:00:00+02:00");
    CHECK(start("2026-03-30", "Café numérique de printemps") == "2026-03-30T09:00:00+02:00");
    CHECK(start("2026-10-24", "automne") == "2026-10-24T09:00:00+02:00");
    CHECK(start("2026-10-25", "automne") == "2026-10-25T09:00:00+01:00");
    CHECK(start("2026-10-26", "automne") == "2026-10-26T09:00:00+01:00");
    // RFC 5545 §3.3.5: 02:30 does not exist on 29 March; it is read with the offset before the
    // gap, i.e. 03:30 summer time. DTEND (04:30) is read as written: one hour.
    const auto gap = find_session(kioskctl, "rennes", "2026-03-29", "trou");
    CHECK(gap["start"] == "2026-03-29T03:30:00+02:00");
    CHECK(gap["end"] == "2026-03-29T04:30:00+02:00");
    // 02:30 on 25 October happens twice: the first one (summer time), until 04:00 winter time.
    const auto repeated = find_session(kioskctl, "rennes", "2026-10-25", "répétée");
    CHECK(repeated["start"] == "2026-10-25T02:30:00+02:00");
    CHECK(repeated["end"] == "2026-10-25T04:00:00+01:00");
    CHECK(repeated["duration_min"] == 150);
}

TEST_CASE("a BOM, CRLF and LF mixed, a fold inside a UTF-8 character and escapes import cleanly",
          "[import][bad-input]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto report = import_json(kioskctl, fixture("bom_crlf_fold.ics"),
                                    {"--site", "rennes", "--to", "2026-12-31"});
    CHECK(report["added"].size() == 1);
    const auto session = find_session(kioskctl, "rennes", "2026-11-05", "Atelier");
    REQUIRE(session != nullptr);
    CHECK(session["title"] == "Atelier numérique, réseaux; suite");
    CHECK(session["room"] == "Salle Bréhat");
}

TEST_CASE("a rule of 10 000 daily occurrences only fills the imported range", "[import]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto report = import_json(kioskctl, fixture("ten_thousand_days.ics"),
                                    {"--at", "2026-11-05 08:00", "--site", "rennes"});
    // Default range: today and the 60 days after it.
    CHECK(report["added"].size() == 61);
    CHECK(report["added"].back()["start"] == "2027-01-04T14:00:00+01:00");
}

TEST_CASE("the site configuration gives rooms their default capacity", "[import]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    import_json(
        kioskctl, fixture("programme_comma.csv"),
        {"--config", test::source_dir() + "/deploy/sites/rennes.toml", "--to", "2026-12-31"});
    CHECK(find_session(kioskctl, "rennes", "2026-11-05", "fiche Google")["capacity"] == 10);
    CHECK(find_session(kioskctl, "rennes", "2026-11-05", "impression 3D")["capacity"] == 6);
}

TEST_CASE("the text report, --help, and --default-kind", "[import]")
{
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    const auto help = test::run_process({test::kioskctl_program(), "schedule", "import", "--help"});
    CHECK(help.exit_code == 0);
    CHECK_THAT(help.out, Catch::Contains("--dry-run") && Catch::Contains("--default-kind"));

    const auto csv = kioskctl.dir() / "sans-type.csv";
    test::write_file(csv, "titre;debut;fin\nLancer son site Internet;2026-03-05 10:00;11:30\n");
    const auto result =
        test::import(kioskctl, csv.string(), {"--site", "rennes", "--default-kind", "live"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::Contains("sans-type.csv → Rennes, sessions du 2026-03-01 au "
                                           "2026-04-30"));
    CHECK_THAT(result.out, Catch::Contains("1 ajoutée, 0 mise à jour"));
    CHECK_THAT(result.out,
               Catch::Contains("+ 2026-03-05 10:00  Lancer son site Internet [ligne 2]"));
    CHECK(find_session(kioskctl, "rennes", "2026-03-05", "site Internet")["kind"] == "live");

    const auto wrong =
        test::import(kioskctl, csv.string(), {"--site", "rennes", "--default-kind", "webinaire"});
    CHECK(wrong.exit_code == 2);
    CHECK_THAT(wrong.err, Catch::Contains("--default-kind : type inconnu « webinaire »"));
}
