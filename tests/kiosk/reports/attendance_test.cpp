#include "attendance_fixture.hpp"
#include "process.hpp"
#include "kiosk/reports/attendance.hpp"
#include "kiosk/store/purge.hpp"

#include <fstream>
#include <iterator>

namespace {

using kiosk::Verdict;

const kiosk::Day day = kiosk::Day{date::year{2026}, date::month{11}, date::day{26}};

kiosk::AttendanceReport report_for(test::AttendanceFixture& fixture,
                                   std::optional<std::string> site, const char* now)
{
    return kiosk::attendance(fixture.store(), {std::move(site), day, day}, kiosk::CheckinRules{},
                             test::at(now));
}

const kiosk::SessionAttendance& row_of(const kiosk::AttendanceReport& report, kiosk::SessionId id)
{
    for (const auto& row : report.sessions)
        if (row.session.id == id)
            return row;
    FAIL("session missing from the report");
    throw std::logic_error("unreachable");
}

const kiosk::AttendanceTotals& site_totals(const kiosk::AttendanceReport& report,
                                           const std::string& site)
{
    for (const auto& entry : report.per_site)
        if (entry.site == site)
            return entry.totals;
    FAIL("site missing from the report: " << site);
    throw std::logic_error("unreachable");
}

void require_same(const kiosk::AttendanceTotals& left, const kiosk::AttendanceTotals& right)
{
    CHECK(left.sessions == right.sessions);
    CHECK(left.capacity == right.capacity);
    CHECK(left.tickets == right.tickets);
    CHECK(left.checked_in == right.checked_in);
    CHECK(left.walk_ins == right.walk_ins);
    CHECK(left.no_shows == right.no_shows);
    CHECK(left.refusals == right.refusals);
    CHECK(left.arrivals == right.arrivals);
}

} // namespace

TEST_CASE("A session's attendance counts tickets, arrivals, walk-ins, no-shows and refusals")
{
    test::AttendanceFixture fixture;
    const auto report = report_for(fixture, "rennes", "2026-11-26 13:00");

    REQUIRE(report.sessions.size() == 2); // Rennes only: neither Nancy nor the national one
    const auto& tableur = row_of(report, fixture.tableur);
    CHECK(tableur.tickets == 4); // the revoked one does not count
    CHECK(tableur.checked_in == 3);
    CHECK(tableur.walk_ins == 1);
    CHECK(tableur.present() == 4);
    CHECK(tableur.no_shows == 1);
    REQUIRE(tableur.attendance_rate);
    CHECK(*tableur.attendance_rate == Approx(0.75));
    CHECK(kiosk::format_rate(tableur) == "75 %");
    CHECK(tableur.first_arrival == test::at("2026-11-26 09:40"));
    CHECK(tableur.last_arrival == test::at("2026-11-26 10:05"));
    CHECK(tableur.refusals == std::map<Verdict, int>{{Verdict::AlreadyCheckedIn, 1},
                                                     {Verdict::WrongSite, 1},
                                                     {Verdict::Revoked, 1}});
    // 9:40 is 20 min early, 9:50 ten, 10:02 and 10:05 in the first quarter-hour.
    CHECK(tableur.arrivals == kiosk::ArrivalCurve{{-30, 1}, {-15, 1}, {0, 2}});

    const auto& photo = row_of(report, fixture.photo);
    CHECK(photo.tickets == 2);
    CHECK(photo.checked_in == 0);
    CHECK_FALSE(photo.no_shows); // at 13:00, its holders may still come
    CHECK(*photo.attendance_rate == Approx(0.0));
}

TEST_CASE("Attendance totals add up per day, per site and overall")
{
    test::AttendanceFixture fixture;
    const auto report = report_for(fixture, "rennes", "2026-11-26 17:00");
    REQUIRE(report.per_site.size() == 1);
    const auto& rennes = site_totals(report, "rennes");
    CHECK(rennes.sessions == 2);
    CHECK(rennes.capacity == 20);
    CHECK(rennes.tickets == 6);
    CHECK(rennes.checked_in == 3);
    CHECK(rennes.walk_ins == 1);
    CHECK(rennes.no_shows == 3); // at 17:00 both "Photo" holders missed it too
    // What was read at Rennes and names no session counts with the site's refusals.
    CHECK(rennes.refusals.at(Verdict::NotATicket) == 1);
    CHECK(report.unattributed_refusals.at("rennes").at(Verdict::NotATicket) == 1);
    REQUIRE(report.per_day.size() == 1);
    CHECK(report.per_day[0].day == day);
    CHECK(report.per_day[0].totals.tickets == 6);
    CHECK(report.overall.tickets == 6);
}

