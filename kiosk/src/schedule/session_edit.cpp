#include "kiosk/schedule/session_edit.hpp"

#include "kiosk/config/startup.hpp"
#include "kiosk/schedule/session_store.hpp"

#include <fmt/format.h>
#include <sodium.h>

namespace kiosk {

std::optional<FieldProblem> apply(const SessionChange& change, Session& session,
                                  const SiteConfig* config)
{
    if (change.kind)
        session.kind = *change.kind;
    if (change.title)
        session.title = *change.title;
    if (change.start) {
        const auto duration = session.end - session.start;
        session.start = *change.start;
        if (!change.end && !change.end_time_of_day) // moving a session keeps its length
            session.end = session.start + duration;
    }
    if (change.end)
        session.end = *change.end;
    if (change.end_time_of_day) {
        const auto end = parse_local_time(format_day(local_day(session.start)) + ' ' +
                                          *change.end_time_of_day);
        if (!end)
            return FieldProblem{"end", end.error()};
        session.end = *end;
    }
    if (change.room && *change.room != session.room) {
        if (!session.room.empty() && session.id.is_valid()) {
            session.previous_room = session.room;
            if (!change.status && session.status == Status::Scheduled)
                session.status = Status::RoomChanged;
        }
        session.room = *change.room;
    }
    if (change.capacity)
        session.capacity = *change.capacity;
    if (change.trainer)
        session.trainer = *change.trainer;
    if (change.join_url)
        session.join_url = *change.join_url;
    if (change.organiser)
        session.organiser = *change.organiser;
    if (change.tags)
        session.tags = *change.tags;
    if (change.delay_minutes) {
        session.delay_minutes = *change.delay_minutes;
        if (!change.status)
            session.status = *change.delay_minutes > 0 ? Status::Delayed : Status::Scheduled;
    }
    if (change.status) {
        session.status = *change.status;
        if (session.status != Status::Delayed && !change.delay_minutes)
            session.delay_minutes = 0;
        if (session.status == Status::Scheduled)
            session.previous_room.clear();
    }
    if (!session.capacity && session.kind == Kind::Atelier && config) {
        if (auto found = config->room_capacity.find(session.room);
            found != config->room_capacity.end())
            session.capacity = found->second;
    }
    return std::nullopt;
}

std::string session_fingerprint(const Session& session)
{
    const std::string content = fmt::format(
        "{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{}",
        session.site.value_or(""), to_string(session.kind), session.title,
        join_tags(session.tags), session.trainer, session.room, session.previous_room,
        session.capacity ? std::to_string(*session.capacity) : "", unix_seconds(session.start),
        unix_seconds(session.end), session.join_url, session.organiser,
        to_string(session.status), session.delay_minutes, session.uid);
    unsigned char digest[16];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(content.data()),
                       content.size(), nullptr, 0);
    char text[sizeof digest * 2 + 1];
    sodium_bin2hex(text, sizeof text, digest, sizeof digest);
    return text;
}

tl::expected<SavedChange, SaveProblem> save_change(Store& store, SessionId id,
                                                   const SessionChange& change,
                                                   const std::string& seen_fingerprint,
                                                   const SiteConfig* config, Instant now)
{
    return store.write([&]() -> tl::expected<SavedChange, SaveProblem> {
        SessionStore sessions(store);
        auto before = sessions.find(id);
        if (!before)
            return tl::unexpected(SaveProblem{SaveRefusal::Missing, std::nullopt});
        if (!seen_fingerprint.empty() && session_fingerprint(*before) != seen_fingerprint)
            return tl::unexpected(SaveProblem{SaveRefusal::ChangedMeanwhile, std::nullopt});
        Session after = *before;
        auto problem = apply(change, after, config);
        if (!problem)
            problem = validate(after);
        if (problem)
            return tl::unexpected(SaveProblem{SaveRefusal::Invalid, problem});
        try {
            sessions.update(after, now);
        } catch (const UserError& refused) {
            return tl::unexpected(
                SaveProblem{SaveRefusal::NotPlanner, FieldProblem{"", refused.what()}});
        }
        return SavedChange{std::move(*before), std::move(*sessions.find(id))};
    });
}

} // namespace kiosk
