#pragma once

// Attendance: who was expected and who came, per session, per day and per site, computed from
// one database — a site's own, or the office's once sync has brought every site's scans back.
// The figures are counts, so they still add up after personal data has been purged.

#include "kiosk/base/time.hpp"
#include "kiosk/checkin/checkin.hpp"
#include "kiosk/schedule/session.hpp"
#include "kiosk/store/store.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace kiosk {

// One site, or every site together (the office's view).
struct AttendanceScope {
    std::optional<std::string> site; // none: all sites, national sessions included
    Day from;
    Day to; // inclusive
};

// Arrivals by quarter of an hour relative to the (delayed) start: -15 holds those who came
// between 15 and 0 minutes early, 0 those up to 15 minutes late.
using ArrivalCurve = std::map<int, int>;

struct SessionAttendance {
    Session session;
    int tickets = 0;    // valid (not revoked) tickets
    int checked_in = 0; // ticket holders admitted, by scan or by hand
    int walk_ins = 0;
    // Known once the door has closed (start + delay + late-entry grace); before, people may
    // still come.
    std::optional<int> no_shows;
    // Checked-in ticket holders over tickets; none when there were no tickets.
    std::optional<double> attendance_rate;
    // False for online sessions with no check-in at all: "non mesuré", never 0 %.
    bool measured = true;
    std::optional<Instant> first_arrival;
    std::optional<Instant> last_arrival;
    std::map<Verdict, int> refusals; // scans that did not admit, by verdict
    ArrivalCurve arrivals;

    [[nodiscard]] int present() const { return checked_in + walk_ins; }
};

struct AttendanceTotals {
    int sessions = 0; // measured sessions
    int capacity = 0;
    int tickets = 0;
    int checked_in = 0;
    int walk_ins = 0;
    int no_shows = 0;
    std::map<Verdict, int> refusals;
    ArrivalCurve arrivals;

    [[nodiscard]] std::optional<double> attendance_rate() const;
    void add(const SessionAttendance& session);
};

// Totals for one day (or the whole period) at one site ("" for national sessions).
struct SiteTotals {
    std::string site;
    std::optional<Day> day; // none: the whole period
    AttendanceTotals totals;
};

struct AttendanceReport {
    AttendanceScope scope;
    Instant computed_at;
    std::vector<SessionAttendance> sessions; // by start, then site
    std::vector<SiteTotals> per_day;         // by day, then site
    std::vector<SiteTotals> per_site;        // the whole period, by site
    AttendanceTotals overall;
    // Scans that could not be tied to a session (not a ticket, unknown key…), by site.
    std::map<std::string, std::map<Verdict, int>> unattributed_refusals;
};

[[nodiscard]] AttendanceReport attendance(Store& store, const AttendanceScope& scope,
                                          const CheckinRules& rules, Instant now);

// "non mesuré", "—" or "87 %": how a rate reads in every format meant for people.
[[nodiscard]] std::string format_rate(const SessionAttendance& session);

// What a report covers, for titles: "Rennes, jeudi 26 novembre 2026", "tous les sites, du
// 2026-11-01 au 2026-11-30".
[[nodiscard]] std::string describe_scope(const AttendanceScope& scope);

} // namespace kiosk
