// Notices in the site database: posted, listed, expired and cleared per site, with clear
// limits on their length and number.

#include "kiosk/schedule/notice.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;

namespace {

Instant at(const char* local) { return *parse_local_time(local); }

struct Site {
    test::TempDir dir;
    Store store{dir / "site.db", Access::ReadWrite, Creation::CreateIfMissing};
    NoticeStore notices{store};
};

} // namespace

TEST_CASE("a notice shows until its time with alerts first and per site", "[notices]")
{
    Site site;
    const auto now = at("2026-11-26 09:00");
    REQUIRE(site.notices.add("rennes", "Salle 2 fermée aujourd'hui", NoticeLevel::Info,
                             at("2026-11-26 12:00"), now));
    REQUIRE(site.notices.add("rennes", "Alarme : sortez par la cour", NoticeLevel::Alerte,
                             std::nullopt, now + Minutes{1}));
    REQUIRE(site.notices.add("nancy", "Parking fermé", NoticeLevel::Info, std::nullopt, now));
    const auto up = site.notices.active("rennes", at("2026-11-26 11:59"));
    REQUIRE(up.size() == 2);
    CHECK(up[0].level == NoticeLevel::Alerte);
    CHECK(up[1].text == "Salle 2 fermée aujourd'hui");
    CHECK(site.notices.active("rennes", at("2026-11-26 12:00")).size() == 1);
    CHECK(site.notices.active("nancy", now).size() == 1);
}

TEST_CASE("clearing takes a site's notices down or one of them", "[notices]")
{
    Site site;
    const auto now = at("2026-11-26 09:00");
    const auto first = site.notices.add("rennes", "Un", NoticeLevel::Info, std::nullopt, now);
    REQUIRE(site.notices.add("rennes", "Deux", NoticeLevel::Info, std::nullopt, now));
    REQUIRE(site.notices.add("nancy", "Trois", NoticeLevel::Info, std::nullopt, now));
    CHECK(site.notices.clear("rennes", first->id, now) == 1);
    CHECK(site.notices.active("rennes", now).size() == 1);
    CHECK(site.notices.clear("rennes", std::nullopt, now) == 1);
    CHECK(site.notices.active("rennes", now).empty());
    CHECK(site.notices.active("nancy", now).size() == 1);
}

TEST_CASE("a notice of 2 000 characters is kept and longer or empty or past ones are refused",
          "[notices][bad-input]")
{
    Site site;
    const auto now = at("2026-11-26 09:00");
    // 2 000 characters of two bytes each: the limit counts characters, not bytes.
    std::string text;
    for (int i = 0; i < 2000; ++i)
        text += "é";
    const auto kept = site.notices.add("rennes", text, NoticeLevel::Info, std::nullopt, now);
    REQUIRE(kept);
    CHECK(kept->text == text);
    const auto longer = site.notices.add("rennes", text + "e", NoticeLevel::Info, std::nullopt, now);
    REQUIRE_FALSE(longer);
    CHECK_THAT(longer.error(), Catch::Contains("2001 caractères") && Catch::Contains("2000 au plus"));
    CHECK_FALSE(site.notices.add("rennes", " \n\t ", NoticeLevel::Info, std::nullopt, now));
    CHECK_FALSE(site.notices.add("rennes", "Fermé", NoticeLevel::Info, at("2026-11-26 09:00"), now));
    CHECK_FALSE(site.notices.add("rennes", "bell\x07", NoticeLevel::Info, std::nullopt, now));
    // Line breaks read as spaces: the band is one text.
    const auto joined = site.notices.add("rennes", "Salle 2\nfermée", NoticeLevel::Info, std::nullopt, now);
    REQUIRE(joined);
    CHECK(joined->text == "Salle 2 fermée");
}

TEST_CASE("a site shows three notices at most", "[notices]")
{
    Site site;
    const auto now = at("2026-11-26 09:00");
    for (const char* text : {"Un", "Deux", "Trois"})
        REQUIRE(site.notices.add("rennes", text, NoticeLevel::Info, std::nullopt, now));
    const auto fourth = site.notices.add("rennes", "Quatre", NoticeLevel::Info, std::nullopt, now);
    REQUIRE_FALSE(fourth);
    CHECK_THAT(fourth.error(), Catch::Contains("3 avis") && Catch::Contains("notice clear"));
    // Cleared ones no longer count.
    REQUIRE(site.notices.clear("rennes", std::nullopt, now) == 3);
    CHECK(site.notices.add("rennes", "Quatre", NoticeLevel::Info, std::nullopt, now));
}

TEST_CASE("the end time of a notice is a time today in Paris", "[notices][time]")
{
    const auto now = at("2026-03-29 01:30"); // the night the clocks go forward
    CHECK(local_time_today("12:30", now) == at("2026-03-29 12:30"));
    CHECK_FALSE(local_time_today("02:30", now)); // does not exist that night
    CHECK_FALSE(local_time_today("9h", now));
    CHECK_FALSE(local_time_today("25:00", now));
}
