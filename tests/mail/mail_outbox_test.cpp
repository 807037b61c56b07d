// The sender's run against the core's outbox, in one process: two senders at once, a message
// that cannot be made, a transport that refuses one address.

#include "build_paths.hpp"
#include "kiosk/mail/outbox.hpp"
#include "kiosk/schedule/session_store.hpp"
#include "kiosk/tickets/ticket_store.hpp"
#include "kiosk_mail/mime.hpp"
#include "kiosk_mail/sender.hpp"
#include "sql.hpp"
#include "temp_dir.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <stdexcept>

namespace {

const auto now = kiosk::from_unix_seconds(1795000000); // a week before the workshop

kiosk_mail::MailConfig config()
{
    auto read = kiosk_mail::parse_mail_config(
        "[relay]\nhost = \"127.0.0.1\"\nsecurity = \"none\"\n[messages]\ndomain = "
        "\"atelier.example.org\"\n[online]\nfrom = \"en-ligne@atelier.example.org\"\n",
        "mail.toml");
    REQUIRE(read);
    return *read;
}

struct Office {
    test::TempDir dir;
    kiosk::Store store{dir.path() / "office.db", kiosk::Access::ReadWrite,
                       kiosk::Creation::CreateIfMissing};
    kiosk_print::Fonts fonts =
        kiosk_print::Fonts::load(std::filesystem::path(test::source_dir()) / "assets/fonts");

    explicit Office(const std::vector<std::string>& addresses)
    {
        kiosk::Session workshop;
        workshop.site = "rennes";
        workshop.title = "Créer sa boutique en ligne";
        workshop.room = "Salle Bréhat";
        workshop.start = kiosk::from_unix_seconds(1795699800);
        workshop.end = workshop.start + std::chrono::hours{2};
        const auto session = kiosk::SessionStore(store).add(workshop, now);
        std::vector<kiosk::Registration> people;
        for (std::size_t i = 0; i < addresses.size(); ++i)
            people.push_back({.first_name = "Zoé", .last_name = fmt::format("N{}", i),
                              .email = addresses[i], .note = ""});
        REQUIRE(kiosk::TicketStore(store).issue_for(session, people, kiosk::SigningKey::generate(),
                                                    now, kiosk::WhenRevoked::IssueAgain));
    }
};

// Accepts everything but the addresses it is told to choke on (an exception, as a transport's
// own failure would be) or to refuse.
class Recorder final : public kiosk_mail::Transport {
public:
    std::vector<std::string> delivered;
    std::string throws_for, refuses;

    kiosk_mail::DeliveryResult send(const std::string&, const std::string& to,
                                    const std::string&) override
    {
        if (to == throws_for)
            throw std::runtime_error("panne du transport");
        if (to == refuses)
            return {kiosk_mail::Delivery::Refused, 550, "refusé par le relais (550)"};
        delivered.push_back(to);
        return {kiosk_mail::Delivery::Accepted, 250, ""};
    }
};

} // namespace

TEST_CASE("two senders at once: each message is claimed by one of them only", "[mail]")
{
    Office office({"a@example.fr", "b@example.fr"});
    kiosk::Store other(office.store.path(), kiosk::Access::ReadWrite);
    kiosk::Outbox first(office.store);
    kiosk::Outbox second(other);
    const auto due = first.due(now, 10, std::chrono::seconds{60});
    REQUIRE(due.size() == 2);
    CHECK(first.claim(due[0].id, now, std::chrono::seconds{60}));
    CHECK_FALSE(second.claim(due[0].id, now, std::chrono::seconds{60}));
    // The claimed one is not due to anyone while its sender may still be at work…
    CHECK(second.due(now, 10, std::chrono::seconds{60}).size() == 1);
    // …and is once that sender has been silent too long (it died after the relay's 250).
    const auto later = now + std::chrono::seconds{61};
    REQUIRE(second.due(later, 10, std::chrono::seconds{60}).size() == 2);
    CHECK(second.claim(due[0].id, later, std::chrono::seconds{60}));
}

