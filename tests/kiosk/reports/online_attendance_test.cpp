// Attendance reports of the video platforms read as each writes them, and the people trained
// counted once each, before and after purge.

#include "attendance_fixture.hpp"
#include "build_paths.hpp"
#include "kiosk/reports/online_attendance.hpp"
#include "kiosk/reports/people_trained.hpp"
#include "kiosk/store/purge.hpp"
#include "process.hpp"

#include <algorithm>

namespace {

std::string fixture_file(const std::string& name)
{
    return test::read_file(test::source_dir() + "/tests/data/online/" + name);
}

const kiosk::OnlineParticipant& participant(const kiosk::AttendanceExport& report,
                                            const std::string& email_or_name)
{
    for (const auto& person : report.participants)
        if (person.email == email_or_name || person.name == email_or_name)
            return person;
    FAIL("no participant " << email_or_name);
    throw std::logic_error("unreachable");
}

const kiosk::Day november_26{date::year{2026}, date::month{11}, date::day{26}};
const kiosk::Day november_1{date::year{2026}, date::month{11}, date::day{1}};
const kiosk::Day november_30{date::year{2026}, date::month{11}, date::day{30}};

int people_in(const std::vector<kiosk::TrainedCount>& rows, const std::string& key)
{
    for (const auto& row : rows)
        if (row.key == key)
            return row.people;
    return 0;
}

} // namespace

TEST_CASE("A Zoom participants report: the meeting block, reconnections merged, overlaps once",
          "[online]")
{
    const auto report = kiosk::read_attendance_export(fixture_file("zoom_participants.csv"));
    REQUIRE(report);
    CHECK(report->platform == kiosk::MeetingPlatform::Zoom);
    CHECK(report->title == "Lancer son site Internet");
    REQUIRE(report->started);
    CHECK(kiosk::format_iso8601(*report->started) == "2026-11-26T14:25:12+01:00");
    CHECK(report->participants.size() == 5);
    // Three connections, two overlapping by 5 min 45 s: 1 h 58 min 47 s, not the 125 min listed.
    const auto& lea = participant(*report, "lea.martin@example.fr");
    CHECK(lea.minutes == 119);
    CHECK(lea.intervals.size() == 2);
    CHECK(participant(*report, "formation@ateliers-numeriques.fr").organiser);
    CHECK(participant(*report, "Paul Inconnu, CCI").minutes == 120);
}

TEST_CASE("A Teams attendance report in UTF-16LE with tabs: summary, participants, connections",
          "[online]")
{
    const auto bytes = fixture_file("teams_attendance.csv");
    REQUIRE(bytes.substr(0, 2) == "\xFF\xFE");
    const auto report = kiosk::read_attendance_export(bytes);
    REQUIRE(report);
    CHECK(report->platform == kiosk::MeetingPlatform::Teams);
    CHECK(report->title == "Lancer son site Internet");
    REQUIRE(report->started);
    CHECK(kiosk::format_iso8601(*report->started) == "2026-11-26T14:27:41+01:00");
    CHECK(report->participants.size() == 5);
    CHECK(participant(*report, "lea.martin@example.fr").minutes == 119);
    CHECK(participant(*report, "Jean-Pierre Lefèvre (Externe)").minutes == 118);
    CHECK(participant(*report, "Hélène DUBOIS").minutes == 45);
    CHECK(participant(*report, "formation@ateliers-numeriques.fr").organiser);
}

TEST_CASE("A Meet attendance sheet: names apart, durations in words, no meeting facts", "[online]")
{
    const auto report = kiosk::read_attendance_export(fixture_file("meet_attendance.csv"));
    REQUIRE(report);
    CHECK(report->platform == kiosk::MeetingPlatform::Meet);
    CHECK(report->title.empty());
    CHECK_FALSE(report->started);
    CHECK(participant(*report, "lea.martin@example.fr").minutes == 118);
    CHECK(participant(*report, "paul.inconnu@example.net").minutes == 120);
    CHECK(participant(*report, "Zoé Nguyen").last_name == "Nguyen");
}

