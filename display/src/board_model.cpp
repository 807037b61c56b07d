// From the day's sessions to the board at one instant: which section each session is in,
// what its row says, and what an empty day says instead.

#include "kiosk_display/board_model.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace kiosk_display {
namespace {

using kiosk::Instant;
using kiosk::Kind;
using kiosk::Session;

std::vector<Fact> facts_of(const Session& session)
{
    std::vector<Fact> facts;
    if (is_physical(session)) {
        if (session.room.empty())
            facts.push_back({FactKind::Place, "salle à préciser"});
        else if (session.status == kiosk::Status::RoomChanged && !session.previous_room.empty())
            facts.push_back({FactKind::Place,
                             session.room + " (au lieu de " + session.previous_room + ")"});
        else
            facts.push_back({FactKind::Place, session.room});
    }
    // Online sessions sit under "En ligne aujourd'hui": the heading says where they are.
    facts.push_back({FactKind::Until, "jusqu'à " + kiosk::french_time(session.effective_end())});
    if (session.delay_minutes > 0)
        facts.push_back({FactKind::Planned, "prévu " + kiosk::french_time(session.start)});
    if (session.kind != Kind::Privee && !session.trainer.empty())
        facts.push_back({FactKind::Trainer, session.trainer});
    return facts;
}

std::optional<int> seats_left(const Session& session, const BoardData& data)
{
    if (!is_physical(session) || !session.capacity)
        return std::nullopt;
    const auto taken = data.seats_taken.find(session.id);
    return *session.capacity - (taken == data.seats_taken.end() ? 0 : taken->second);
}

struct Timing {
    bool shown;   // false once it has ended for longer than the grace
    bool running; // on now, or just ended
};

Timing timing(const Session& session, Instant now)
{
    const Instant end = session.effective_end();
    if (now >= end)
        return {now < end + ended_grace, true};
    return {true, now >= session.effective_start()};
}

BoardRow make_row(const Session& session, const BoardData& data, const BoardContext& context)
{
    BoardRow row;
    row.id = session.id;
    row.time = kiosk::french_time(session.effective_start());
    row.title = public_title(session);
    row.facts = facts_of(session);
    if (context.trust == ClockTrust::Synchronised) {
        row.badges = session_badges(session, context.now, data.doors_open_lead,
                                    seats_left(session, data));
        row.pinned = context.now < session.effective_start() &&
                     session.effective_start() < context.now + pinned_window;
    } else {
        // Without a trustworthy "now" only what staff said is shown, not what time implies.
        const Instant far_past{};
        for (auto& badge : session_badges(session, far_past, data.doors_open_lead, std::nullopt))
            if (badge.word != "à venir")
                row.badges.push_back(std::move(badge));
    }
    return row;
}

// The day's coaching slots in one row: the public screen only shows that they exist.
std::optional<BoardRow> coaching_row(const std::vector<const Session*>& slots,
                                     const BoardContext& context)
{
    std::vector<const Session*> remaining;
    for (const Session* slot : slots)
        if (slot->status != kiosk::Status::Cancelled &&
            (context.trust == ClockTrust::Unsynchronised || context.now < slot->effective_end()))
            remaining.push_back(slot);
    if (remaining.empty())
        return std::nullopt;
    BoardRow row;
    row.time = kiosk::french_time(remaining.front()->effective_start());
    const std::size_t count = remaining.size();
    row.title = fmt::format("Coaching individuel : {} créneau{} aujourd'hui", count,
                            count > 1 ? "x" : "");
    row.facts = {{FactKind::Place, "en visio, sur rendez-vous"},
                 {FactKind::Until, "jusqu'à " + kiosk::french_time(remaining.back()->effective_end())}};
    if (context.trust == ClockTrust::Synchronised) {
        const bool running = std::any_of(remaining.begin(), remaining.end(), [&](const Session* s) {
            return context.now >= s->effective_start();
        });
        row.badges.push_back(running ? Badge{"en cours", Tone::Go} : Badge{"à venir", Tone::Info});
        row.pinned = std::any_of(remaining.begin(), remaining.end(), [&](const Session* s) {
            return context.now < s->effective_start() &&
                   s->effective_start() < context.now + pinned_window;
        });
    }
    return row;
}

std::string next_session_text(const BoardData& data)
{
    if (!data.next_session)
        return "Aucune session prévue pour le moment";
    const Session& next = *data.next_session;
    return fmt::format("Prochaine session : {} à {} — {}",
                       kiosk::french_day(kiosk::local_day(next.effective_start())),
                       kiosk::french_time(next.effective_start()), public_title(next));
}

// "9 h", "18 h 30": a time of day as the board writes times.
std::string french_clock(kiosk::Minutes time_of_day)
{
    const auto minutes = time_of_day.count();
    if (minutes % 60 == 0)
        return fmt::format("{} h", minutes / 60);
    return fmt::format("{} h {:02}", minutes / 60, minutes % 60);
}

// When the site opens next after `day`, from its opening hours: what an empty board says to
// someone who comes by after the last session.
std::string opening_text(const kiosk::OpeningHours& hours, kiosk::Day day)
{
    const date::sys_days today{day};
    for (int ahead = 1; ahead <= 7; ++ahead) {
        const date::sys_days candidate = today + date::days{ahead};
        const auto& span = hours.by_weekday[date::weekday{candidate}.c_encoding()];
        if (!span)
            continue;
        const std::string from_to = fmt::format("de {} à {}", french_clock(span->open),
                                                french_clock(span->close));
        if (ahead == 1)
            return "Demain, l'accueil est ouvert " + from_to;
        return fmt::format("Prochaine ouverture : {} {}", kiosk::french_day(date::year_month_day{candidate}),
                           from_to);
    }
    return {};
}

StaffCorner staff_corner(const BoardContext& context, const Greetings& greetings)
{
    StaffCorner staff;
    switch (context.camera) {
    case CameraState::Alive:
        staff.camera = "caméra OK";
        break;
    case CameraState::ReaderReady:
        staff.camera = "lecteur OK";
        break;
    case CameraState::Silent:
        staff.camera = "caméra muette";
        break;
    case CameraState::Stopped:
        staff.camera = "caméra arrêtée";
        break;
    case CameraState::NotRecording:
        staff.camera = "entrées non enregistrées";
        break;
    case CameraState::Unknown:
        staff.camera = "caméra ?";
        break;
    }
    staff.data = "données " + kiosk::french_time(context.data_as_of);
    if (context.link) {
        const auto& link = *context.link;
        switch (link.condition) {
        case kiosk::LinkCondition::Online:
            staff.link = "synchro il y a " + kiosk::french_duration(link.since.value_or(
                                                 std::chrono::seconds{0}));
            break;
        case kiosk::LinkCondition::Offline:
            staff.link = link.since ? "hors ligne depuis " + kiosk::french_duration(*link.since)
                                    : std::string("hors ligne");
            break;
        case kiosk::LinkCondition::Stopped:
            staff.link = "synchro arrêtée";
            break;
        }
    }
    if (greetings.staff_called_at && context.now < *greetings.staff_called_at + staff_call_shown)
        staff.staff_call = "accueil demandé " + kiosk::french_time(*greetings.staff_called_at);
    staff.freshness = context.freshness;
    if (context.freshness == Freshness::Stale)
        staff.stale_badge = "données de " + kiosk::french_time(context.data_as_of);
    return staff;
}

} // namespace

