#include "session_output.hpp"

#include "kiosk/site.hpp"
#include "text_columns.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kioskctl {
namespace {

std::string where(const kiosk::Session& session)
{
    if (!session.site)
        return "en ligne (national)";
    if (session.kind != kiosk::Kind::Atelier)
        return "en ligne";
    std::string text = session.room.empty() ? "salle ?" : session.room;
    if (session.capacity)
        text += fmt::format(" ({} pl.)", *session.capacity);
    return text;
}

std::string state(const kiosk::Session& session)
{
    switch (session.status) {
    case kiosk::Status::Scheduled:
        return "";
    case kiosk::Status::Delayed:
        return fmt::format("retardée de {} min", session.delay_minutes);
    case kiosk::Status::RoomChanged:
        return session.previous_room.empty()
                   ? "salle changée"
                   : fmt::format("salle changée (avant : {})", session.previous_room);
    case kiosk::Status::Full:
        return "complet";
    case kiosk::Status::Cancelled:
        return "ANNULÉE";
    }
    return "";
}

} // namespace

std::string day_as_table(const std::string& site, kiosk::Day day,
                         const std::vector<kiosk::Session>& sessions)
{
    const auto known = kiosk::find_site(site);
    std::string out = fmt::format("{} — {} {}\n", known ? known->name : site,
                                  kiosk::french_day(day), static_cast<int>(day.year()));
    if (sessions.empty())
        return out + "aucune session ce jour-là\n";
    for (const auto& session : sessions) {
        out += fmt::format("{}–{}  ", kiosk::format_local_hm(session.start),
                           kiosk::format_local_hm(session.end));
        out += pad(std::string(kiosk::to_string(session.kind)), 9);
        out += pad(where(session), 28);
        std::string title = session.title;
        if (session.kind == kiosk::Kind::Privee)
            title += fmt::format(" [privée : {}]", session.organiser);
        out += pad(title, 56);
        const std::string status = state(session);
        if (!status.empty())
            out += pad(status, 20);
        out += session.id.to_string() + '\n';
    }
    return out;
}

std::string day_as_json(const std::string& site, kiosk::Day day,
                        const std::vector<kiosk::Session>& sessions)
{
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& session : sessions) {
        nlohmann::ordered_json item;
        item["id"] = session.id.to_string();
        item["uid"] = session.uid;
        item["site"] = session.site ? nlohmann::ordered_json(*session.site) : nullptr;
        item["kind"] = kiosk::to_string(session.kind);
        item["title"] = session.title;
        item["tags"] = session.tags;
        item["trainer"] = session.trainer;
        item["room"] = session.room;
        item["previous_room"] = session.previous_room;
        item["capacity"] = session.capacity ? nlohmann::ordered_json(*session.capacity) : nullptr;
        item["start"] = kiosk::format_iso8601(session.start);
        item["end"] = kiosk::format_iso8601(session.end);
        item["duration_min"] = (session.end - session.start).count() / 60;
        item["join_url"] = session.join_url;
        item["organiser"] = session.organiser;
        item["status"] = kiosk::to_string(session.status);
        item["delay_min"] = session.delay_minutes;
        item["updated_at"] = kiosk::format_iso8601(session.updated_at);
        list.push_back(std::move(item));
    }
    nlohmann::ordered_json document;
    document["site"] = site;
    document["date"] = kiosk::format_day(day);
    document["sessions"] = std::move(list);
    return document.dump(2);
}

} // namespace kioskctl
