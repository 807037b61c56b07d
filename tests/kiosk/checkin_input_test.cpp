// Whatever a reader hands over — control characters, invalid UTF-8, 10 kB — is refused,
// recorded and stored clean.

#include "checkin_fixture.hpp"
#include "kiosk/sanitise.hpp"

#include <set>

using test::at;

namespace {

std::string verdict_of(const kiosk::CheckinResult& result)
{
    return std::string(kiosk::to_string(result.decision.verdict));
}

} // namespace

TEST_CASE("hostile scans are refused, recorded and sanitised", "[checkin]")
{
    test::CheckinFixture site;
    const std::vector<std::string> inputs{
        std::string("AT:\x01\x02\x1B[31m", 10),   std::string("AT:\0\0\0", 6),
        "\xC3\x28\xFF\xFE invalide \xED\xA0\x80", std::string(10240, 'Z'),
        "AT:" + std::string(10237, '\xE9'),       "",
    };
    for (const auto& input : inputs) {
        const auto result = site.scan(input, "2026-11-26 14:00");
        CHECK(verdict_of(result) == "not_a_ticket");
    }
    SQLite::Statement rows(site.store().connection(), "SELECT raw, raw_bytes FROM scans");
    std::multiset<std::size_t> recorded_sizes, sizes;
    for (const auto& input : inputs)
        sizes.insert(input.size());
    while (rows.executeStep()) {
        const std::string raw = rows.getColumn(0).getString();
        CHECK(raw.size() <= 256);
        CHECK(kiosk::sanitised_text(raw, 256) == raw); // already clean: valid UTF-8, no controls
        recorded_sizes.insert(static_cast<std::size_t>(rows.getColumn(1).getInt64()));
    }
    CHECK(recorded_sizes == sizes);
}

TEST_CASE("scanned text is cleaned of controls and invalid UTF-8, and cut", "[checkin]")
{
    CHECK(kiosk::sanitised_text("Saint-Étienne", 256) == "Saint-Étienne");
    CHECK(kiosk::sanitised_text(std::string("a\0b\x1B", 4), 256) == "a\uFFFDb\uFFFD");
    CHECK(kiosk::sanitised_text("\xC3\x28", 256) == "\uFFFD(");
    CHECK(kiosk::sanitised_text("\xC0\xAF", 256) == "\uFFFD\uFFFD");           // overlong '/'
    CHECK(kiosk::sanitised_text("\xED\xA0\x80", 256) == "\uFFFD\uFFFD\uFFFD"); // surrogate
    CHECK(kiosk::sanitised_text("\xC2\x85", 256) == "\uFFFD");                 // C1 control
    CHECK(kiosk::sanitised_text("ééé", 5) == "éé");
}