std::string_view implied_state(SectionKind kind)
{
    switch (kind) {
    case SectionKind::Now:
        return "en cours";
    case SectionKind::Next:
    case SectionKind::Later:
        return "à venir";
    case SectionKind::Online:
    case SectionKind::Today:
        break;
    }
    return {};
}

std::string BoardRow::detail() const
{
    std::string joined;
    for (const auto& fact : facts) {
        if (!joined.empty())
            joined += " · ";
        joined += fact.text;
    }
    return joined;
}

Board build_board(const BoardData& data, const BoardContext& context, const Greetings& greetings)
{
    Board board;
    const bool trusted = context.trust == ClockTrust::Synchronised;
    board.header.site_name = data.site_name;
    board.header.date = kiosk::french_day(data.day);
    board.header.clock = trusted ? kiosk::french_time(context.now) : "heure non synchronisée";
    board.header.trust = context.trust;
    board.staff = staff_corner(context, greetings);
    board.banners = greetings.banners;
    board.banners_waiting = greetings.waiting;
    for (const auto& notice : data.notices)
        if (notice.is_active(context.now))
            board.bands.push_back(notice.level == kiosk::NoticeLevel::Alerte
                                      ? Band{notice.text, Tone::Stop, BandSize::TakeOver}
                                      : Band{notice.text, Tone::Info, BandSize::Band});
    std::stable_sort(board.bands.begin(), board.bands.end(), [](const Band& a, const Band& b) {
        return a.size == BandSize::TakeOver && b.size != BandSize::TakeOver;
    });

    std::vector<const Session*> sessions;
    for (const auto& session : data.sessions)
        sessions.push_back(&session);
    std::stable_sort(sessions.begin(), sessions.end(), [](const Session* a, const Session* b) {
        return a->effective_start() < b->effective_start();
    });

    BoardSection now{SectionKind::Now, "En cours", {}};
    BoardSection next{SectionKind::Next, "À suivre", {}};
    BoardSection later{SectionKind::Later, "Plus tard aujourd'hui", {}};
    BoardSection today{SectionKind::Today, "Aujourd'hui sur place", {}};
    BoardSection online{SectionKind::Online, "En ligne aujourd'hui", {}};
    std::vector<const Session*> coaching;
    std::optional<std::size_t> coaching_position;

    // "Next" for the QR codes: the earliest live session still to start.
    std::optional<Instant> next_live_start;
    for (const Session* session : sessions)
        if (session->kind == Kind::Live && session->status != kiosk::Status::Cancelled &&
            session->effective_start() > context.now &&
            (!next_live_start || session->effective_start() < *next_live_start))
            next_live_start = session->effective_start();
    // The first upcoming workshop is always "À suivre", however far off.
    std::optional<Instant> first_upcoming;
    for (const Session* session : sessions)
        if (is_physical(*session) && session->effective_start() > context.now) {
            first_upcoming = session->effective_start();
            break;
        }

    for (const Session* session : sessions) {
        const Timing when = timing(*session, context.now);
        if (trusted && !when.shown)
            continue;
        if (session->kind == Kind::Coaching) {
            if (!coaching_position)
                coaching_position = online.rows.size();
            coaching.push_back(session);
            continue;
        }
        BoardRow row = make_row(*session, data, context);
        if (!is_physical(*session)) {
            const bool live = session->kind == Kind::Live &&
                              session->status != kiosk::Status::Cancelled && !session->join_url.empty();
            const bool on_now = when.running && context.now < session->effective_end();
            if (trusted && live &&
                (on_now || (next_live_start && session->effective_start() == *next_live_start)))
                row.join_url = session->join_url;
            online.rows.push_back(std::move(row));
        } else if (!trusted) {
            today.rows.push_back(std::move(row));
        } else if (when.running) {
            now.rows.push_back(std::move(row));
        } else if (session->effective_start() < context.now + next_window ||
                   session->effective_start() == first_upcoming) {
            next.rows.push_back(std::move(row));
        } else {
            later.rows.push_back(std::move(row));
        }
    }
    if (auto row = coaching_row(coaching, context))
        online.rows.insert(online.rows.begin() + static_cast<std::ptrdiff_t>(*coaching_position),
                           std::move(*row));

    for (auto* section : {&now, &next, &later, &today, &online})
        if (!section->rows.empty())
            board.sections.push_back(std::move(*section));

    if (board.sections.empty()) {
        const bool had_sessions = !data.sessions.empty();
        board.empty = EmptyDay{had_sessions ? "Plus aucune session aujourd'hui"
                                            : "Aucune session aujourd'hui",
                               data.hours ? opening_text(*data.hours, data.day) : std::string(),
                               next_session_text(data)};
    }
    return board;
}

} // namespace kiosk_display
