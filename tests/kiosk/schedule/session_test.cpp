#include "kiosk/schedule/session.hpp"

#include <catch2/catch.hpp>

using namespace kiosk;

namespace {
Session workshop()
{
    Session session;
    session.site = "rennes";
    session.kind = Kind::Atelier;
    session.title = "Lancer sa boutique en ligne";
    session.room = "Salle Bréhat";
    session.start = *parse_local_time("2026-11-26 14:00");
    session.end = *parse_local_time("2026-11-26 16:00");
    return session;
}
std::string field_of(const Session& session)
{
    auto problem = validate(session);
    return problem ? problem->field : "";
}
} // namespace

TEST_CASE("a valid workshop passes validation", "[session]")
{
    CHECK_FALSE(validate(workshop()));
}

TEST_CASE("each broken rule names its field", "[session]")
{
    auto session = workshop();
    session.site = "paris";
    CHECK(field_of(session) == "site");

    session = workshop();
    session.site.reset();
    CHECK(field_of(session) == "site");

    session = workshop();
    session.end = session.start;
    CHECK(field_of(session) == "end");

    session = workshop();
    session.title.clear();
    CHECK(field_of(session) == "title");

    session = workshop();
    session.join_url = "javascript:alert(1)";
    CHECK(field_of(session) == "url");

    session = workshop();
    session.kind = Kind::Privee;
    CHECK(field_of(session) == "organiser");

    session = workshop();
    session.status = Status::Delayed;
    CHECK(field_of(session) == "delay-min");

    session = workshop();
    session.capacity = -3;
    CHECK(field_of(session) == "capacity");
}

TEST_CASE("kinds, statuses and tags read back what they write", "[session]")
{
    for (auto kind : {Kind::Atelier, Kind::Live, Kind::Coaching, Kind::Privee})
        CHECK(parse_kind(to_string(kind)) == kind);
    for (auto status : {Status::Scheduled, Status::Delayed, Status::RoomChanged, Status::Full,
                        Status::Cancelled})
        CHECK(parse_status(to_string(status)) == status);
    CHECK_FALSE(parse_kind("webinaire"));
    CHECK(split_tags(" commerce , réseaux sociaux,,") ==
          std::vector<std::string>{"commerce", "réseaux sociaux"});
    CHECK(join_tags({"a", "b c"}) == "a,b c");
}
