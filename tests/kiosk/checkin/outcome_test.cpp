// What a check-in tells the visitor, as facts and in French, and how those facts travel as JSON:
// the words come from one place and survive the round trip through the scans table.

#include "checkin_fixture.hpp"
#include "kiosk/checkin/outcome.hpp"
#include "kiosk/checkin/scan_feed.hpp"
#include "kiosk/reports/camera_heartbeat.hpp"

using kiosk::CheckinOutcome;
using kiosk::Verdict;
using test::at;

namespace {

const std::string nbsp = "\u00A0";

kiosk::Session workshop()
{
    kiosk::Session session;
    session.id = kiosk::SessionId{42};
    session.site = "rennes";
    session.title = "Lancer sa boutique en ligne";
    session.room = "Salle Bréhat";
    session.start = at("2026-11-26 14:00");
    session.end = at("2026-11-26 16:00");
    return session;
}

CheckinOutcome outcome(Verdict verdict)
{
    CheckinOutcome outcome;
    outcome.verdict = verdict;
    outcome.session = kiosk::greeted_session(workshop());
    return outcome;
}

} // namespace

TEST_CASE("every verdict has a headline and, when refused, what to do", "[checkin][outcome]")
{
    for (int value = 0; value <= static_cast<int>(Verdict::ClockUntrusted); ++value) {
        const auto verdict = static_cast<Verdict>(value);
        INFO(kiosk::to_string(verdict));
        CHECK(kiosk::parse_verdict(kiosk::to_string(verdict)) == verdict);
        // Even without the facts (a scan recorded before they were kept), never blank.
        CheckinOutcome bare;
        bare.verdict = verdict;
        const auto message = kiosk::visitor_message(bare);
        CHECK_FALSE(message.headline.empty());
        if (!kiosk::admits(verdict) && verdict != Verdict::AlreadyCheckedIn)
            CHECK_FALSE(message.advice.empty());
        CHECK_FALSE(kiosk::visitor_sentence(bare).empty());
    }
}

TEST_CASE("the sentence and the banner's parts say the same thing", "[checkin][outcome]")
{
    const auto welcome = kiosk::visitor_message(outcome(Verdict::Accepted));
    CHECK(welcome.headline == "Bienvenue");
    CHECK(welcome.ending == nbsp + "!");
    CHECK(welcome.advice == "Rendez-vous" + nbsp + ": Salle Bréhat");
    CHECK(kiosk::visitor_sentence(outcome(Verdict::Accepted)) ==
          "Bienvenue" + nbsp + "! Rendez-vous" + nbsp + ": Salle Bréhat");

    auto early = outcome(Verdict::TooEarly);
    early.doors_open = at("2026-11-26 13:30");
    CHECK(kiosk::visitor_message(early).headline == "L'atelier commence à 14 h");
    CHECK(kiosk::visitor_message(early).advice == "Revenez à 13 h 30");
    CHECK(kiosk::visitor_sentence(early) == "L'atelier commence à 14 h — revenez à 13 h 30");

    auto closed = outcome(Verdict::Closed);
    closed.entry_closed = at("2026-11-26 14:15");
    CHECK(kiosk::visitor_sentence(closed) ==
          "L'entrée est fermée depuis 14 h 15 — adressez-vous à l'accueil");
    closed.entry_closed.reset();
    CHECK(kiosk::visitor_sentence(closed) == "L'atelier est terminé");
    CHECK(kiosk::visitor_message(closed).advice == "Adressez-vous à l'accueil");

    auto elsewhere = outcome(Verdict::WrongSite);
    elsewhere.ticket_site = "saint-etienne";
    CHECK(kiosk::visitor_sentence(elsewhere) == "Ce billet est pour Saint-Étienne");
}

