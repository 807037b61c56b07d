// From a recorded scan to its banner. The words are the core's (kiosk::visitor_message); the
// board chooses which parts a banner shows, and adds the visitor's first name and the session.

#include "kiosk_display/greeting.hpp"

#include "kiosk/base/sanitise.hpp"
#include "kiosk_display/board_model.hpp"
#include "kiosk_display/text_fit.hpp"

namespace kiosk_display {
namespace {

constexpr std::string_view nbsp = "\u00A0";
constexpr std::size_t name_limit = 80;

// "Salle Bréhat · 14 h": where to go and when. The title beside it is the public one, so a
// private session reads "Session privée — organiser" here as on the board.
std::string where_and_when(const kiosk::GreetedSession& session)
{
    std::string line;
    if (session.kind == kiosk::Kind::Atelier) {
        if (!session.room.empty())
            line = session.room + " · ";
    } else {
        line = "en ligne · ";
    }
    return line + kiosk::french_time(session.start);
}

} // namespace

std::string Banner::headline() const
{
    if (name.empty())
        return greeting + ending;
    return greeting + " " + name + ending;
}

std::string shown_first_name(std::string_view raw)
{
    const std::string clean = kiosk::sanitised_text(raw, raw.size());
    std::string name;
    std::size_t count = 0;
    for (const auto point : code_points(clean)) {
        const bool space = point == " " || point == "\t" || point == "\n" || point == "\r" ||
                           point == "\xEF\xBF\xBD" || point == nbsp;
        if (space) {
            if (!name.empty() && name.back() != ' ')
                name += ' ';
            continue;
        }
        if (++count > name_limit) {
            name += ellipsis;
            break;
        }
        name += point;
    }
    while (!name.empty() && name.back() == ' ')
        name.pop_back();
    return name;
}

Banner banner_for(const kiosk::RecordedScan& scan)
{
    Banner banner;
    banner.scan = scan.scan;
    banner.at = scan.at;
    const std::string name = shown_first_name(scan.first_name);
    const kiosk::VisitorMessage message = kiosk::visitor_message(scan.outcome);
    const std::string title = scan.outcome.session ? scan.outcome.session->title : std::string();
    const std::string where =
        scan.outcome.session ? where_and_when(*scan.outcome.session) : std::string();
    banner.greeting = message.headline;
    if (kiosk::admits(scan.outcome.verdict)) {
        // The session line says where to go: the welcome's advice would say the room twice.
        banner.tone = Tone::Go;
        banner.name = name;
        banner.ending = message.ending;
        banner.detail = title;
        banner.where = where;
    } else if (scan.outcome.verdict == kiosk::Verdict::AlreadyCheckedIn) {
        banner.tone = Tone::Caution;
        banner.detail = name.empty() ? title : title.empty() ? name : name + " · " + title;
        banner.where = where;
    } else {
        banner.tone = Tone::Stop;
        banner.hint = message.advice;
    }
    if (scan.staff_note) {
        banner.hint = staff_coming;
        banner.staff_call = StaffCall::Yes;
    }
    return banner;
}

} // namespace kiosk_display
