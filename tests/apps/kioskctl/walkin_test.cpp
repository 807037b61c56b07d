// Walk-ins at the door: only seats no ticket holds, until the start plus the late-entry grace
// frees the seats of holders who did not come.

#include "ticket_office.hpp"

#include <catch2/catch.hpp>

using test::TicketOffice;
using test::trimmed;

namespace {

test::ProcessResult walkin(TicketOffice& office, const std::string& when, const std::string& name)
{
    return office.kioskctl({"--at", when, "walkin", "--session", office.session, "--first-name",
                            name});
}

std::string admitted(TicketOffice& office, const std::string& when, const std::string& name)
{
    const auto result = walkin(office, when, name);
    INFO(when << " " << name << ": " << result.err);
    REQUIRE(result.exit_code == 0);
    return result.out.substr(0, result.out.find('\n'));
}

void refused(TicketOffice& office, const std::string& when, const std::string& name,
             const std::string& message)
{
    const auto before = office.kioskctl.snapshot();
    const auto result = walkin(office, when, name);
    INFO(when << " " << name << ": " << result.err);
    CHECK(result.exit_code == 1);
    CHECK(result.err.find(message) != std::string::npos);
    CHECK(office.kioskctl.snapshot() == before);
}

} // namespace

TEST_CASE("kioskctl walkin: seats held by tickets until the start plus the grace",
          "[kioskctl][walkin][seats]")
{
    TicketOffice office("3"); // 14:30–16:30, three seats, grace 15 min by default
    const auto came = office.issue("Anne", "Martin");
    office.issue("Luc", "Petit"); // who will not come

    const auto first = admitted(office, "2026-11-26 14:00", "Camille");
    CHECK(first.size() == 16);
    refused(office, "2026-11-26 14:05", "Inès",
            "session complète : 3 places, toutes prises (2 billets, 1 entrée sans billet) ; "
            "les places des absents se libèrent à 14 h 45");
    REQUIRE(office.checkin("2026-11-26 14:20", {came}).exit_code == 0);
    // At the start, and until the grace is over, Luc's seat is still his.
    refused(office, "2026-11-26 14:30", "Inès", "session complète");
    refused(office, "2026-11-26 14:44", "Inès", "se libèrent à 14 h 45");
    // From start + grace only those who came hold a seat: Anne and Camille.
    const auto ines = admitted(office, "2026-11-26 14:45", "Inès");
    refused(office, "2026-11-26 14:46", "Paul",
            "session complète : 3 places, toutes prises (1 billet présenté, 2 entrées sans "
            "billet)");

    // A mistake undone frees the seat again.
    const auto undone = office.kioskctl.ok({"walkin", "undo", ines, "--by", "Léa"});
    CHECK(undone.find("entrée sans billet de Inès (14 h 45) annulée") != std::string::npos);
    const auto paul = walkin(office, "2026-11-26 14:50", "Paul");
    CHECK(paul.exit_code == 0);
    CHECK(paul.out.find("la session est maintenant complète") != std::string::npos);
    const auto twice = office.kioskctl({"walkin", "undo", ines});
    CHECK(twice.exit_code == 2);
    CHECK(twice.err.find("déjà annulée") != std::string::npos);
}

TEST_CASE("kioskctl walkin: refused for a session over, cancelled or unknown",
          "[kioskctl][walkin]")
{
    TicketOffice office;
    refused(office, "2026-11-26 16:30", "Inès", "est terminée depuis 16 h 30");
    office.kioskctl.ok({"session", "update", office.session, "--status", "cancelled"});
    refused(office, "2026-11-26 14:00", "Inès", "est annulée");

    const auto unknown = office.kioskctl({"walkin", "--session", "0123456789abcdef",
                                          "--first-name", "Inès"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("aucune session 0123456789abcdef") != std::string::npos);
    const auto wrong_site = office.kioskctl({"walkin", "--session", office.session,
                                             "--first-name", "Inès", "--site", "nancy"});
    CHECK(wrong_site.exit_code == 2);
    CHECK(wrong_site.err.find("a lieu à Saint-Étienne, pas à Nancy") != std::string::npos);
    const auto no_name = office.kioskctl({"walkin", "--session", office.session,
                                          "--first-name", "🙂"});
    CHECK(no_name.exit_code == 2);
    CHECK(no_name.err.find("émoji") != std::string::npos);
}