TEST_CASE("a private session's title never enters an outcome", "[checkin][outcome][privacy]")
{
    auto secret = workshop();
    secret.kind = kiosk::Kind::Privee;
    secret.title = "Plan social confidentiel";
    secret.organiser = "CCI Hérault";
    const auto greeted = kiosk::greeted_session(secret);
    CHECK(greeted.title == "Session privée — CCI Hérault");
    CheckinOutcome outcome;
    outcome.session = greeted;
    CHECK(nlohmann::ordered_json(outcome).dump().find("confidentiel") == std::string::npos);
}

TEST_CASE("outcomes, sessions and heartbeats read back what was written", "[checkin][json]")
{
    auto full = outcome(Verdict::WrongDay);
    full.first_checkin = at("2026-11-26 09:02");
    full.doors_open = at("2026-11-26 13:30");
    full.entry_closed = at("2026-11-26 14:15");
    full.ticket_site = "nancy";
    full.ticket_day = kiosk::local_day(at("2026-11-27 10:00"));
    full.scan_day = kiosk::local_day(at("2026-11-26 10:00"));
    CHECK(nlohmann::ordered_json(full).get<CheckinOutcome>() == full);
    CHECK(nlohmann::ordered_json::parse("{}").get<CheckinOutcome>() == CheckinOutcome{});

    auto session = workshop();
    session.tags = {"commerce", "vente en ligne"};
    session.capacity = 14;
    session.delay_minutes = 10;
    session.status = kiosk::Status::Delayed;
    session.updated_at = at("2026-11-20 09:00");
    const auto again = nlohmann::ordered_json(session).get<kiosk::Session>();
    CHECK(nlohmann::ordered_json(again) == nlohmann::ordered_json(session));
    CHECK(again.start == session.start);
    CHECK(again.tags == session.tags);

    kiosk::CameraHeartbeat heartbeat;
    heartbeat.pid = 4242;
    heartbeat.input = kiosk::TicketInput::Reader;
    heartbeat.heartbeat = std::chrono::system_clock::time_point{std::chrono::seconds{1795705200}};
    heartbeat.frames_per_second = 9.8;
    heartbeat.record_problem = "Disque plein";
    const auto read = nlohmann::ordered_json(heartbeat).get<kiosk::CameraHeartbeat>();
    CHECK(read.pid == 4242);
    CHECK(read.input == kiosk::TicketInput::Reader);
    CHECK(read.heartbeat == heartbeat.heartbeat);
    CHECK_FALSE(read.last_frame);
    CHECK(read.record_problem == "Disque plein");
}

TEST_CASE("a recorded scan keeps its outcome for the board, and its answer prints it",
          "[checkin][outcome]")
{
    test::CheckinFixture site;
    const auto session = site.add_session("rennes", "2026-11-26 14:00", "2026-11-26 16:00");
    const auto ticket = site.ticket_for(session);
    kiosk::ScanFeed feed(site.store(), "rennes");
    const auto result = site.scan(ticket, "2026-11-26 13:00");
    const auto scans = feed.read_new(site.store(), at("2026-11-26 13:00"));
    REQUIRE(scans.size() == 1);
    CHECK(scans[0].outcome == result.decision.outcome);
    CHECK(kiosk::visitor_sentence(scans[0].outcome) ==
          "L'atelier commence à 14 h — revenez à 13 h 30");

    const nlohmann::ordered_json answer = result;
    CHECK(answer["verdict"] == "too_early");
    CHECK(answer["admitted"] == false);
    CHECK(answer["message"] == "L'atelier commence à 14 h — revenez à 13 h 30");
    CHECK(answer["outcome"]["doors_open"] == "2026-11-26T13:30:00+01:00");
    CHECK(answer["site"] == "rennes");
    const auto read = answer.get<kiosk::CheckinResult>();
    CHECK(read.decision.outcome == result.decision.outcome);
    CHECK(read.decision.ticket == result.decision.ticket);
    CHECK(read.scan == result.scan);
    CHECK_FALSE(read.admitted());
    CHECK(read.at == result.at);
}
