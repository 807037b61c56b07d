// Conformance against third-party iCalendar data, when the shared test data is present next to
// the source tree (CI has it): libical's own recurrence cases, its hostile calendars, and the
// calendars of python-recurring-ical-events. Without the data the tests fail.

#include "build_paths.hpp"
#include "conformance_data.hpp"
#include "import_support.hpp"
#include "schedule/import/recurrence.hpp"
#include "sql.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

using test::Kioskctl;

namespace {

kiosk::LocalTime parse_basic(const std::string& text) // 19970902T090000[Z] or 19970902
{
    const date::year_month_day day{date::year{std::stoi(text.substr(0, 4))},
                                   date::month{static_cast<unsigned>(std::stoi(text.substr(4, 2)))},
                                   date::day{static_cast<unsigned>(std::stoi(text.substr(6, 2)))}};
    kiosk::LocalTime time = date::local_days{day};
    if (text.size() >= 15)
        time += std::chrono::hours{std::stoi(text.substr(9, 2))} +
                std::chrono::minutes{std::stoi(text.substr(11, 2))} +
                std::chrono::seconds{std::stoi(text.substr(13, 2))};
    return time;
}

std::vector<kiosk::LocalTime> parse_list(const std::string& text)
{
    std::vector<kiosk::LocalTime> times;
    std::stringstream stream(text);
    for (std::string item; std::getline(stream, item, ',');)
        if (!item.empty())
            times.push_back(parse_basic(item));
    return times;
}

struct RecurrenceCase {
    std::string comment, rule, start, start_at, instances;
    int line = 0;
};

std::vector<RecurrenceCase> read_cases(const std::filesystem::path& file)
{
    std::ifstream input(file);
    std::vector<RecurrenceCase> cases;
    RecurrenceCase current;
    int number = 0;
    for (std::string line; std::getline(input, line);) {
        ++number;
        const auto value = [&](std::string_view key) { return line.substr(key.size()); };
        if (line.starts_with("#"))
            current.comment = line;
        else if (line.starts_with("RRULE:"))
            current.rule = value("RRULE:"), current.line = number;
        else if (line.starts_with("DTSTART:"))
            current.start = value("DTSTART:");
        else if (line.starts_with("START-AT:"))
            current.start_at = value("START-AT:");
        else if (line.starts_with("INSTANCES:")) {
            current.instances = value("INSTANCES:");
            cases.push_back(current);
            current = {};
        }
    }
    return cases;
}

} // namespace

// Every case of libical's icalrecur_test.txt. The supported subset is what calendars write:
// DAILY, WEEKLY, MONTHLY and YEARLY rules with COUNT, UNTIL, INTERVAL, WKST and the BY* parts,
// from DATE, floating or UTC starts. Our expansion (libical's iterator, with UNTIL brought to
// the wall clock of DTSTART) must list exactly the INSTANCES expected. What libical 3.0.16
// (Debian bookworm) expands wrongly, the newer libical that wrote the file having fixed it, is
// outside the subset and must be refused as Unsupported, never expanded wrongly: BYWEEKNO,
// several BYSETPOS, BY* parts in sub-daily rules, negative BYMONTHDAY in DAILY rules, time
// BY* parts with a DATE start, repeated BY* values (see recurrence.hpp). Cases whose
// expectation is libical's "UNIMPLEMENTED" only need a clean answer. START-AT cases are also
// expanded from a window starting there (the iterator's jump) and must give the tail.
TEST_CASE("recurrence expansion agrees with libical's icalrecur_test.txt", "[conformance]")
{
    const auto cases = read_cases(test::conformance_data("libical") / "icalrecur_test.txt");
    REQUIRE(cases.size() >= 140);
    std::vector<std::string> disagreements;
    int compared = 0, refused = 0;
    for (const auto& one : cases) {
        kiosk::RecurrenceRequest request;
        request.rule = one.rule;
        request.start = parse_basic(one.start);
        request.form = one.start.size() == 8 ? kiosk::StartForm::Date : kiosk::StartForm::DateTime;
        request.window_begin = request.start;
        request.window_end = parse_basic("21000101T000000");
        request.limits = {1000000, 100000};
        const auto expanded = kiosk::expand_recurrence(request); // must return, whatever the rule
        if (one.instances.find("***") != std::string::npos)
            continue;
        if (!expanded && expanded.error().problem == kiosk::RecurrenceProblem::Unsupported) {
            ++refused;
            continue;
        }
        ++compared;
        const auto expected = parse_list(one.instances);
        const auto describe = [&] {
            return fmt::format("line {} {} (RRULE:{} DTSTART:{})", one.line, one.comment, one.rule,
                               one.start);
        };
        if (!expanded || *expanded != expected) {
            disagreements.push_back(describe());
            continue;
        }
        if (!one.start_at.empty()) {
            request.window_begin = parse_basic(one.start_at);
            const auto later = kiosk::expand_recurrence(request);
            std::vector<kiosk::LocalTime> tail;
            for (const auto time : expected)
                if (time >= request.window_begin)
                    tail.push_back(time);
            if (!later || *later != tail)
                disagreements.push_back("START-AT " + describe());
        }
    }
    for (const auto& disagreement : disagreements)
        UNSCOPED_INFO(disagreement);
    CHECK(disagreements.empty());
    WARN(compared << " cases agree, " << refused << " refused as unsupported");
    CHECK(compared >= 80);
}