TEST_CASE("A Teams report from a French account: dates day first, a 24-hour clock, UTF-8",
          "[online]")
{
    const auto report = kiosk::read_attendance_export(
        "\xEF\xBB\xBF"
        "1. Résumé\n"
        "Meeting title\tLancer son site Internet\n"
        "Start time\t26/11/2026 14:27:41\n"
        "End time\t26/11/2026 16:33:12\n"
        "\n"
        "2. Participants\n"
        "Name\tFirst Join\tLast Leave\tIn-Meeting Duration\tEmail\tParticipant ID (UPN)\tRole\n"
        "Élodie Lemaître\t26/11/2026 14:30:00\t26/11/2026 16:30:00\t1h 59m 30s\t\t\tAttendee\n");
    REQUIRE(report);
    CHECK(report->platform == kiosk::MeetingPlatform::Teams);
    REQUIRE(report->ended);
    CHECK(kiosk::format_iso8601(*report->ended) == "2026-11-26T16:33:12+01:00");
    REQUIRE(report->participants.size() == 1);
    CHECK(report->participants.front().minutes == 120);
    CHECK(report->participants.front().name == "Élodie Lemaître");
}

TEST_CASE("An export of another shape is refused naming the columns missing", "[online]")
{
    const auto other = kiosk::read_attendance_export(fixture_file("not_an_attendance_report.csv"));
    REQUIRE_FALSE(other);
    CHECK_THAT(other.error().message, Catch::Contains("ce n'est pas un rapport de présence"));

    const auto no_leave = kiosk::read_attendance_export(
        "Name (Original Name),User Email,Join Time,Duration (Minutes)\n"
        "Léa Martin,lea@example.fr,11/26/2026 02:29:03 PM,42\n");
    REQUIRE_FALSE(no_leave);
    CHECK(no_leave.error().line == 1);
    CHECK(no_leave.error().field == "Leave Time");
    CHECK_THAT(no_leave.error().message,
               Catch::Contains("Zoom") && Catch::Contains("« Leave Time »"));

    const auto bad_time = kiosk::read_attendance_export(
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n"
        "Léa Martin,lea@example.fr,11/26/2026 02:29:03 PM,11/26/2026 04:30:00 PM,121\n"
        "Paul,,26 novembre,11/26/2026 04:30:00 PM,3\n");
    REQUIRE_FALSE(bad_time);
    CHECK(bad_time.error().line == 3);
    CHECK(bad_time.error().field == "Join Time");
}

TEST_CASE("Bounds: file size, line count and field length", "[online]")
{
    const std::string header = "First name,Last name,Email,Duration\n";
    const auto huge =
        kiosk::read_attendance_export(std::string(kiosk::max_export_file_bytes + 1, 'a'));
    REQUIRE_FALSE(huge);
    CHECK_THAT(huge.error().message, Catch::Contains("trop gros"));

    std::string many = header;
    for (std::size_t line = 0; line <= kiosk::max_export_lines; ++line)
        many += "A,B,,1 min\n";
    const auto too_many = kiosk::read_attendance_export(many);
    REQUIRE_FALSE(too_many);
    CHECK_THAT(too_many.error().message, Catch::Contains("trop de lignes"));

    const auto long_field = kiosk::read_attendance_export(
        header + "Léa," + std::string(kiosk::max_export_field_bytes + 1, 'x') + ",,1 min\n");
    REQUIRE_FALSE(long_field);
    CHECK(long_field.error().line == 2);
    CHECK_THAT(long_field.error().message, Catch::Contains("champ trop long"));
}

