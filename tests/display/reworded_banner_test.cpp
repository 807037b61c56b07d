// The board never words a verdict itself: this test is built with a copy of the core's
// kiosk/src/checkin/visitor_message.cpp in which one sentence was changed (tests/display/
// reword.cmake), linked in place of the core's own, and display/ as it is. The banner follows.

#include "kiosk/checkin/outcome.hpp"
#include "kiosk/checkin/scan_feed.hpp"
#include "kiosk_display/greeting.hpp"

#include <catch2/catch.hpp>

TEST_CASE("a verdict reworded in the core reads the new words on the board's banner",
          "[greeting][wording]")
{
    kiosk::RecordedScan scan;
    scan.scan = kiosk::ScanId{7};
    scan.outcome.verdict = kiosk::Verdict::Revoked;
    const auto banner = kiosk_display::banner_for(scan);
    CHECK(banner.tone == kiosk_display::Tone::Stop);
    CHECK(banner.headline() == "Votre billet n'est plus valable");
    CHECK(banner.hint == "Adressez-vous à l'accueil");
    // The one-line sentence the programs print follows as well.
    CHECK(kiosk::visitor_sentence(scan.outcome) ==
          "Votre billet n'est plus valable — adressez-vous à l'accueil");
    // The other verdicts keep the core's own words.
    scan.outcome.verdict = kiosk::Verdict::UnknownKey;
    CHECK(kiosk_display::banner_for(scan).headline() == "Billet non reconnu");
}
