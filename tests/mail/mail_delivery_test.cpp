// The office's mail end to end: tickets issued through kioskctl, `kioskctl mail send` talking
// SMTP through libcurl to a real server on the loopback address (aiosmtpd), what arrived read by
// a real parser (Python's e-mail package), its QR code admitted by `kioskctl checkin`, its
// invitation read back by libical. Then the ways delivery goes wrong: a relay down, a 550 for
// one address, a sender killed after the relay's 250.

#include "build_paths.hpp"
#include "mail_office.hpp"

#include <catch2/catch.hpp>
#include <csignal>
#include <libical/ical.h>

using test::MailOffice;

namespace {

std::string ics_text(const nlohmann::json& mail)
{
    for (const auto& part : mail.at("parts"))
        if (part.at("type") == "text/calendar")
            return test::read_file(part.at("file").get<std::string>());
    FAIL("no text/calendar part");
    return {};
}

struct CalendarRead {
    std::string method;
    std::string tzid;
    std::int64_t start_utc = 0;
    std::int64_t end_utc = 0;
    std::string summary;
    std::string location;
    std::string url;
    std::string status;
};

// The invitation as a calendar reads it: libical, the local times resolved through the
// VTIMEZONE the file carries.
CalendarRead read_calendar(const std::string& text)
{
    icalcomponent* calendar = icalparser_parse_string(text.c_str());
    REQUIRE(calendar != nullptr);
    CalendarRead read;
    read.method = icalproperty_method_to_string(icalcomponent_get_method(calendar));
    icalcomponent* event = icalcomponent_get_first_component(calendar, ICAL_VEVENT_COMPONENT);
    REQUIRE(event != nullptr);
    icalproperty* dtstart = icalcomponent_get_first_property(event, ICAL_DTSTART_PROPERTY);
    REQUIRE(dtstart != nullptr);
    icalparameter* tzid = icalproperty_get_first_parameter(dtstart, ICAL_TZID_PARAMETER);
    REQUIRE(tzid != nullptr);
    read.tzid = icalparameter_get_tzid(tzid);
    const icaltimetype start = icalcomponent_get_dtstart(event);
    const icaltimetype end = icalcomponent_get_dtend(event);
    REQUIRE(start.zone != nullptr); // resolved: the file's VTIMEZONE was found and used
    REQUIRE_FALSE(icaltime_is_utc(start));
    read.start_utc = icaltime_as_timet_with_zone(start, start.zone);
    read.end_utc = icaltime_as_timet_with_zone(end, end.zone);
    read.summary = icalcomponent_get_summary(event);
    if (const char* location = icalcomponent_get_location(event))
        read.location = location;
    if (icalproperty* url = icalcomponent_get_first_property(event, ICAL_URL_PROPERTY))
        read.url = icalproperty_get_url(url);
    read.status = icalproperty_status_to_string(icalcomponent_get_status(event));
    icalcomponent_free(calendar);
    return read;
}

std::vector<std::string> part_types(const nlohmann::json& mail)
{
    std::vector<std::string> types;
    for (const auto& part : mail.at("parts"))
        types.push_back(part.at("type"));
    return types;
}

const nlohmann::json* part_of_type(const nlohmann::json& mail, const std::string& type)
{
    for (const auto& part : mail.at("parts"))
        if (part.at("type") == type)
            return &part;
    return nullptr;
}

int count_with_status(const nlohmann::json& outbox, const std::string& status)
{
    int count = 0;
    for (const auto& entry : outbox)
        count += entry.at("status") == status ? 1 : 0;
    return count;
}

constexpr std::int64_t session_start_utc = 1795699800; // 2026-11-26 14:30 in Paris (UTC+1)

} // namespace

