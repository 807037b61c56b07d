// The sentences a visitor reads at the entrance, one per verdict, in French: the only place
// they are written. Non-breaking spaces precede « ! » and « : », as on every screen.

#include "kiosk/base/site.hpp"
#include "kiosk/checkin/outcome.hpp"

#include <fmt/format.h>

namespace kiosk {
namespace {

constexpr std::string_view nbsp = "\u00A0";
constexpr std::string_view desk = "Adressez-vous à l'accueil";

// Whether the one-line sentence says what to do too. Where the headline speaks for itself
// (another site, another day, a session over), a sentence leaves the desk unsaid; a banner
// always shows what to do.
enum class InSentence { Yes, No };

struct Rendered {
    VisitorMessage message;
    InSentence advice_in_sentence = InSentence::Yes;
};

std::string_view session_noun(const std::optional<GreetedSession>& session)
{
    return session && session->kind != Kind::Atelier ? "La session" : "L'atelier";
}

Rendered refusal(std::string headline, std::string advice = std::string(desk),
                 InSentence in_sentence = InSentence::Yes)
{
    return {{std::move(headline), "", std::move(advice)}, in_sentence};
}

Rendered welcome(const CheckinOutcome& outcome)
{
    VisitorMessage message{"Bienvenue", fmt::format("{}!", nbsp), ""};
    // Private sessions never show more than their name on a public screen.
    if (outcome.session && outcome.session->kind == Kind::Atelier && !outcome.session->room.empty())
        message.advice = fmt::format("Rendez-vous{}: {}", nbsp, outcome.session->room);
    return {std::move(message)};
}

Rendered closed(const CheckinOutcome& outcome)
{
    if (outcome.entry_closed)
        return refusal(
            fmt::format("L'entrée est fermée depuis {}", french_time(*outcome.entry_closed)));
    const bool workshop = !outcome.session || outcome.session->kind == Kind::Atelier;
    return refusal(
        fmt::format("{} est terminé{}", session_noun(outcome.session), workshop ? "" : "e"),
        std::string(desk), InSentence::No);
}

Rendered wrong_day(const CheckinOutcome& outcome)
{
    if (!outcome.ticket_day)
        return refusal("Ce billet est pour un autre jour", std::string(desk), InSentence::No);
    const bool past = outcome.scan_day && *outcome.ticket_day < *outcome.scan_day;
    return refusal(fmt::format("Ce billet {} pour le {}", past ? "était" : "est",
                               french_day(*outcome.ticket_day)),
                   std::string(desk), InSentence::No);
}

Rendered too_early(const CheckinOutcome& outcome)
{
    if (!outcome.session || !outcome.doors_open)
        return refusal("Il est trop tôt pour entrer");
    return refusal(fmt::format("{} commence à {}", session_noun(outcome.session),
                               french_time(outcome.session->start)),
                   fmt::format("Revenez à {}", french_time(*outcome.doors_open)));
}

Rendered render(const CheckinOutcome& outcome)
{
    switch (outcome.verdict) {
    case Verdict::Accepted:
    case Verdict::ClockUntrusted:
        return welcome(outcome);
    case Verdict::AlreadyCheckedIn:
        return {{outcome.first_checkin
                     ? fmt::format("Déjà enregistré à {}", french_time(*outcome.first_checkin))
                     : std::string("Déjà enregistré"),
                 "", ""}};
    case Verdict::WrongSite:
        return refusal(outcome.ticket_site
                           ? fmt::format("Ce billet est pour {}", site_name(*outcome.ticket_site))
                           : std::string("Ce billet est pour un autre site"),
                       std::string(desk), InSentence::No);
    case Verdict::WrongDay:
        return wrong_day(outcome);
    case Verdict::TooEarly:
        return too_early(outcome);
    case Verdict::Closed:
        return closed(outcome);
    case Verdict::SessionCancelled:
        return refusal("Cette session est annulée");
    case Verdict::Revoked:
        return refusal("Ce billet a été annulé");
    case Verdict::UnknownKey:
        return refusal("Billet non reconnu");
    case Verdict::BadSignature:
        return refusal("Billet non valide");
    case Verdict::NotATicket:
        break;
    }
    return refusal("Ce code n'est pas un billet", "Présentez le QR code de votre billet");
}

// "Revenez à 13 h 30" reads "revenez à 13 h 30" after a dash. Every advice starts with an
// ASCII capital.
std::string continued(std::string advice)
{
    if (!advice.empty() && advice[0] >= 'A' && advice[0] <= 'Z')
        advice[0] = static_cast<char>(advice[0] - 'A' + 'a');
    return advice;
}

} // namespace

VisitorMessage visitor_message(const CheckinOutcome& outcome) { return render(outcome).message; }

std::string visitor_sentence(const CheckinOutcome& outcome)
{
    const auto [message, in_sentence] = render(outcome);
    if (admits(outcome.verdict))
        return message.headline + message.ending +
               (message.advice.empty() ? "" : " " + message.advice);
    if (in_sentence == InSentence::No || message.advice.empty())
        return message.headline + message.ending;
    return fmt::format("{} — {}", message.headline, continued(message.advice));
}

} // namespace kiosk
