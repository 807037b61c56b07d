#include "kiosk/reports/labels.hpp"

#include "base/names.hpp"
#include "kiosk/base/site.hpp"

#include <fmt/format.h>

namespace kiosk {
namespace {

constexpr NameTable<Verdict, 10> refusal_labels{{
    {Verdict::AlreadyCheckedIn, "déjà enregistré"},
    {Verdict::WrongSite, "autre site"},
    {Verdict::WrongDay, "autre jour"},
    {Verdict::TooEarly, "trop tôt"},
    {Verdict::Closed, "entrée close"},
    {Verdict::SessionCancelled, "session annulée"},
    {Verdict::Revoked, "billet révoqué"},
    {Verdict::UnknownKey, "clé inconnue"},
    {Verdict::BadSignature, "signature invalide"},
    {Verdict::NotATicket, "pas un billet"},
}};

constexpr std::array<Verdict, 10> refusal_order = [] {
    std::array<Verdict, 10> order{};
    for (std::size_t index = 0; index < refusal_labels.size(); ++index)
        order[index] = refusal_labels[index].first;
    return order;
}();

constexpr NameTable<Kind, 4> kind_labels{{
    {Kind::Atelier, "atelier"},
    {Kind::Live, "en ligne"},
    {Kind::Coaching, "accompagnement"},
    {Kind::Privee, "privée"},
}};

std::optional<std::string_view> refusal_label(Verdict verdict)
{
    for (const auto& [value, label] : refusal_labels)
        if (value == verdict)
            return label;
    return std::nullopt;
}

} // namespace

std::string status_label(const Session& session)
{
    switch (session.status) {
    case Status::Delayed:
        return fmt::format("retardée de {} min", session.delay_minutes);
    case Status::RoomChanged:
        return session.previous_room.empty()
                   ? "salle changée"
                   : fmt::format("salle changée (était {})", session.previous_room);
    case Status::Full:
        return "complète";
    case Status::Cancelled:
        return "annulée";
    case Status::Scheduled:
        break;
    }
    return "prévue";
}

std::string_view kind_label(Kind kind) { return name_of(kind_labels, kind); }

std::string site_label(std::string_view site)
{
    return site.empty() ? std::string("national") : site_name(site);
}

std::string_view verdict_label(Verdict verdict)
{
    if (const auto refusal = refusal_label(verdict))
        return *refusal;
    return verdict == Verdict::ClockUntrusted ? "admis, à vérifier" : "admis";
}

std::span<const Verdict> refusal_verdicts() { return refusal_order; }

} // namespace kiosk