TEST_CASE("a ticket mail as a client reads it — its QR code admitted — its invitation at the right instant",
          "[mail]")
{
    MailOffice office;
    const auto relay = office.relay();
    office.issue("Hélène", "Lefèvre", {"--email", "helene@example.fr"});

    const auto report = office.sent("2026-11-20 10:00");
    CHECK(report.at("sent") == 1);
    const auto messages = relay->messages();
    REQUIRE(messages.size() == 1);
    const auto mail = MailOffice::read(messages.front(), office.kioskctl.dir() / "parts");

    CHECK(mail.at("defects").empty());
    CHECK(mail.at("longest_line").get<int>() <= 78);
    CHECK(mail.at("bare_newlines") == 0);
    CHECK(mail.at("subject") ==
          "Votre billet : Créer sa boutique en ligne : démarches et équipement — jeudi 26 "
          "novembre à 14 h 30");
    CHECK(mail.at("subject_line").get<std::string>().starts_with("Subject: =?UTF-8?B?"));
    CHECK(mail.at("from") ==
          "Atelier numérique de Saint-Étienne <saint-etienne@atelier.example.org>");
    CHECK(mail.at("to") == "helene@example.fr");
    CHECK(mail.at("reply_to") == "accueil@atelier.example.org");
    const auto message_id = mail.at("message_id").get<std::string>();
    CHECK(message_id.ends_with("@atelier.example.org>"));
    CHECK(message_id.starts_with("<billet-"));

    CHECK(part_types(mail) ==
          std::vector<std::string>{"multipart/mixed", "multipart/related", "multipart/alternative",
                                   "text/plain", "text/html", "image/png", "application/pdf",
                                   "text/calendar"});
    const auto text = mail.at("text").get<std::string>();
    CHECK(text.find("Bonjour Hélène,") != std::string::npos);
    CHECK(text.find("jeudi 26 novembre de 14 h 30 à 16 h 30, Salle Éole, Saint-Étienne (10 place "
                    "Jean-Jaurès, 42000 Saint-Étienne)") != std::string::npos);
    CHECK(text.find("À apporter : votre ordinateur portable.") != std::string::npos);
    CHECK(text.find("Pour venir : tram T1, arrêt Hôtel de Ville.") != std::string::npos);
    CHECK(text.find("Répondez simplement à ce message") != std::string::npos);
    // No last name anywhere in what the visitor's mail says.
    CHECK(text.find("Lefèvre") == std::string::npos);

    // The QR code inline: the HTML shows the image part by its Content-ID.
    const auto* image = part_of_type(mail, "image/png");
    REQUIRE(image != nullptr);
    CHECK(image->at("disposition") == "inline");
    const auto content_id = image->at("content_id").get<std::string>();
    REQUIRE(content_id.size() > 2);
    CHECK(mail.at("html").get<std::string>().find(
              "src=\"cid:" + content_id.substr(1, content_id.size() - 2) + "\"") !=
          std::string::npos);
    const auto* pdf = part_of_type(mail, "application/pdf");
    REQUIRE(pdf != nullptr);
    CHECK(pdf->at("disposition") == "attachment");
    CHECK(test::read_file(pdf->at("file").get<std::string>()).starts_with("%PDF-"));

    // The camera's decoder reads the mailed image, and the door admits it.
    const auto admitted = office.checkin(
        "2026-11-26 14:20", {"--image", image->at("file").get<std::string>(), "--json"});
    INFO(admitted.err);
    CHECK(admitted.exit_code == 0);
    CHECK(nlohmann::json::parse(admitted.out).at("verdict") == "accepted");

    const auto invitation = read_calendar(ics_text(mail));
    CHECK(invitation.method == "PUBLISH");
    CHECK(invitation.tzid == "Europe/Paris");
    CHECK(invitation.start_utc == session_start_utc);
    CHECK(invitation.end_utc == session_start_utc + 2 * 3600);
    CHECK(invitation.summary == "Créer sa boutique en ligne : démarches et équipement");
    CHECK(invitation.location.find("Salle Éole") != std::string::npos);
    CHECK(invitation.status == "CONFIRMED");

    // Sent is sent: a rerun finds nothing to do.
    CHECK(office.sent("2026-11-20 10:05").at("sent") == 0);
    CHECK(relay->messages().size() == 1);
    // The run is in the audit trail.
    CHECK(office.kioskctl.ok({"audit"}).find("mail.send") != std::string::npos);
}

