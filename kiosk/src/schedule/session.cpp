#include "kiosk/schedule/session.hpp"

#include "base/names.hpp"
#include "kiosk/base/site.hpp"

#include <fmt/format.h>

namespace kiosk {
namespace {

constexpr NameTable<Kind, 4> kind_names{{
    {Kind::Atelier, "atelier"},
    {Kind::Live, "live"},
    {Kind::Coaching, "coaching"},
    {Kind::Privee, "privee"},
}};

constexpr NameTable<Status, 5> status_names{{
    {Status::Scheduled, "scheduled"},
    {Status::Delayed, "delayed"},
    {Status::RoomChanged, "room_changed"},
    {Status::Full, "full"},
    {Status::Cancelled, "cancelled"},
}};

bool looks_like_url(std::string_view url)
{
    return (url.starts_with("https://") || url.starts_with("http://")) &&
           url.find_first_of(" \t\r\n") == std::string_view::npos && url.size() > 10;
}

} // namespace

std::string_view to_string(Kind kind) { return name_of(kind_names, kind); }
std::string_view to_string(Status status) { return name_of(status_names, status); }
std::optional<Kind> parse_kind(std::string_view text) { return value_of(kind_names, text); }
std::optional<Status> parse_status(std::string_view text)
{
    return value_of(status_names, text);
}

std::optional<FieldProblem> validate(const Session& session)
{
    if (session.site && !find_site(*session.site))
        return FieldProblem{"site", fmt::format("site inconnu « {} » (sites : {})", *session.site,
                                                known_site_ids())};
    if (session.kind == Kind::Atelier && !session.site)
        return FieldProblem{"site", "un atelier a lieu sur un site : précisez --site"};
    if (session.title.empty() && session.kind != Kind::Coaching)
        return FieldProblem{"title", "le titre est vide"};
    if (session.title.size() > 500)
        return FieldProblem{"title", "le titre dépasse 500 octets"};
    if (session.end <= session.start)
        return FieldProblem{"end", fmt::format("la fin ({}) n'est pas après le début ({})",
                                               format_local_datetime(session.end),
                                               format_local_datetime(session.start))};
    if (session.end - session.start > std::chrono::hours{24})
        return FieldProblem{"end", "une session dure au plus 24 heures"};
    if (session.capacity && (*session.capacity < 0 || *session.capacity > 100000))
        return FieldProblem{"capacity", fmt::format("capacité {} invalide", *session.capacity)};
    if (!session.join_url.empty() && !looks_like_url(session.join_url))
        return FieldProblem{"url", fmt::format("lien « {} » invalide : attendu https://…",
                                               session.join_url)};
    if (session.kind == Kind::Privee && session.organiser.empty())
        return FieldProblem{"organiser",
                            "une session privée nomme son organisateur (--organiser)"};
    if (session.status == Status::Delayed && session.delay_minutes <= 0)
        return FieldProblem{"delay-min", "un retard se donne en minutes (--delay-min N, N > 0)"};
    if (session.delay_minutes < 0 || session.delay_minutes > 24 * 60)
        return FieldProblem{"delay-min", fmt::format("retard de {} min invalide",
                                                     session.delay_minutes)};
    return std::nullopt;
}

std::string join_tags(const std::vector<std::string>& tags)
{
    std::string text;
    for (const auto& tag : tags) {
        if (!text.empty())
            text += ',';
        text += tag;
    }
    return text;
}

std::vector<std::string> split_tags(std::string_view text)
{
    std::vector<std::string> tags;
    while (!text.empty()) {
        const auto comma = text.find(',');
        std::string_view tag = text.substr(0, comma);
        while (!tag.empty() && tag.front() == ' ')
            tag.remove_prefix(1);
        while (!tag.empty() && tag.back() == ' ')
            tag.remove_suffix(1);
        if (!tag.empty())
            tags.emplace_back(tag);
        if (comma == std::string_view::npos)
            break;
        text.remove_prefix(comma + 1);
    }
    return tags;
}

bool same_content(const Session& a, const Session& b)
{
    return a.uid == b.uid && a.site == b.site && a.kind == b.kind && a.title == b.title &&
           a.tags == b.tags && a.trainer == b.trainer && a.room == b.room &&
           a.previous_room == b.previous_room && a.capacity == b.capacity && a.start == b.start &&
           a.end == b.end && a.join_url == b.join_url && a.organiser == b.organiser &&
           a.status == b.status && a.delay_minutes == b.delay_minutes;
}

std::string public_title(const Session& session)
{
    if (session.kind == Kind::Coaching)
        return "Coaching individuel";
    if (session.kind == Kind::Privee)
        return session.organiser.empty() ? std::string("Session privée")
                                         : "Session privée — " + session.organiser;
    return session.title;
}

} // namespace kiosk