TEST_CASE("People trained: one person once however many sessions, the same after purge",
          "[online][trained]")
{
    test::AttendanceFixture fixture;
    // The live session (26 November, 11:00–12:00) had three registrations: one of them is the
    // holder of a ticket already checked in at Rennes that morning.
    test::Sql sql(fixture.store().path());
    const auto rennes_holder =
        sql.text("SELECT t.holder FROM checkins c JOIN tickets t ON t.id = c.ticket_id"
                 " WHERE c.site = 'rennes' ORDER BY c.at_utc LIMIT 1");
    REQUIRE_FALSE(rennes_holder.empty());
    const auto live = fixture.live.value();
    sql.exec("INSERT INTO tickets (id, session_id, first_name, last_name, email, issued_at, holder)"
             " VALUES (?1, ?2, 'Marguerite', 'Duchêne', 'm.duchene@example.fr', 0, ?3),"
             " (?1 + 1, ?2, 'Léa', 'Martin', 'lea.martin@example.fr', 0,"
             " 'email:lea.martin@example.fr'),"
             " (?1 + 2, ?2, 'Zoé', 'Nguyễn', '', 0, 'nom:zoe|nguyen')",
             {std::int64_t{7001}, live, rennes_holder});
    const std::string sheet = "First name,Last name,Email,Duration,Time joined,Time exited\n"
                              "Marguerite,Duchêne,m.duchene@example.fr,55 min,11:02 AM,11:57 AM\n"
                              "Léa,Martin,LEA.MARTIN@example.fr,12 min,11:00 AM,11:12 AM\n"
                              "zoe,nguyen,,40 min,11:10 AM,11:50 AM\n"
                              "Paul,Inconnu,paul@example.net,58 min,11:00 AM,11:58 AM\n";
    const auto read = kiosk::read_attendance_export(sheet);
    REQUIRE(read);
    const auto imported = kiosk::import_online_attendance(
        fixture.store(), fixture.live, sheet, *read, {}, {"claire", test::at("2026-11-26 13:00")});
    REQUIRE(imported);
    CHECK(imported->threshold_minutes == 30);
    CHECK(imported->matched_by_email == 2);
    CHECK(imported->matched_by_name == 1);
    CHECK(imported->unmatched == 1);
    CHECK(imported->present == 3);                              // Léa's 12 minutes are not enough
    CHECK(fixture.count("SELECT count(*) FROM tickets") == 12); // nobody invented
    CHECK(fixture.count(
              "SELECT count(*) FROM audit_log WHERE action = 'attendance.import_online'") == 1);

    // Rennes: 3 holders and a walk-in; Nancy: 2 holders; online: Marguerite (already counted
    // at Rennes), Zoé, Paul.
    const auto before = kiosk::people_trained(fixture.store(), november_1, november_30);
    CHECK(before.total.people == 8);
    CHECK(before.total.on_site == 5);
    CHECK(before.total.walk_ins == 1);
    CHECK(before.total.online == 3);
    CHECK(people_in(before.by_site, "rennes") == 4);
    CHECK(people_in(before.by_site, "nancy") == 2);
    CHECK(people_in(before.by_site, "en ligne") == 3);
    CHECK(people_in(before.by_kind, "atelier") == 6);
    CHECK(people_in(before.by_kind, "live") == 3);
    CHECK(people_in(before.by_month, "2026-11") == 8);

    const auto counts = kiosk::purge_personal_data(fixture.store(), november_30,
                                                   {"claire", test::at("2026-12-01 08:00")});
    CHECK(counts.online == 4);
    CHECK(fixture.count("SELECT count(*) FROM online_attendance WHERE name <> '' OR email <> ''") ==
          0);
    CHECK(fixture.count("SELECT count(*) FROM tickets WHERE holder IS NOT NULL") == 0);
    const auto after = kiosk::people_trained(fixture.store(), november_1, november_30);
    CHECK(after.total.people == before.total.people);
    CHECK(after.total.online == before.total.online);
    CHECK(people_in(after.by_site, "rennes") == 4);
    CHECK(people_in(after.by_kind, "live") == 3);
    for (const auto* suffix : {"", "-wal"}) {
        const auto bytes =
            test::read_file((fixture.dir() / ("site.db" + std::string(suffix))).string());
        CHECK(bytes.find("paul@example.net") == std::string::npos);
    }
}

TEST_CASE("A report of another day or another meeting is refused, and a session at a site too",
          "[online]")
{
    test::AttendanceFixture fixture;
    const auto other =
        test::read_file(test::source_dir() + "/tests/data/online/zoom_other_session.csv");
    const auto read = kiosk::read_attendance_export(other);
    REQUIRE(read);
    const auto refused = kiosk::import_online_attendance(
        fixture.store(), fixture.live, other, *read, {}, {"claire", test::at("2026-11-27 13:00")});
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message,
               Catch::Contains("vendredi 27 novembre") && Catch::Contains("jeudi 26 novembre"));
    const auto at_site =
        kiosk::import_online_attendance(fixture.store(), fixture.tableur, other, *read, {},
                                        {"claire", test::at("2026-11-27 13:00")});
    REQUIRE_FALSE(at_site);
    CHECK_THAT(at_site.error().message, Catch::Contains("sur place"));
    CHECK(fixture.count("SELECT count(*) FROM online_attendance") == 0);
}