TEST_CASE("an online session's mail carries its join link — no QR code — and the invitation summer time",
          "[mail]")
{
    MailOffice office;
    const auto relay = office.relay();
    const auto live = test::trimmed(office.kioskctl.ok(
        {"session", "add", "--site", "national", "--kind", "live", "--title",
         "Sécuriser ses comptes en ligne", "--start", "2027-06-10 18:00", "--end", "19:30",
         "--url", "https://visio.example.org/securite-2027"}));
    office.kioskctl.ok({"ticket", "issue", "--session", live, "--first-name", "Zoé",
                        "--last-name", "Nguyen", "--email", "zoe@example.fr", "--key",
                        office.key_file});
    CHECK(office.sent("2027-06-01 09:00").at("sent") == 1);
    REQUIRE(relay->messages().size() == 1);
    const auto mail = MailOffice::read(relay->messages().front(), office.kioskctl.dir() / "parts");
    CHECK(part_types(mail) == std::vector<std::string>{"multipart/mixed", "multipart/alternative",
                                                       "text/plain", "text/html",
                                                       "text/calendar"});
    CHECK(mail.at("from") == "Atelier numérique <en-ligne@atelier.example.org>");
    CHECK(mail.at("text").get<std::string>().find("https://visio.example.org/securite-2027") !=
          std::string::npos);
    CHECK(mail.at("html").get<std::string>().find(
              "<a href=\"https://visio.example.org/securite-2027\">") != std::string::npos);
    const auto invitation = read_calendar(ics_text(mail));
    CHECK(invitation.start_utc == 1812643200); // 2027-06-10 18:00 in Paris is 16:00 UTC
    CHECK(invitation.url == "https://visio.example.org/securite-2027");
}

TEST_CASE("a relay that is down delays — never drops — up again — each message leaves once",
          "[mail]")
{
    MailOffice office;
    office.issue("Hélène", "Lefèvre", {"--email", "helene@example.fr"});
    office.issue("Jean-Baptiste", "Roux", {"--email", "jb@example.fr"});

    const auto down = office.send("2026-11-20 10:00");
    CHECK(down.exit_code == 1);
    CHECK(down.err.find("injoignable") != std::string::npos);
    CHECK(down.err.find("2 message(s) attendent le prochain passage") != std::string::npos);
    auto outbox = office.outbox();
    REQUIRE(outbox.size() == 2);
    CHECK(count_with_status(outbox, "queued") == 2);
    CHECK(outbox[0].at("attempts") == 1); // tried once, then the run stopped
    CHECK(outbox[1].at("attempts") == 0);

    const auto relay = office.relay();
    // The message tried waits for its back-off (a minute); the other goes now.
    CHECK(office.sent("2026-11-20 10:00").at("sent") == 1);
    CHECK(office.sent("2026-11-20 10:02").at("sent") == 1);
    CHECK(office.sent("2026-11-20 10:30").at("sent") == 0);
    CHECK(relay->messages().size() == 2);
    outbox = office.outbox();
    CHECK(count_with_status(outbox, "sent") == 2);
}