TEST_CASE("All sites together equal the sum of each site's report")
{
    test::AttendanceFixture fixture;
    const auto all = report_for(fixture, std::nullopt, "2026-11-26 17:00");
    CHECK(all.sessions.size() == 4);
    CHECK(all.per_site.size() == 5); // the four sites, then the national sessions
    kiosk::AttendanceTotals sum;
    for (const auto site : {"rennes", "nancy", "montpellier", "saint-etienne"}) {
        const auto single = report_for(fixture, site, "2026-11-26 17:00");
        INFO(site);
        require_same(site_totals(all, site), single.overall);
        for (const auto& row : single.sessions)
            sum.add(row);
        for (const auto& [where, refusals] : single.unattributed_refusals)
            for (const auto& [verdict, count] : refusals)
                sum.refusals[verdict] += count;
    }
    require_same(all.overall, sum);
    CHECK(all.overall.tickets == 8);
    CHECK(all.overall.checked_in == 5);
    CHECK(site_totals(all, "montpellier").sessions == 0);
}

TEST_CASE("An online session with no check-in reads 'non mesuré', not 0 %")
{
    test::AttendanceFixture fixture;
    const auto report = report_for(fixture, std::nullopt, "2026-11-26 17:00");
    const auto& live = row_of(report, fixture.live);
    CHECK_FALSE(live.measured);
    CHECK_FALSE(live.attendance_rate);
    CHECK_FALSE(live.no_shows);
    CHECK(kiosk::format_rate(live) == "non mesuré");
    CHECK(site_totals(report, "").sessions == 0); // and it weighs on no total
}

TEST_CASE("A day with no session gives an empty report, not an error")
{
    test::AttendanceFixture fixture;
    const kiosk::Day sunday{date::year{2026}, date::month{11}, date::day{29}};
    const auto report = kiosk::attendance(fixture.store(), {"rennes", sunday, sunday},
                                          kiosk::CheckinRules{}, test::at("2026-11-29 12:00"));
    CHECK(report.sessions.empty());
    CHECK(report.overall.tickets == 0);
}

TEST_CASE("Undone check-ins and walk-ins are not counted")
{
    test::AttendanceFixture fixture;
    test::Sql(fixture.store().path()).exec("UPDATE walkins SET undone_at = 1, undone_by = 'accueil'");
    const auto report = report_for(fixture, "rennes", "2026-11-26 17:00");
    CHECK(row_of(report, fixture.tableur).walk_ins == 0);
    CHECK(row_of(report, fixture.tableur).arrivals == kiosk::ArrivalCurve{{-30, 1}, {-15, 1}, {0, 1}});
}

TEST_CASE("Purging personal data keeps every count and leaves no name in the file")
{
    test::AttendanceFixture fixture;
    const auto before = report_for(fixture, std::nullopt, "2026-12-01 12:00");
    const auto counts = kiosk::purge_personal_data(
        fixture.store(), kiosk::Day{date::year{2026}, date::month{11}, date::day{27}},
        {"claire", test::at("2026-12-01 08:00")});
    CHECK(counts.tickets == 9);
    CHECK(counts.walk_ins == 1);
    CHECK(counts.scans == 9);

    const auto after = report_for(fixture, std::nullopt, "2026-12-01 12:00");
    require_same(after.overall, before.overall);
    for (const auto& entry : before.per_site)
        require_same(site_totals(after, entry.site), entry.totals);
    CHECK(fixture.count("SELECT count(*) FROM tickets WHERE first_name <> '' OR last_name <> ''"
                        " OR email <> '' OR note <> ''") == 0);
    CHECK(fixture.count("SELECT count(*) FROM scans WHERE raw <> ''") == 0);

    // Not in free pages nor in the write-ahead log either.
    for (const auto* suffix : {"", "-wal"}) {
        const std::string bytes =
            test::read_file((fixture.dir() / ("site.db" + std::string(suffix))).string());
        CHECK(bytes.find("Marguerite") == std::string::npos);
        CHECK(bytes.find("Gaston") == std::string::npos);
        CHECK(bytes.find("example.fr") == std::string::npos);
    }
}

TEST_CASE("Purging keeps the names of sessions still to come")
{
    test::AttendanceFixture fixture;
    const auto counts = kiosk::purge_personal_data(
        fixture.store(), kiosk::Day{date::year{2026}, date::month{11}, date::day{26}},
        {"claire", test::at("2026-12-01 08:00")});
    CHECK(counts.tickets == 0);
    CHECK(counts.walk_ins == 0);
    CHECK(fixture.count("SELECT count(*) FROM tickets WHERE first_name = 'Marguerite'") == 9);
}