namespace {

// What each calendar must do, imported for 2019: "refused", or the number of sessions it
// leaves in the database. A change of outcome is a change of the importer to look at.
std::map<std::string, std::string> expected_outcomes(const std::string& folder)
{
    std::ifstream list(test::source_dir() + "/tests/data/conformance/" + folder + ".txt");
    REQUIRE(list);
    std::map<std::string, std::string> outcomes;
    for (std::string line; std::getline(list, line);) {
        if (line.empty() || line.starts_with("#"))
            continue;
        const auto space = line.find(' ');
        REQUIRE(space != std::string::npos);
        outcomes[line.substr(0, space)] = line.substr(space + 1);
    }
    return outcomes;
}

// The sessions of Nancy starting in 2019, whatever their status.
std::int64_t sessions_of_2019(const Kioskctl& kioskctl)
{
    return test::Sql(kioskctl.database(), test::Sql::Mode::ReadOnly)
        .integer("SELECT count(*) FROM sessions WHERE site = 'nancy'"
                 " AND start_utc >= 1546297200 AND start_utc < 1577833200");
}

// Every calendar of a folder, in name order, into one database: imported or refused within
// seconds, never a crash, each with the outcome the list gives it. A refusal leaves the
// database byte for byte as it was; an import replaces the 2019 sessions with its own, as
// many as its report names.
void import_every_calendar(const std::string& folder)
{
    const auto outcomes = expected_outcomes(folder);
    Kioskctl kioskctl;
    kioskctl.ok({"init"});
    test::import_json(kioskctl, test::fixture("weekly_workshop.ics"),
                      {"--site", "nancy", "--to", "2026-12-31"});
    std::set<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(test::conformance_data(folder)))
        if (entry.path().extension() == ".ics")
            files.insert(entry.path());
    std::set<std::string> seen;
    int imported = 0, refused = 0;
    for (const auto& file : files) {
        const std::string name = file.filename().string();
        seen.insert(name);
        const auto before = kioskctl.snapshot();
        const auto result = test::import(kioskctl, file.string(),
                                         {"--site", "nancy", "--from", "2019-01-01", "--to",
                                          "2019-12-31", "--json"});
        INFO(name << "\nstdout: " << result.out.substr(0, 2000) << "\nstderr: " << result.err);
        REQUIRE((result.exit_code == 0 || result.exit_code == 2)); // 124: hung, 128+: crashed
        const auto expected = outcomes.find(name);
        REQUIRE(expected != outcomes.end());
        if (expected->second == "refused") {
            ++refused;
            CHECK(result.exit_code == 2);
            CHECK_THAT(result.err, Catch::Contains("import refusé, rien n'a changé : " + name));
            CHECK(kioskctl.snapshot() == before);
            continue;
        }
        ++imported;
        REQUIRE(result.exit_code == 0);
        const auto report = nlohmann::json::parse(result.out);
        const auto kept = report["added"].size() + report["updated"].size() +
                          report["cancelled"].size() + report["unchanged"].get<std::size_t>();
        CHECK(std::to_string(sessions_of_2019(kioskctl)) == expected->second);
        CHECK(std::to_string(kept) == expected->second);
    }
    for (const auto& [name, outcome] : outcomes)
        CHECK(seen.contains(name)); // a calendar of the list that is no longer in the data
    CHECK(imported + refused > 20);
}

} // namespace

TEST_CASE("every libical test calendar is refused whole or imported as listed", "[conformance]")
{
    import_every_calendar("libical");
}

TEST_CASE("every recurring-ical-events calendar is refused whole or imported as listed",
          "[conformance]")
{
    import_every_calendar("recurring-ical-events");
}
