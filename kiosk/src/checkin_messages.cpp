#include "checkin_messages.hpp"

#include "kiosk/site.hpp"

#include <fmt/format.h>

namespace kiosk::messages {
namespace {

constexpr std::string_view nbsp = "\u00A0";

std::string site_name(std::string_view site_id)
{
    if (const auto site = find_site(site_id))
        return std::string(site->name);
    return std::string(site_id);
}

std::string_view session_noun(const Session& session)
{
    return session.kind == Kind::Atelier ? "L'atelier" : "La session";
}

} // namespace

std::string welcome(const std::optional<Session>& session)
{
    std::string text = fmt::format("Bienvenue{}!", nbsp);
    // Private sessions never show more than their name on a public screen.
    if (session && session->kind == Kind::Atelier && !session->room.empty())
        text += fmt::format(" Rendez-vous{}: {}", nbsp, session->room);
    return text;
}

std::string already_checked_in(Instant first)
{
    return fmt::format("Déjà enregistré à {}", french_time(first));
}

std::string wrong_site(std::string_view site_id)
{
    return fmt::format("Ce billet est pour {}", site_name(site_id));
}

std::string wrong_day(Day ticket_day, Day today)
{
    return fmt::format("Ce billet {} pour le {}", ticket_day < today ? "était" : "est",
                       french_day(ticket_day));
}

std::string too_early(const Session& session, Instant doors_open)
{
    return fmt::format("{} commence à {} — revenez à {}", session_noun(session),
                       french_time(session.effective_start()), french_time(doors_open));
}

std::string closed(const Session& session, Instant now, Instant entry_closes)
{
    if (now >= session.effective_end())
        return fmt::format("{} est terminé{}", session_noun(session),
                           session.kind == Kind::Atelier ? "" : "e");
    return fmt::format("L'entrée est fermée depuis {} — adressez-vous à l'accueil",
                       french_time(entry_closes));
}

std::string plain(Verdict verdict)
{
    switch (verdict) {
    case Verdict::SessionCancelled:
        return "Cette session est annulée — adressez-vous à l'accueil";
    case Verdict::Revoked:
        return "Ce billet a été annulé — adressez-vous à l'accueil";
    case Verdict::UnknownKey:
        return "Billet non reconnu — adressez-vous à l'accueil";
    case Verdict::BadSignature:
        return "Billet non valide — adressez-vous à l'accueil";
    case Verdict::NotATicket:
        return "Ce code n'est pas un billet — présentez le QR code de votre billet";
    default:
        return "";
    }
}

std::string ticket_summary(const TicketClaims& ticket, const std::optional<Session>& session)
{
    std::string text = fmt::format("billet {}, session {}", ticket.ticket.to_string(),
                                   ticket.session.to_string());
    if (!session) {
        const std::string where =
            ticket.site ? site_name(*ticket.site) : std::string("en ligne");
        return text + fmt::format(" (inconnue ici ; signée pour {}, le {})", where,
                                  french_day(ticket.day));
    }
    const std::string where = session->site ? site_name(*session->site) : "en ligne";
    text += fmt::format(
        " « {} » ({}, {} {}–{}", session->title, where, french_day(local_day(session->start)),
        french_time(session->effective_start()), french_time(session->effective_end()));
    if (session->delay_minutes > 0)
        text += fmt::format(", retard {} min", session->delay_minutes);
    return text + ")";
}

} // namespace kiosk::messages
