// A full disk at the entrance: the scan is refused with a sentence staff can act on, nothing of
// it is written, and the same ticket is admitted once there is room again. The disk is made
// "full" with PRAGMA max_page_count on the connection, which fails writes with SQLITE_FULL as
// a full file system does.

#include "checkin_fixture.hpp"
#include "kiosk/checkin/checkin_refusal.hpp"
#include "store/database.hpp" // the store's own connection: max_page_count is per connection

TEST_CASE("A check-in that cannot be written is refused whole, then admitted when space returns",
          "[checkin][disk-full]")
{
    test::CheckinFixture fixture;
    const auto session = fixture.add_session("rennes", "2026-11-26 14:00", "2026-11-26 16:00");
    std::vector<std::string> tickets;
    fixture.store().write([&] {
        for (int index = 0; index < 300; ++index)
            tickets.push_back(fixture.ticket_for(session));
    });
    auto& connection = kiosk::database_of(fixture.store());
    const int pages = connection.execAndGet("PRAGMA page_count").getInt();
    connection.exec("PRAGMA max_page_count = " + std::to_string(pages));

    const kiosk::CheckinRules rules{};
    const auto request = [&](const std::string& payload) {
        return kiosk::ScanRequest{payload, "rennes", "entree", test::at("2026-11-26 13:50"),
                                  kiosk::ClockTrust::Synchronised};
    };
    std::optional<std::size_t> refused_at;
    int scans_before = 0;
    int checkins_before = 0;
    for (std::size_t index = 0; index < tickets.size() && !refused_at; ++index) {
        scans_before = fixture.count("SELECT count(*) FROM scans");
        checkins_before = fixture.count("SELECT count(*) FROM checkins");
        const auto result = kiosk::try_check_in(fixture.store(), request(tickets[index]), rules);
        if (!result) {
            refused_at = index;
            CHECK(result.error().message == "Entrée non enregistrée — adressez-vous à l'accueil");
            CHECK_THAT(result.error().staff,
                       Catch::StartsWith("Disque plein : l'entrée n'a pas été enregistrée"));
        } else {
            REQUIRE(result->decision.verdict() == kiosk::Verdict::Accepted);
        }
    }
    REQUIRE(refused_at.has_value());
    // Nothing half-written: neither the scan nor a check-in, and the file is sound.
    CHECK(fixture.count("SELECT count(*) FROM scans") == scans_before);
    CHECK(fixture.count("SELECT count(*) FROM checkins") == checkins_before);
    CHECK(fixture.count("SELECT count(*) FROM checkins") == static_cast<int>(*refused_at));
    CHECK(connection.execAndGet("PRAGMA integrity_check").getString() == "ok");
    CHECK_FALSE(fixture.store().in_transaction());
    // Callers that do not serve a visitor still see SQLite's error.
    try {
        (void)kiosk::check_in(fixture.store(), request(tickets[*refused_at]), rules);
        FAIL("a full disk must not be silent");
    } catch (const std::exception& error) {
        CHECK(kiosk::database_problem(error) == kiosk::DatabaseProblem::Full);
    }
    CHECK_FALSE(fixture.store().in_transaction());

    connection.exec("PRAGMA max_page_count = 1073741823"); // the disk has room again
    const auto again = kiosk::try_check_in(fixture.store(), request(tickets[*refused_at]), rules);
    REQUIRE(again.has_value());
    CHECK(again->decision.verdict() == kiosk::Verdict::Accepted);
    CHECK(again->checkin.has_value());
    CHECK(fixture.count("SELECT count(*) FROM checkins") == checkins_before + 1);
}