TEST_CASE("a refused address fails its message only — a transport that throws defers it — the "
          "others still leave",
          "[mail]")
{
    Office office({"a@example.fr", "panne@example.fr", "refus@example.fr", "d@example.fr"});
    Recorder transport;
    transport.refuses = "refus@example.fr";
    transport.throws_for = "panne@example.fr";
    const auto report =
        kiosk_mail::send_outbox(office.store, config(), office.fonts, &transport, now, {});
    CHECK(report.sent == 2);
    CHECK(report.refused == 1);
    CHECK(report.deferred == 1);
    CHECK(transport.delivered == std::vector<std::string>{"a@example.fr", "d@example.fr"});
    kiosk::Outbox outbox(office.store);
    const auto deferred = outbox.find(2);
    REQUIRE(deferred);
    CHECK(deferred->status == kiosk::MailStatus::Queued);
    CHECK(deferred->last_error == "échec de l'envoi : panne du transport");
    CHECK(outbox.find(3)->status == kiosk::MailStatus::Failed);

    // After its back-off, the deferred message leaves; nothing else is sent again.
    transport.throws_for.clear();
    const auto later = kiosk_mail::send_outbox(office.store, config(), office.fonts, &transport,
                                               now + std::chrono::minutes{2}, {});
    CHECK(later.sent == 1);
    CHECK(transport.delivered.back() == "panne@example.fr");
    CHECK(transport.delivered.size() == 3);
}

TEST_CASE("a long plain subject is folded and a name with commas is quoted", "[mail]")
{
    kiosk_mail::MessageHeaders headers;
    headers.from_name = "Mairie, atelier numerique";
    headers.from_address = "atelier@mairie.example.org";
    headers.to_address = "a@example.fr";
    headers.subject = std::string(20, 'x') + " " + std::string(30, 'y') + " " +
                      std::string(30, 'z') + " " + std::string(10, 'w');
    headers.message_id = "1@atelier.example.org";
    headers.date = now;
    const auto message = kiosk_mail::render_message(
        headers, {.content_type = "text/plain; charset=utf-8", .body = "Bonjour", .text = true});
    CHECK(message.find("From: \"Mairie, atelier numerique\" <atelier@mairie.example.org>\r\n") !=
          std::string::npos);
    std::size_t start = 0;
    while (start < message.size()) {
        const auto end = message.find("\r\n", start);
        CHECK(end - start <= 78);
        start = end + 2;
    }
    CHECK(message.find(fmt::format("Subject: {} {}\r\n {}", std::string(20, 'x'),
                                   std::string(30, 'y'), std::string(30, 'z'))) !=
          std::string::npos);
}

TEST_CASE("a site's day-of room change and cancellation reaching the office tell the holders",
          "[mail]")
{
    Office office({"a@example.fr"});
    Recorder transport;
    CHECK(kiosk_mail::send_outbox(office.store, config(), office.fonts, &transport, now, {}).sent ==
          1);
    // What sync writes at the office when Rennes's staff change the room, then cancel.
    test::Sql sql(office.store.path());
    const auto session = sql.integer("SELECT id FROM sessions");
    const std::string id = "rennes:" + std::to_string(session);
    sql.exec("INSERT INTO session_states (id, session_id, site, status, room, previous_room, "
             "updated_at) VALUES (?1, ?2, 'rennes', 'room_changed', 'Fab lab', 'Salle Bréhat', ?3)",
             {id, session, kiosk::unix_seconds(now)});
    auto report =
        kiosk_mail::send_outbox(office.store, config(), office.fonts, &transport, now, {});
    CHECK(report.sent == 1);
    sql.exec("UPDATE session_states SET status = 'cancelled' WHERE id = ?1", {id});
    report = kiosk_mail::send_outbox(office.store, config(), office.fonts, &transport, now, {});
    CHECK(report.sent == 1);
    const auto sent = kiosk::Outbox(office.store).list({});
    REQUIRE(sent.size() == 3);
    CHECK(sent[0].kind == kiosk::MailKind::SessionCancelled); // the newest first
    CHECK(sent[1].kind == kiosk::MailKind::SessionChanged);
    CHECK(transport.delivered.size() == 3);
}
