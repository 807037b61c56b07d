#include "views.hpp"

#include "kiosk/audit.hpp"
#include "kiosk/site.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kiosk_console {

std::string state_label(const kiosk::Session& session)
{
    switch (session.status) {
    case kiosk::Status::Delayed:
        return fmt::format("retardée de {} min", session.delay_minutes);
    case kiosk::Status::RoomChanged:
        return session.previous_room.empty()
                   ? "salle changée"
                   : fmt::format("salle changée (était {})", session.previous_room);
    case kiosk::Status::Full:
        return "complète";
    case kiosk::Status::Cancelled:
        return "annulée";
    case kiosk::Status::Scheduled:
        break;
    }
    return "prévue";
}

std::string site_label(const std::string& id)
{
    const auto site = kiosk::find_site(id);
    return site ? std::string(site->name) : id;
}

std::string kind_label(kiosk::Kind kind)
{
    switch (kind) {
    case kiosk::Kind::Live: return "en ligne";
    case kiosk::Kind::Coaching: return "accompagnement";
    case kiosk::Kind::Privee: return "privée";
    case kiosk::Kind::Atelier: break;
    }
    return "atelier";
}

std::string session_json(const kiosk::Session& session)
{
    nlohmann::ordered_json document;
    document["id"] = session.id.to_string();
    document["site"] = session.site ? nlohmann::ordered_json(*session.site) : nullptr;
    document["kind"] = std::string(kiosk::to_string(session.kind));
    document["title"] = session.title;
    document["start"] = kiosk::format_iso8601(session.start);
    document["end"] = kiosk::format_iso8601(session.end);
    document["room"] = session.room;
    document["capacity"] = session.capacity ? nlohmann::ordered_json(*session.capacity) : nullptr;
    document["trainer"] = session.trainer;
    document["status"] = std::string(kiosk::to_string(session.status));
    document["delay_min"] = session.delay_minutes;
    return document.dump();
}

std::string session_path(kiosk::SessionId id) { return "/session/" + id.to_string(); }

kiosk::SeatRules seat_rules(const Request& request)
{
    return request.config() ? kiosk::SeatRules::from(*request.config()) : kiosk::SeatRules{};
}

kiosk::CheckinRules checkin_rules(const Request& request)
{
    return request.config() ? kiosk::CheckinRules::from(*request.config())
                            : kiosk::CheckinRules{};
}

kiosk::Day day_field(const Request& request, const std::string& name)
{
    const auto text = request.form().optional_text(name, "Date", 10);
    if (!text || text->empty())
        return kiosk::local_day(request.now);
    const auto day = kiosk::parse_day(*text);
    if (!day)
        throw FormError(name, fmt::format("Date : « {} » n'est pas une date AAAA-MM-JJ", *text));
    return *day;
}

kiosk::Instant time_field(const Request& request, kiosk::Day day, const std::string& name,
                          const std::string& label)
{
    const std::string text = request.form().text(name, label, 5);
    const auto instant = kiosk::parse_local_time(kiosk::format_day(day) + ' ' + text);
    if (!instant)
        throw FormError(name, fmt::format("{} : « {} » : {}", label, text, instant.error()));
    return *instant;
}

kiosk::SessionId session_in_path(const Request& request)
{
    const auto id = kiosk::SessionId::parse(request.http.matches[1].str());
    if (!id)
        throw FormError("id", "Identifiant de session non valide");
    return *id;
}

void reply_missing_session(Request& request)
{
    request.reply({"Session introuvable", "jour", "", false, "",
                   {html::Tone::Problem, "Cette session n'existe plus."},
                   R"(<p><a href="/jour">Revenir à la journée</a></p>)"},
                  404);
}

void audit(Request& request, const std::string& action, const std::string& target,
           const std::string& before, const std::string& after)
{
    kiosk::record_audit(request.store,
                        {0, request.now, request.account.name, action, target, before, after});
}

} // namespace kiosk_console
