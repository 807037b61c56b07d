#include "base/json_fields.hpp"
#include "kiosk/schedule/session.hpp"

namespace kiosk {
namespace {

using json_fields::Json;

std::string text_in(const Json& document, const char* key)
{
    return json_fields::text(document, key).value_or("");
}

std::optional<Instant> instant_in(const Json& document, const char* key)
{
    return json_fields::instant(document, key);
}

template <typename Value> Json value_or_null(const std::optional<Value>& value)
{
    return value ? Json(*value) : Json(nullptr);
}

} // namespace

void to_json(Json& document, const Session& session)
{
    document = Json::object();
    document["id"] = session.id.to_string();
    document["uid"] = session.uid;
    document["site"] = value_or_null(session.site);
    document["kind"] = to_string(session.kind);
    document["title"] = session.title;
    document["tags"] = session.tags;
    document["trainer"] = session.trainer;
    document["room"] = session.room;
    document["previous_room"] = session.previous_room;
    document["capacity"] = value_or_null(session.capacity);
    document["start"] = format_iso8601(session.start);
    document["end"] = format_iso8601(session.end);
    document["duration_min"] = (session.end - session.start).count() / 60;
    document["join_url"] = session.join_url;
    document["organiser"] = session.organiser;
    document["status"] = to_string(session.status);
    document["delay_min"] = session.delay_minutes;
    document["updated_at"] = format_iso8601(session.updated_at);
    document["planner"] = session.planner;
}

void from_json(const Json& document, Session& session)
{
    session = {};
    if (!document.is_object())
        return;
    session.id = SessionId::parse(text_in(document, "id")).value_or(SessionId{});
    session.uid = text_in(document, "uid");
    if (const auto site = document.find("site"); site != document.end() && site->is_string())
        session.site = site->get<std::string>();
    session.kind = parse_kind(text_in(document, "kind")).value_or(Kind::Atelier);
    session.title = text_in(document, "title");
    if (const auto tags = document.find("tags"); tags != document.end() && tags->is_array())
        for (const auto& tag : *tags)
            if (tag.is_string())
                session.tags.push_back(tag.get<std::string>());
    session.trainer = text_in(document, "trainer");
    session.room = text_in(document, "room");
    session.previous_room = text_in(document, "previous_room");
    session.capacity = json_fields::integer(document, "capacity");
    session.start = instant_in(document, "start").value_or(Instant{});
    session.end = instant_in(document, "end").value_or(Instant{});
    session.join_url = text_in(document, "join_url");
    session.organiser = text_in(document, "organiser");
    session.status = parse_status(text_in(document, "status")).value_or(Status::Scheduled);
    session.delay_minutes = json_fields::integer(document, "delay_min").value_or(0);
    session.updated_at = instant_in(document, "updated_at").value_or(Instant{});
    session.planner = text_in(document, "planner");
}

} // namespace kiosk
