#include "views.hpp"

#include "kiosk/base/site.hpp"
#include "kiosk/store/audit.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kiosk_console {

std::string session_json(const kiosk::Session& session)
{
    return nlohmann::ordered_json(session).dump();
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
                   html::home_link(request.options.place)},
                  404);
}

void audit(Request& request, const std::string& action, const std::string& target,
           const std::string& before, const std::string& after)
{
    kiosk::record_audit(request.store,
                        {0, request.now, request.account.name, action, target, before, after});
}

} // namespace kiosk_console