TEST_CASE("a 550 for one address fails that message only — retry asks the relay again",
          "[mail]")
{
    MailOffice office;
    const auto relay = office.relay({"inconnu@example.fr"});
    office.issue("Hélène", "Lefèvre", {"--email", "helene@example.fr"});
    office.issue("Paul", "Martin", {"--email", "inconnu@example.fr"});
    office.issue("Zoé", "Nguyen", {"--email", "zoe@example.fr"});

    const auto report = office.sent("2026-11-20 10:00");
    CHECK(report.at("sent") == 2);
    CHECK(report.at("refused") == 1);
    CHECK(relay->messages().size() == 2);
    const auto failed = nlohmann::json::parse(office.kioskctl.ok({"mail", "list", "--failed", "--json"}));
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].at("recipient") == "inconnu@example.fr");
    CHECK(failed[0].at("error").get<std::string>().find("550") != std::string::npos);
    CHECK(office.kioskctl.ok({"mail", "list", "--failed"}).find("refusé par le relais (550)") !=
          std::string::npos);

    // Nothing sent twice, the refusal not tried again on its own.
    const auto rerun = office.sent("2026-11-20 12:00");
    CHECK(rerun.at("sent") == 0);
    CHECK(rerun.at("refused") == 0);

    const auto id = std::to_string(failed[0].at("id").get<int>());
    CHECK(office.kioskctl.ok({"mail", "retry", id}) == "message " + id + " remis en file\n");
    CHECK(office.sent("2026-11-20 12:01").at("refused") == 1);
    const auto unknown = office.kioskctl({"mail", "retry", "999"});
    CHECK(unknown.exit_code == 2);
    CHECK(unknown.err.find("aucun message 999") != std::string::npos);
    CHECK(office.kioskctl.ok({"audit"}).find("mail.retry") != std::string::npos);
}

TEST_CASE("a sender killed between the relay's 250 and its own record sends again under the same Message-ID — once",
          "[mail]")
{
    MailOffice office;
    const auto relay = office.relay();
    office.issue("Hélène", "Lefèvre", {"--email", "helene@example.fr"});
    office.issue("Zoé", "Nguyen", {"--email", "zoe@example.fr"});

    {
        test::BackgroundProcess sender({test::kioskctl_program(), "--db",
                                        office.kioskctl.database(), "--at", "2026-11-20 10:00",
                                        "mail", "send", "--mail-config", office.config.string()},
                                       (office.kioskctl.dir() / "sender.log").string());
        relay->kill_after_accepting(sender.pid());
        for (int tries = 0; tries < 400 && sender.running(); ++tries)
            std::this_thread::sleep_for(std::chrono::milliseconds(25));
        CHECK_FALSE(sender.running());
    }
    REQUIRE(relay->messages().size() == 1);
    auto outbox = office.outbox();
    CHECK(outbox[0].at("status") == "sending"); // accepted by the relay, not recorded here
    CHECK(outbox[1].at("status") == "queued");

    CHECK(office.sent("2026-11-20 10:01").at("sent") == 2);
    const auto messages = relay->messages();
    REQUIRE(messages.size() == 3);
    const auto first = MailOffice::read(messages[0], office.kioskctl.dir() / "a");
    const auto again = MailOffice::read(messages[1], office.kioskctl.dir() / "b");
    const auto other = MailOffice::read(messages[2], office.kioskctl.dir() / "c");
    CHECK(first.at("message_id") == again.at("message_id")); // recognisable as one message
    CHECK(first.at("to") == again.at("to"));
    CHECK(other.at("message_id") != first.at("message_id"));
    CHECK(office.sent("2026-11-20 10:10").at("sent") == 0);
    CHECK(relay->messages().size() == 3);
}

