#pragma once

// Sessions and a text measurer for board tests that need neither a database nor a window.

#include "kiosk/base/time.hpp"
#include "kiosk/schedule/session.hpp"
#include "kiosk_display/board_data.hpp"
#include "kiosk_display/text_fit.hpp"
#include "kiosk_display/text_measurer.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace test {

// Every code point is half the font size wide: simple enough to reason about in a test.
class FixedAdvanceMeasurer final : public kiosk_display::TextMeasurer {
public:
    [[nodiscard]] float width(std::string_view text, kiosk_display::TextStyle style) const override
    {
        return static_cast<float>(kiosk_display::code_points(text).size()) *
               static_cast<float>(style.pixel_size) * 0.5f;
    }
};

inline kiosk::Instant at(const std::string& local)
{
    auto instant = kiosk::parse_local_time(local);
    REQUIRE(instant);
    return *instant;
}

inline kiosk::Session session(kiosk::Kind kind, std::string title, const std::string& start,
                              int minutes)
{
    static std::int64_t next_id = 1000;
    kiosk::Session session;
    session.id = kiosk::SessionId{++next_id};
    session.kind = kind;
    session.title = std::move(title);
    session.start = at(start);
    session.end = session.start + kiosk::Minutes{minutes};
    if (kind == kiosk::Kind::Atelier) {
        session.site = "rennes";
        session.room = "Salle Bréhat";
        session.capacity = 12;
    }
    return session;
}

inline kiosk_display::BoardData day_of(std::vector<kiosk::Session> sessions, const std::string& day)
{
    kiosk_display::BoardData data;
    data.site_id = "rennes";
    data.site_name = "Rennes";
    data.day = *kiosk::parse_day(day);
    data.sessions = std::move(sessions);
    return data;
}

} // namespace test
