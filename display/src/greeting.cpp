// From a recorded scan to its banner. The visitor's sentence is the one the check-in rules
// gave; the board adds only the session line and, for a refusal, what to do.

#include "kiosk_display/greeting.hpp"

#include "kiosk/sanitise.hpp"
#include "kiosk_display/board_model.hpp"
#include "kiosk_display/text_fit.hpp"

#include <cctype>

namespace kiosk_display {
namespace {

constexpr std::string_view nbsp = "\u00A0";
constexpr std::string_view dash = " — ";
constexpr std::size_t name_limit = 80;

// "Lancer sa boutique en ligne · Salle Bréhat · 14 h": the public title only, so a private
// session reads "Session privée — organiser" here as on the board.
std::string session_line(const kiosk::Session& session)
{
    std::string line = public_title(session);
    if (is_physical(session)) {
        if (!session.room.empty())
            line += " · " + session.room;
    } else {
        line += " · en ligne";
    }
    return line + " · " + kiosk::french_time(session.effective_start());
}

// Scans recorded before the sentence was stored carry none: say the least that is true.
std::string fallback_message(kiosk::Verdict verdict)
{
    switch (verdict) {
    case kiosk::Verdict::Accepted:
    case kiosk::Verdict::ClockUntrusted:
        return "Bienvenue";
    case kiosk::Verdict::AlreadyCheckedIn:
        return "Déjà enregistré";
    default:
        return "Billet refusé";
    }
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

Banner banner_for(const ScanEvent& event)
{
    Banner banner;
    banner.scan = event.scan;
    banner.at = event.at;
    const std::string name = shown_first_name(event.first_name);
    const std::string message = event.message.empty() ? fallback_message(event.verdict)
                                                       : event.message;
    const std::string session = event.session ? session_line(*event.session) : std::string();
    if (kiosk::admits(event.verdict)) {
        banner.tone = Tone::Go;
        banner.greeting = "Bienvenue";
        banner.name = name;
        banner.ending = std::string(nbsp) + "!";
        banner.detail = session;
    } else if (event.verdict == kiosk::Verdict::AlreadyCheckedIn) {
        banner.tone = Tone::Caution;
        banner.greeting = message;
        banner.detail = name.empty() ? session : session.empty() ? name : name + " · " + session;
    } else {
        // The rules' sentence reads "what is wrong — what to do"; without a second part the
        // visitor is sent to the desk.
        banner.tone = Tone::Stop;
        const auto split = message.find(dash);
        banner.greeting = message.substr(0, split);
        banner.hint = split == std::string::npos ? std::string("Adressez-vous à l'accueil")
                                                 : message.substr(split + dash.size());
        if (!banner.hint.empty())
            banner.hint[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(banner.hint[0])));
    }
    if (event.staff_note) {
        banner.hint = staff_coming;
        banner.staff_call = StaffCall::Yes;
    }
    return banner;
}

} // namespace kiosk_display