TEST_CASE("STARTTLS with the relay's certificate checked and a login — a wrong password or an "
          "unknown certificate sends nothing and loses nothing",
          "[mail]")
{
    MailOffice office;
    const auto dir = office.kioskctl.dir().path();
    const auto certificate = (dir / "relais.pem").string();
    const auto key = (dir / "relais.key").string();
    const auto made = test::run_process(
        {"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out",
         certificate, "-days", "2", "-subj", "/CN=127.0.0.1", "-addext",
         "subjectAltName=IP:127.0.0.1"});
    INFO(made.err);
    REQUIRE(made.exit_code == 0);
    const auto password = dir / "mot-de-passe";
    std::ofstream(password) << "s3cret\n";
    std::filesystem::permissions(password, std::filesystem::perms::owner_read |
                                               std::filesystem::perms::owner_write);
    const auto relay = office.relay({}, {"--tls", certificate, key, "--login", "kiosque:s3cret"});
    const std::string login = "user = \"kiosque\"\npassword_file = \"" + password.string() + "\"\n";
    office.configure("security = \"starttls\"\n" + login + "ca_file = \"" + certificate + "\"\n");
    office.issue("Hélène", "Lefèvre", {"--email", "helene@example.fr"});
    CHECK(office.sent("2026-11-20 10:00").at("sent") == 1);
    CHECK(relay->messages().size() == 1);

    office.issue("Zoé", "Nguyen", {"--email", "zoe@example.fr"});
    std::ofstream(password, std::ios::trunc) << "faux\n";
    auto refused = office.send("2026-11-20 10:01");
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find("refuse l'identifiant ou le mot de passe (kiosque)") !=
          std::string::npos);

    // The system's authorities do not know this certificate: no mail goes in the clear instead.
    std::ofstream(password, std::ios::trunc) << "s3cret\n";
    office.configure("security = \"starttls\"\n" + login);
    refused = office.send("2026-11-20 10:05");
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find("connexion chiffrée au relais 127.0.0.1:" + std::to_string(office.port) +
                           " impossible") != std::string::npos);
    CHECK(relay->messages().size() == 1);

    office.configure("security = \"starttls\"\n" + login + "ca_file = \"" + certificate + "\"\n");
    CHECK(office.sent("2026-11-20 10:10").at("sent") == 1);
    CHECK(relay->messages().size() == 2);
}

TEST_CASE("a relay that refuses the sender fails nobody's message — everything waits", "[mail]")
{
    MailOffice office;
    const auto relay =
        office.relay({}, {"--refuse-sender", "saint-etienne@atelier.example.org"});
    office.issue("Hélène", "Lefèvre", {"--email", "helene@example.fr"});
    office.issue("Zoé", "Nguyen", {"--email", "zoe@example.fr"});
    const auto refused = office.send("2026-11-20 10:00");
    CHECK(refused.exit_code == 1);
    CHECK(refused.err.find("refuse l'expéditeur (553)") != std::string::npos);
    const auto outbox = office.outbox();
    REQUIRE(outbox.size() == 2);
    for (const auto& entry : outbox)
        CHECK(entry.at("status") == "queued");
    CHECK(relay->messages().empty());
}

TEST_CASE("a private session's link goes to its registrants and to its organiser — once",
          "[mail]")
{
    MailOffice office;
    office.more_sections = "[organisers]\n\"CCI Ille-et-Vilaine\" = \"formation@cci.example\"\n";
    office.configure("security = \"none\"\n");
    const auto relay = office.relay();
    const auto privee = test::trimmed(office.kioskctl.ok(
        {"session", "add", "--site", "national", "--kind", "privee", "--title",
         "Prospecter avec LinkedIn", "--organiser", "CCI Ille-et-Vilaine", "--start",
         "2026-11-27 09:30", "--end", "11:30", "--url", "https://visio.example.org/cci-35"}));
    office.kioskctl.ok({"ticket", "issue", "--session", privee, "--first-name", "Léa",
                        "--last-name", "Martin", "--email", "lea@example.fr", "--key",
                        office.key_file});
    const auto report = office.sent("2026-11-20 10:00");
    CHECK(report.at("organisers_queued") == 1);
    CHECK(report.at("sent") == 2);
    const auto messages = relay->messages();
    REQUIRE(messages.size() == 2);
    const auto registrant = MailOffice::read(messages[0], office.kioskctl.dir() / "lea");
    const auto organiser = MailOffice::read(messages[1], office.kioskctl.dir() / "cci");
    CHECK(registrant.at("to") == "lea@example.fr");
    CHECK(organiser.at("to") == "formation@cci.example");
    CHECK(organiser.at("subject") ==
          "Session privée : Prospecter avec LinkedIn — vendredi 27 novembre à 9 h 30");
    for (const auto* mail : {&registrant, &organiser})
        CHECK(mail->at("text").get<std::string>().find("https://visio.example.org/cci-35") !=
              std::string::npos);
    const auto again = office.sent("2026-11-21 10:00");
    CHECK(again.at("organisers_queued") == 0);
    CHECK(again.at("sent") == 0);
}
