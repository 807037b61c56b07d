// What the outbox tells people when things change, through the real relay: a revoked ticket, a
// moved and a cancelled session, the reminder the day before; a dry run; bad configurations.

#include "mail_office.hpp"

#include <catch2/catch.hpp>
#include <sys/stat.h>

using test::MailOffice;

namespace {

std::vector<std::string> subjects(const MailOffice& office, const test::SmtpSink& relay)
{
    std::vector<std::string> said;
    int index = 0;
    for (const auto& message : relay.messages())
        said.push_back(MailOffice::read(message, office.kioskctl.dir() /
                                                     ("parts-" + std::to_string(index++)))
                           .at("subject"));
    return said;
}

std::string ticket_of(const MailOffice& office, const std::string& first_name)
{
    const auto listing = nlohmann::json::parse(
        office.kioskctl.ok({"ticket", "list", "--session", office.session, "--json"}));
    for (const auto& ticket : listing)
        if (ticket.at("first_name") == first_name)
            return ticket.at("ticket");
    FAIL("no ticket for " << first_name);
    return {};
}

} // namespace

TEST_CASE("a revoked ticket is told — and its ticket mail not yet sent is dropped", "[mail]")
{
    MailOffice office;
    const auto relay = office.relay();
    office.issue("Hélène", "Lefèvre", {"--email", "helene@example.fr"});
    office.kioskctl.ok({"ticket", "revoke", ticket_of(office, "Hélène")});

    const auto report = office.sent("2026-11-20 10:00");
    CHECK(report.at("sent") == 1);
    CHECK(report.at("dropped") == 1);
    CHECK(subjects(office, *relay) ==
          std::vector<std::string>{
              "Votre billet est annulé : Créer sa boutique en ligne : démarches et équipement"});
    const auto outbox = office.outbox();
    REQUIRE(outbox.size() == 2);
    CHECK(outbox[0].at("status") == "dropped");
    CHECK(outbox[0].at("error") == "billet révoqué entre-temps");
}

TEST_CASE("a session moved twice is told once — with where and when it now is — cancelled — everyone is told and the calendar entry withdrawn",
          "[mail]")
{
    MailOffice office;
    const auto relay = office.relay();
    office.issue("Hélène", "Lefèvre", {"--email", "helene@example.fr"});
    office.issue("Zoé", "Nguyen", {"--email", "zoe@example.fr"});
    office.issue("Sans", "Adresse"); // no e-mail: nothing to queue
    CHECK(office.sent("2026-11-20 10:00").at("sent") == 2);

    office.kioskctl.ok({"session", "update", office.session, "--start", "2026-11-26 15:00",
                        "--end", "17:00"});
    office.kioskctl.ok({"session", "update", office.session, "--room", "Salle Bréhat"});
    const auto moved = office.sent("2026-11-20 11:00");
    CHECK(moved.at("sent") == 2);
    CHECK(moved.at("dropped") == 2); // the first change, already said by the second
    const auto told = MailOffice::read(relay->messages()[2], office.kioskctl.dir() / "moved");
    CHECK(told.at("subject") ==
          "Changement : Créer sa boutique en ligne : démarches et équipement — jeudi 26 "
          "novembre à 15 h");
    CHECK(told.at("text").get<std::string>().find("de 15 h à 17 h, Salle Bréhat, Saint-Étienne") !=
          std::string::npos);

    office.kioskctl.ok({"session", "update", office.session, "--status", "cancelled"});
    const auto cancelled = office.sent("2026-11-21 09:00");
    CHECK(cancelled.at("sent") == 2);
    const auto messages = relay->messages();
    REQUIRE(messages.size() == 6);
    const auto last = MailOffice::read(messages.back(), office.kioskctl.dir() / "cancelled");
    CHECK(last.at("subject").get<std::string>().starts_with(
        "Annulé : Créer sa boutique en ligne : démarches et équipement du jeudi 26 novembre"));
    bool withdrawn = false;
    for (const auto& part : last.at("parts"))
        if (part.at("type") == "text/calendar") {
            const auto ics = test::read_file(part.at("file").get<std::string>());
            withdrawn = ics.find("METHOD:CANCEL") != std::string::npos &&
                        ics.find("STATUS:CANCELLED") != std::string::npos;
        }
    CHECK(withdrawn);
    // No reminder for a cancelled session.
    CHECK(office.sent("2026-11-25 15:00").at("reminders_queued") == 0);
}

TEST_CASE("the reminder leaves the day before — once — with the ticket again", "[mail]")
{
    MailOffice office;
    const auto relay = office.relay({"inconnu@example.fr"});
    office.issue("Hélène", "Lefèvre", {"--email", "helene@example.fr"});
    office.issue("Paul", "Martin", {"--email", "inconnu@example.fr"});
    CHECK(office.sent("2026-11-20 10:00").at("sent") == 1);
    // Two days before: not yet.
    CHECK(office.sent("2026-11-24 14:00").at("reminders_queued") == 0);
    const auto day_before = office.sent("2026-11-25 15:00");
    CHECK(day_before.at("reminders_queued") == 1); // not to an address the relay refused
    CHECK(day_before.at("sent") == 1);
    CHECK(office.sent("2026-11-25 18:00").at("reminders_queued") == 0);
    const auto messages = relay->messages();
    REQUIRE(messages.size() == 2);
    const auto reminder = MailOffice::read(messages.back(), office.kioskctl.dir() / "reminder");
    CHECK(reminder.at("subject") == "Rappel : Créer sa boutique en ligne : démarches et "
                                    "équipement — demain, jeudi 26 novembre de 14 h 30 à 16 h 30");
    bool has_ticket = false;
    for (const auto& part : reminder.at("parts"))
        has_ticket = has_ticket || part.at("type") == "image/png";
    CHECK(has_ticket);
    CHECK(reminder.at("text").get<std::string>().find("Répondez simplement à ce message") !=
          std::string::npos);
}

