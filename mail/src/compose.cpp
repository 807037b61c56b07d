#include "kiosk_mail/compose.hpp"

#include "calendar.hpp"
#include "kiosk/base/site.hpp"
#include "kiosk_mail/mime.hpp"
#include "kiosk_print/ticket_layout.hpp"

#include <algorithm>
#include <date/date.h>
#include <fmt/format.h>
#include <vector>

namespace kiosk_mail {
namespace {

std::string html_escape(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

// A paragraph of the mail: the same words in the text and the HTML part.
struct Paragraph {
    std::string text;
    std::string link; // shown as a link after the text in HTML, on its own line in plain text
};

bool on_site(const kiosk::Session& session) { return session.site.has_value(); }

std::string when(const kiosk::Session& session, kiosk::Instant now)
{
    const auto day = kiosk::local_day(session.effective_start());
    const auto today = kiosk::local_day(now);
    std::string named = kiosk::french_day(day);
    if (day == today)
        named = "aujourd'hui, " + named;
    else if (day == date::year_month_day{date::sys_days{today} + date::days{1}})
        named = "demain, " + named;
    return fmt::format("{} de {} à {}", named, kiosk::french_time(session.effective_start()),
                       kiosk::french_time(session.effective_end()));
}

std::string where(const kiosk::Session& session, const Sender& sender)
{
    if (!on_site(session))
        return "en ligne";
    std::string place = kiosk::site_name(*session.site);
    if (!session.room.empty())
        place = fmt::format("{}, {}", session.room, place);
    if (!sender.address.empty())
        place = fmt::format("{} ({})", place, sender.address);
    return place;
}

std::string subject_of(const kiosk::OutboxEntry& entry, const kiosk::Session& session,
                       kiosk::Instant now)
{
    const auto start = kiosk::french_time(session.effective_start());
    const auto day = kiosk::french_day(kiosk::local_day(session.effective_start()));
    switch (entry.kind) {
    case kiosk::MailKind::Ticket: return fmt::format("Votre billet : {} — {} à {}", session.title, day, start);
    case kiosk::MailKind::Reminder:
        return fmt::format("Rappel : {} — {}", session.title, when(session, now));
    case kiosk::MailKind::Revocation: return fmt::format("Votre billet est annulé : {}", session.title);
    case kiosk::MailKind::SessionChanged:
        return fmt::format("Changement : {} — {} à {}", session.title, day, start);
    case kiosk::MailKind::SessionCancelled:
        return fmt::format("Annulé : {} du {}", session.title, day);
    case kiosk::MailKind::Organiser:
        return fmt::format("Session privée : {} — {} à {}", session.title, day, start);
    }
    return session.title;
}

std::vector<Paragraph> paragraphs_of(const kiosk::OutboxEntry& entry,
                                     const kiosk::Session& session, const Sender& sender,
                                     kiosk::Instant now)
{
    std::vector<Paragraph> said;
    said.push_back({entry.first_name.empty() ? "Bonjour," : fmt::format("Bonjour {},", entry.first_name), ""});
    const auto title = fmt::format("« {} »", session.title);
    const bool carries_ticket =
        entry.kind == kiosk::MailKind::Ticket || entry.kind == kiosk::MailKind::Reminder;
    switch (entry.kind) {
    case kiosk::MailKind::Ticket:
        said.push_back({fmt::format("Votre place est réservée pour {}, {}, {}.", title,
                                    when(session, now), where(session, sender)), ""});
        break;
    case kiosk::MailKind::Reminder:
        said.push_back({fmt::format("Nous vous attendons pour {}, {}, {}.", title,
                                    when(session, now), where(session, sender)), ""});
        break;
    case kiosk::MailKind::Revocation:
        said.push_back({fmt::format("Votre billet pour {} ({}) est annulé : il n'ouvre plus "
                                    "l'accès. S'il s'agit d'une erreur, répondez à ce message.",
                                    title, when(session, now)), ""});
        break;
    case kiosk::MailKind::SessionChanged:
        said.push_back({fmt::format("Le programme a changé : {} aura lieu {}, {}.", title,
                                    when(session, now), where(session, sender)), ""});
        break;
    case kiosk::MailKind::SessionCancelled:
        said.push_back({fmt::format("Nous sommes désolés : {}, prévu {}, est annulé. Votre "
                                    "billet n'ouvre plus l'accès à cette session.",
                                    title, when(session, now)), ""});
        break;
    case kiosk::MailKind::Organiser:
        said.push_back({fmt::format("Voici le lien de la session privée {} que vous organisez, "
                                    "{}. Chaque personne inscrite le reçoit aussi avec son "
                                    "billet ; il n'est montré sur aucun écran.",
                                    title, when(session, now)),
                        session.join_url});
        break;
    }
    if (carries_ticket || entry.kind == kiosk::MailKind::SessionChanged) {
        if (on_site(session)) {
            if (carries_ticket)
                said.push_back({"Présentez le QR code ci-dessous à l'écran d'accueil en "
                                "arrivant, sur votre téléphone ou imprimé : il vous enregistre. "
                                "Le billet est aussi joint en PDF.", ""});
            if (!sender.bring.empty())
                said.push_back({fmt::format("À apporter : {}.", sender.bring), ""});
            if (!sender.directions.empty())
                said.push_back({fmt::format("Pour venir : {}.", sender.directions), ""});
        } else if (!session.join_url.empty()) {
            said.push_back({"Pour rejoindre la session, à l'heure dite :", session.join_url});
        } else {
            said.push_back({"Le lien pour rejoindre la session vous sera envoyé avant qu'elle "
                            "commence.", ""});
        }
        said.push_back({"Vous ne pourrez pas venir ? Répondez simplement à ce message : votre "
                        "place ira à quelqu'un d'autre.", ""});
    }
    said.push_back({on_site(session) ? fmt::format("L'équipe de l'atelier de {}",
                                                   kiosk::site_name(*session.site))
                                     : std::string("L'équipe de l'atelier numérique"),
                    ""});
    return said;
}

std::string plain_text(const std::vector<Paragraph>& paragraphs)
{
    std::string text;
    for (const auto& paragraph : paragraphs) {
        text += paragraph.text + "\n";
        if (!paragraph.link.empty())
            text += paragraph.link + "\n";
        text += "\n";
    }
    return text;
}

std::string html(const std::vector<Paragraph>& paragraphs, const std::string& image_id,
                 const std::string& title)
{
    std::string out = fmt::format("<!DOCTYPE html>\n<html lang=\"fr\"><head><meta "
                                  "charset=\"utf-8\"><title>{}</title></head>\n<body style=\""
                                  "font-family: sans-serif; font-size: 16px; color: #1a1a1a\">\n",
                                  html_escape(title));
    for (std::size_t index = 0; index < paragraphs.size(); ++index) {
        const auto& paragraph = paragraphs[index];
        out += "<p>" + html_escape(paragraph.text);
        if (!paragraph.link.empty())
            out += fmt::format("<br><a href=\"{0}\">{0}</a>", html_escape(paragraph.link));
        out += "</p>\n";
        // The ticket right after the sentence that asks for it.
        if (!image_id.empty() && paragraph.text.starts_with("Présentez le QR code"))
            out += fmt::format("<p><img src=\"cid:{}\" alt=\"Votre billet (QR code)\" "
                               "width=\"320\"></p>\n",
                               image_id);
    }
    return out + "</body></html>\n";
}

int sequence_of(const kiosk::Session& session, kiosk::Instant now, bool withdrawn)
{
    // Minutes since 2020: grows with every change to the session, fits an iCalendar integer. A
    // withdrawal (a revoked ticket, the session unchanged) takes the time it is sent, later
    // than any invitation before it.
    const auto at = withdrawn ? std::max(session.updated_at, now) : session.updated_at;
    return static_cast<int>((kiosk::unix_seconds(at) - 1577836800) / 60);
}

} // namespace

std::string message_id(const kiosk::OutboxEntry& entry, const MailConfig& config)
{
    if (entry.kind == kiosk::MailKind::Organiser)
        return fmt::format("session-{}.organiser.{}@{}", entry.session.to_string(), entry.id,
                           config.domain);
    return fmt::format("billet-{}.{}.{}@{}", entry.ticket.to_string(),
                       kiosk::mail_kind_name(entry.kind), entry.id, config.domain);
}

ComposedMail compose(const kiosk::OutboxEntry& entry, const kiosk::Session& session,
                     const MailConfig& config, const kiosk_print::Fonts& fonts, kiosk::Instant now)
{
    const Sender& sender = config.sender_for(session.site);
    ComposedMail mail;
    mail.message_id = message_id(entry, config);
    mail.from_address = sender.from.address;
    mail.recipient = entry.recipient;
    mail.subject = subject_of(entry, session, now);

    const bool carries_ticket =
        (entry.kind == kiosk::MailKind::Ticket || entry.kind == kiosk::MailKind::Reminder) &&
        on_site(session) && !entry.payload.empty();
    const std::string image_id =
        carries_ticket ? fmt::format("qr-{}@{}", entry.ticket.to_string(), config.domain) : "";
    const auto paragraphs = paragraphs_of(entry, session, sender, now);

    MimePart alternative{.content_type = "multipart/alternative"};
    alternative.parts.push_back({.content_type = "text/plain; charset=utf-8",
                                 .body = plain_text(paragraphs),
                                 .text = true});
    alternative.parts.push_back({.content_type = "text/html; charset=utf-8",
                                 .body = html(paragraphs, image_id, mail.subject),
                                 .text = true});
    MimePart mixed{.content_type = "multipart/mixed"};
    if (carries_ticket) {
        const auto text = kiosk_print::ticket_text(session, entry.payload, entry.ticket,
                                                   entry.first_name);
        MimePart related{.content_type = "multipart/related"};
        related.parts.push_back(std::move(alternative));
        related.parts.push_back({.content_type = "image/png",
                                 .body = kiosk_print::ticket_png(text, fonts),
                                 .filename = "billet.png",
                                 .inline_disposition = true,
                                 .content_id = image_id});
        mixed.parts.push_back(std::move(related));
        mixed.parts.push_back(
            {.content_type = "application/pdf",
             .body = kiosk_print::ticket_pdf(text, fonts, kiosk_print::Paper::A6),
             .filename = fmt::format("billet-{}.pdf", entry.ticket.to_string())});
    } else {
        mixed.parts.push_back(std::move(alternative));
    }
    CalendarEvent event;
    event.cancelled = entry.kind == kiosk::MailKind::Revocation ||
                      entry.kind == kiosk::MailKind::SessionCancelled;
    event.uid = entry.kind == kiosk::MailKind::Organiser
                    ? fmt::format("session-{}-organisateur@{}", entry.session.to_string(),
                                  config.domain)
                    : fmt::format("billet-{}@{}", entry.ticket.to_string(), config.domain);
    event.sequence = sequence_of(session, now, event.cancelled);
    event.organiser_name = sender.from.name;
    event.organiser_address =
        sender.reply_to.address.empty() ? sender.from.address : sender.reply_to.address;
    event.attendee = entry.recipient;
    event.stamp = now;
    event.start = session.effective_start();
    event.end = session.effective_end();
    event.summary = session.title;
    event.location = on_site(session) ? where(session, sender) : session.join_url;
    event.url = on_site(session) ? "" : session.join_url;
    mixed.parts.push_back({.content_type = fmt::format("text/calendar; charset=utf-8; method={}",
                                                       event.cancelled ? "CANCEL" : "PUBLISH"),
                           .body = calendar_invitation(event),
                           .filename = "invitation.ics"});

    MessageHeaders headers;
    headers.from_name = sender.from.name;
    headers.from_address = sender.from.address;
    headers.to_address = entry.recipient;
    headers.reply_to = sender.reply_to.address;
    headers.subject = mail.subject;
    headers.message_id = mail.message_id;
    headers.date = now;
    mail.bytes = render_message(headers, mixed);
    return mail;
}

} // namespace kiosk_mail
