#include "session_output.hpp"

#include "kiosk/base/site.hpp"
#include "kiosk/reports/labels.hpp"
#include "text_columns.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace kioskctl {
namespace {

std::string where(const kiosk::Session& session, int tickets)
{
    if (!session.site)
        return "en ligne (national)";
    if (session.kind != kiosk::Kind::Atelier)
        return "en ligne";
    std::string text = session.room.empty() ? "salle ?" : session.room;
    if (session.capacity)
        text += fmt::format(" ({}/{} billets)", tickets, *session.capacity);
    else if (tickets > 0)
        text += fmt::format(" ({} billets)", tickets);
    return text;
}

int tickets_of(const TicketCounts& tickets, const kiosk::Session& session)
{
    const auto found = tickets.find(session.id.value());
    return found == tickets.end() ? 0 : found->second;
}

} // namespace

std::string day_as_table(const std::string& site, kiosk::Day day,
                         const std::vector<kiosk::Session>& sessions, const TicketCounts& tickets)
{
    std::string out = fmt::format("{} — {} {}\n", kiosk::site_name(site),
                                  kiosk::french_day(day), static_cast<int>(day.year()));
    if (sessions.empty())
        return out + "aucune session ce jour-là\n";
    for (const auto& session : sessions) {
        out += fmt::format("{}–{}  ", kiosk::format_local_hm(session.start),
                           kiosk::format_local_hm(session.end));
        out += pad(std::string(kiosk::to_string(session.kind)), 9);
        out += pad(where(session, tickets_of(tickets, session)), 32);
        std::string title = session.title;
        if (session.kind == kiosk::Kind::Privee)
            title += fmt::format(" [privée : {}]", session.organiser);
        out += pad(title, 56);
        if (session.status != kiosk::Status::Scheduled)
            out += pad(kiosk::status_label(session), 20);
        out += session.id.to_string() + '\n';
    }
    return out;
}

std::string day_as_json(const std::string& site, kiosk::Day day,
                        const std::vector<kiosk::Session>& sessions, const TicketCounts& tickets)
{
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const auto& session : sessions) {
        nlohmann::ordered_json entry = session;
        entry["tickets"] = tickets_of(tickets, session);
        list.push_back(std::move(entry));
    }
    nlohmann::ordered_json document;
    document["site"] = site;
    document["date"] = kiosk::format_day(day);
    document["sessions"] = std::move(list);
    return document.dump(2);
}

} // namespace kioskctl
