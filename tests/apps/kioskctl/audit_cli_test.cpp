// The audit trail through the kioskctl binary: every kind of writer leaves a row naming who,
// and `kioskctl audit` reads them back in words, filtered by period, person and session.

#include "sql.hpp"
#include "ticket_office.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <regex>

using test::trimmed;

namespace {

nlohmann::json trail(test::Kioskctl& kioskctl, std::vector<std::string> filters = {})
{
    std::vector<std::string> arguments{"audit", "--format", "json"};
    arguments.insert(arguments.end(), filters.begin(), filters.end());
    return nlohmann::json::parse(kioskctl.ok(arguments));
}

// The row of `action` on `target`, which must exist once.
nlohmann::json row(const nlohmann::json& rows, const std::string& action,
                   const std::string& target = "")
{
    std::vector<nlohmann::json> found;
    for (const auto& candidate : rows)
        if (candidate["action"] == action && (target.empty() || candidate["target"] == target))
            found.push_back(candidate);
    INFO(action << " " << target << " in " << rows.dump(1));
    REQUIRE(found.size() == 1);
    return found.front();
}

} // namespace

TEST_CASE("kioskctl: every writer leaves an audit row naming who, told in words",
          "[kioskctl][audit]")
{
    test::TicketOffice office;
    auto& kioskctl = office.kioskctl;
    const auto& session = office.session;
    const std::string title = "Créer sa boutique en ligne : démarches et équipement";

    // Session edits, tickets, the door, notices, accounts, keys, an import, a purge.
    kioskctl.ok({"--at", "2026-11-26 09:00", "--by", "marc", "session", "update", session,
                 "--delay-min", "10"});
    const auto payload = office.issue("Élodie", "Lefèvre", {"--by", "claire"});
    const auto ticket = nlohmann::json::parse(kioskctl.ok(
        {"ticket", "list", "--session", session, "--json"}))[0]["ticket"]
                            .get<std::string>();
    const auto late = office.checkin(
        "2026-11-26 16:00", {payload, "--admit", "--reason", "train en retard", "--by", "lea"});
    INFO(late.err);
    REQUIRE(late.exit_code == 0);
    kioskctl.ok({"--at", "2026-11-26 16:05", "checkin", "undo", ticket, "--by", "lea"});
    const auto walkin =
        trimmed(kioskctl
                    .ok({"--at", "2026-11-26 14:40", "walkin", "--session", session, "--first-name",
                         "Paul", "--site", "saint-etienne", "--by", "lea"})
                    .substr(0, 16));
    kioskctl.ok({"--at", "2026-11-26 14:45", "walkin", "undo", walkin, "--by", "lea"});
    kioskctl.ok({"ticket", "revoke", ticket, "--by", "claire"});
    const auto notice = kioskctl
                            .ok({"notice", "add", "Salle Éole fermée", "--site", "saint-etienne",
                                 "--level", "alerte", "--by", "lea"})
                            .substr(5, 16);
    kioskctl.ok({"notice", "clear", notice, "--site", "saint-etienne", "--by", "lea"});
    REQUIRE(kioskctl
                .with_input({"staff", "add", "nadia", "--role", "manager", "--by", "admin"},
                            "un mot de passe assez long\n")
                .exit_code == 0);
    REQUIRE(kioskctl
                .with_input({"staff", "passwd", "nadia", "--by", "admin"},
                            "un autre mot de passe long\n")
                .exit_code == 0);
    kioskctl.ok({"staff", "remove", "nadia", "--by", "admin"});
    const auto key_out =
        kioskctl.ok({"keys", "generate", "--out", (kioskctl.dir() / "second.key").string()});
    const auto second_key = key_out.substr(key_out.find("clé publique ") + 14, 64);
    const auto second_id = trimmed(key_out.substr(key_out.find("identifiant ") + 12));
    kioskctl.ok({"keys", "trust", second_key, "--by", "admin"});
    kioskctl.ok({"keys", "retire", second_id, "--by", "admin"});
    const auto calendar = (kioskctl.dir() / "programme.csv").string();
    std::ofstream(calendar)
        << "title,start,end,room\n"
           "Débuter avec un tableur,2026-11-27 09:30,2026-11-27 11:00,Salle 2\n";
    kioskctl.ok({"--at", "2026-11-26 08:00", "schedule", "import", calendar, "--site",
                 "saint-etienne", "--by", "claire"});
    kioskctl.ok({"--at", "2026-12-20 08:00", "purge", "--before", "2026-11-01", "--by", "claire"});

    const auto rows = trail(kioskctl);
    CHECK(row(rows, "session.update", session)["actor"] == "marc");
    CHECK(row(rows, "session.update", session)["what"] ==
          "a modifié « " + title + " » : retardée de 10 min : 14 h 30 → 14 h 40");
    CHECK(row(rows, "ticket.issue", ticket)["actor"] == "claire");
    CHECK(row(rows, "ticket.issue", ticket)["what"] ==
          "a émis un billet pour Élodie L. à « " + title + " »");
    const auto admitted = row(rows, "checkin.manual", ticket);
    CHECK(admitted["actor"] == "lea");
    CHECK(admitted["session"] == session);
    CHECK(admitted["what"] == "a admis quand même Élodie L. à « " + title + " » : train en retard");
    CHECK(row(rows, "checkin.undo", ticket)["what"] ==
          "a annulé l'entrée de Élodie L. à « " + title + " » (entrée à 16 h)");
    CHECK(row(rows, "walkin.add", walkin)["what"] ==
          "a fait entrer sans billet Paul à « " + title + " »");
    CHECK(row(rows, "walkin.undo", walkin)["actor"] == "lea");
    CHECK(row(rows, "ticket.revoke", ticket)["what"] ==
          "a révoqué le billet de Élodie L. pour « " + title + " »");
    CHECK(row(rows, "notice.add", notice)["what"] ==
          "a affiché l'avis « Salle Éole fermée » (alerte) à Saint-Étienne");
    CHECK(row(rows, "notice.clear", notice)["what"] == "a retiré l'avis « Salle Éole fermée »");
    CHECK(row(rows, "staff.add", "nadia")["what"] == "a créé le compte « nadia » (manager)");
    CHECK(row(rows, "staff.password", "nadia")["actor"] == "admin");
    CHECK(row(rows, "staff.remove", "nadia")["actor"] == "admin");
    CHECK(row(rows, "key.trust", second_id)["actor"] == "admin");
    CHECK(row(rows, "key.retire", second_id)["actor"] == "admin");
    CHECK_THAT(row(rows, "schedule.import")["what"].get<std::string>(),
               Catch::Contains("programme.csv") && Catch::Contains("1 ajoutée(s)"));
    CHECK(row(rows, "attendance.purge")["actor"] == "claire");
    // Nobody reads an id or a JSON document where a name exists.
    for (const auto& each : rows) {
        INFO(each.dump());
        CHECK_FALSE(
            std::regex_search(each["what"].get<std::string>(), std::regex("[0-9a-f]{16}|\\{\"")));
    }

    SECTION("by person, by session, by period, and as CSV")
    {
        const auto lea = trail(kioskctl, {"--by", "lea"});
        CHECK(lea.size() == 6); // admit, undo, walk-in, its undo, notice, its clearing
        CHECK(std::all_of(lea.begin(), lea.end(),
                          [](const auto& each) { return each["actor"] == "lea"; }));
        const auto about = trail(kioskctl, {"--session", session});
        CHECK(about.size() == 8); // made, delay, ticket, admit, undo, walk-in, its undo, revocation
        CHECK(std::all_of(about.begin(), about.end(),
                          [&](const auto& each) { return each["session"] == session; }));
        const auto afternoon = trail(kioskctl, {"--since", "2026-11-26 14:40", "--until",
                                                "2026-11-26 16:01", "--session", session});
        CHECK(afternoon.size() == 3); // walk-in, its undo, admit
        const auto csv = kioskctl.ok({"audit", "--by", "lea", "--format", "csv"});
        CHECK(csv.starts_with("quand,qui,action,session,titre,quoi\r\n"));
        CHECK_THAT(csv, Catch::Contains(",lea,checkin.manual," + session + "," + title + ","));
        CHECK(std::count(csv.begin(), csv.end(), '\n') == 7);
        CHECK_THAT(kioskctl.ok({"audit", "--by", "lea"}),
                   Catch::Contains("2026-11-26 16:00  lea a admis quand même Élodie L."));
    }

    SECTION("a purge leaves no name nor reason in the trail")
    {
        kioskctl.ok({"--at", "2026-12-20 08:00", "purge", "--before", "2026-11-27", "--by",
                     "claire"});
        const auto purged = trail(kioskctl);
        for (const auto& each : purged) {
            INFO(each.dump());
            const auto text = each.dump();
            for (const char* personal : {"Élodie", "Lefèvre", "Paul", "train en retard"})
                CHECK(text.find(personal) == std::string::npos);
            CHECK_FALSE(std::regex_search(each["what"].get<std::string>(),
                                          std::regex("[0-9a-f]{16}|\\{\"")));
        }
        CHECK(row(purged, "checkin.manual", ticket)["what"] ==
              "a fait entrer un visiteur sans nom ici (billet national, ou nom effacé) à « " +
                  title + " »");
        CHECK(test::Sql(kioskctl.database(), test::Sql::Mode::ReadOnly)
                  .text("SELECT count(*) FROM checkins WHERE override_reason <> ''") == "0");
    }

    SECTION("bad filters are refused in French, and reading writes nothing")
    {
        const auto before = kioskctl.snapshot();
        for (const auto& arguments : std::vector<std::vector<std::string>>{
                 {"audit", "--since", "2026-13-01"},
                 {"audit", "--session", "pas-un-id"},
                 {"audit", "--since", "2026-11-27", "--until", "2026-11-26"},
                 {"audit", "--format", "xml"},
                 {"audit", "--limit", "0"}}) {
            const auto refused = kioskctl(arguments);
            INFO(refused.err);
            CHECK(refused.exit_code == 2);
            CHECK_THAT(refused.err, Catch::StartsWith("kioskctl : "));
            CHECK_THAT(refused.err,
                       !Catch::Contains("The following") && !Catch::Contains("not in"));
        }
        CHECK(kioskctl.snapshot() == before);
    }
}
