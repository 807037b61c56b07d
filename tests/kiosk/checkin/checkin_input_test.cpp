// Whatever a reader hands over — control characters, invalid UTF-8, 10 kB — is refused,
// recorded and stored clean.

#include "checkin_fixture.hpp"
#include "kiosk/base/sanitise.hpp"

#include <set>

using test::at;

namespace {

std::string verdict_of(const kiosk::CheckinResult& result)
{
    return std::string(kiosk::to_string(result.decision.verdict()));
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
    std::multiset<std::size_t> recorded_sizes, sizes;
    for (const auto& input : inputs)
        sizes.insert(input.size());
    for (const auto& row : test::Sql(site.store().path()).rows("SELECT raw, raw_bytes FROM scans")) {
        const std::string& raw = row[0];
        CHECK(raw.size() <= 256);
        CHECK(kiosk::sanitised_text(raw, 256) == raw); // already clean: valid UTF-8, no controls
        recorded_sizes.insert(std::stoul(row[1]));
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