TEST_CASE("a dry run writes each message as an .eml file and changes nothing", "[mail]")
{
    MailOffice office;
    office.issue("Hélène", "Lefèvre", {"--email", "helene@example.fr"});
    office.issue("Zoé", "Nguyen", {"--email", "zoe@example.fr"});
    const auto before = office.kioskctl.snapshot();
    const auto folder = office.kioskctl.dir() / "apercu";
    const auto result = office.send("2026-11-20 10:00", {"--dry-run", folder.string()});
    INFO(result.err);
    REQUIRE(result.exit_code == 0); // no relay is listening: none is needed
    const auto report = nlohmann::json::parse(result.out);
    CHECK(report.at("sent") == 2);
    REQUIRE(report.at("files").size() == 2);
    const auto mail = MailOffice::read(report.at("files")[0].get<std::string>(),
                                       office.kioskctl.dir() / "apercu-parts");
    CHECK(mail.at("to") == "helene@example.fr");
    CHECK(mail.at("defects").empty());
    CHECK(office.kioskctl.snapshot() == before);
    CHECK(office.outbox()[0].at("status") == "queued");
}

TEST_CASE("a bad mail configuration is refused with its place — and the outbox is untouched",
          "[mail]")
{
    MailOffice office;
    office.issue("Hélène", "Lefèvre", {"--email", "helene@example.fr"});
    const auto before = office.kioskctl.snapshot();
    const auto write = [&](const std::string& text) {
        std::ofstream(office.config, std::ios::trunc) << text;
    };
    const std::string good_tail = "[messages]\ndomain = \"atelier.example.org\"\n"
                                  "[online]\nfrom = \"en-ligne@atelier.example.org\"\n";

    write("[relay]\nhost = \"smtp.example.org\"\nsecurity = \"none\"\n" + good_tail);
    auto refused = office.send("2026-11-20 10:00");
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("mail.toml:3:12: sans chiffrement, seul un relais local (127.0.0.1) "
                           "est accepté (relay.security)") != std::string::npos);

    write("[relay]\nhost = \"127.0.0.1\"\nsecurity = \"none\"\nprot = 25\n" + good_tail);
    refused = office.send("2026-11-20 10:00");
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("mail.toml:4:1: clé inconnue (relay.prot)") != std::string::npos);

    write("[relay]\nhost = \"127.0.0.1\"\nsecurity = \"none\"\n[messages]\ndomain = "
          "\"atelier.example.org\"\n[online]\nfrom = \"pas une adresse\"\n");
    refused = office.send("2026-11-20 10:00");
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("adresse e-mail invalide « pas une adresse » (online.from)") !=
          std::string::npos);

    // A password anyone on the machine could read is refused before anything is sent.
    const auto password = office.kioskctl.dir() / "password";
    std::ofstream(password) << "secret\n";
    ::chmod(password.c_str(), 0644);
    write("[relay]\nhost = \"smtp.example.org\"\nuser = \"kiosque\"\npassword_file = \"" +
          password.string() + "\"\n" + good_tail);
    refused = office.send("2026-11-20 10:00");
    CHECK(refused.exit_code == 2);
    CHECK(refused.err.find("lisible par d'autres que le service (mode 644) ; faites chmod 600") !=
          std::string::npos);

    const auto missing = office.kioskctl({"mail", "send"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.err.find("configuration de l'envoi des e-mails manquante") != std::string::npos);
    CHECK(office.kioskctl.snapshot() == before);
}

TEST_CASE("a session moved to another day — issuing again mails the new ticket once — and the door "
          "admits it",
          "[mail]")
{
    MailOffice office;
    const auto relay = office.relay();
    const auto first = office.issue("Hélène", "Lefèvre", {"--email", "helene@example.fr"});
    CHECK(office.sent("2026-11-20 10:00").at("sent") == 1);

    office.kioskctl.ok({"session", "update", office.session, "--start", "2026-11-27 14:30",
                        "--end", "16:30"});
    const auto second = office.issue("Hélène", "Lefèvre", {"--email", "helene@example.fr"});
    CHECK(second != first); // the day is in the signed text
    CHECK(office.issue("Hélène", "Lefèvre", {"--email", "helene@example.fr"}) == second);

    const auto report = office.sent("2026-11-20 11:00");
    CHECK(report.at("sent") == 1);    // the new ticket, which says where and when
    CHECK(report.at("dropped") == 1); // the change, said by the new ticket
    const auto messages = relay->messages();
    REQUIRE(messages.size() == 2);
    const auto mail = MailOffice::read(messages.back(), office.kioskctl.dir() / "new-ticket");
    CHECK(mail.at("subject") == "Votre billet : Créer sa boutique en ligne : démarches et "
                                "équipement — vendredi 27 novembre à 14 h 30");
    std::string image;
    for (const auto& part : mail.at("parts"))
        if (part.at("type") == "image/png")
            image = part.at("file");
    REQUIRE_FALSE(image.empty());
    const auto admitted = office.checkin("2026-11-27 14:20", {"--image", image, "--json"});
    CHECK(admitted.exit_code == 0);
    CHECK(nlohmann::json::parse(admitted.out).at("verdict") == "accepted");
}
