#pragma once

// The board as people read it at one instant: a header, sections of rows with their states,
// and the small staff corner. No positions and no SFML here; see board_layout.hpp.

#include "kiosk_display/board_data.hpp"
#include "kiosk_display/palette.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kiosk_display {

struct Badge {
    std::string word; // "en cours", "retardé de 15 min", "3 places restantes"
    Tone tone = Tone::Info;

    friend bool operator==(const Badge&, const Badge&) = default;
};

struct BoardRow {
    kiosk::SessionId id; // none for a summary row (the day's coaching slots)
    std::string time;    // "14 h 30"
    std::string title;   // "Session privée — CCI Ille-et-Vilaine" for a private session
    std::string detail;  // "jusqu'à 16 h 30 · Salle Bréhat · Hugo Martin"
    std::vector<Badge> badges;
    std::string join_url; // set only for a live online session that is on now or next
};

enum class SectionKind { Now, Next, Later, Online, Today };

struct BoardSection {
    SectionKind kind = SectionKind::Now;
    std::string heading; // "En cours", "À suivre", …
    std::vector<BoardRow> rows;
};

// A full-width band under the header: where notices and check-in greetings will show.
struct Band {
    std::string text;
    Tone tone = Tone::Info;
};

struct BoardHeader {
    std::string site_name;
    std::string date;  // "jeudi 26 novembre"
    std::string clock; // "14 h 32", or "heure non synchronisée"
    ClockTrust trust = ClockTrust::Synchronised;
};

// What an empty board says instead of sections.
struct EmptyDay {
    std::string headline; // "Aucune session aujourd'hui"
    std::string next;     // "Prochaine session : vendredi 27 novembre à 9 h 30 — …"
};

struct StaffCorner {
    std::string camera; // "caméra OK", "caméra muette", "caméra ?"
    std::string data;   // "données 14 h 32"
    Freshness freshness = Freshness::Current;
    std::string stale_badge; // "données de 14 h 32" when the last reload failed
};

struct Board {
    BoardHeader header;
    std::vector<Band> bands;
    std::vector<BoardSection> sections; // only sections with rows
    std::optional<EmptyDay> empty;
    StaffCorner staff;
};

struct BoardContext {
    kiosk::Instant now{};
    ClockTrust trust = ClockTrust::Synchronised;
    Freshness freshness = Freshness::Current;
    kiosk::Instant data_as_of{}; // when the data on screen was last read successfully
    CameraState camera = CameraState::Unknown;
};

// A session that ended this long ago still shows "terminé" for latecomers, then drops off.
inline constexpr kiosk::Minutes ended_grace{10};
// Upcoming sessions starting within this window are "À suivre", later ones "Plus tard".
inline constexpr kiosk::Minutes next_window{120};

[[nodiscard]] Board build_board(const BoardData& data, const BoardContext& context);

// The states of one session at `now`, as badges, in reading order. Exposed for tests.
[[nodiscard]] std::vector<Badge> session_badges(const kiosk::Session& session, kiosk::Instant now,
                                                kiosk::Minutes doors_open_lead,
                                                std::optional<int> seats_left);

[[nodiscard]] bool is_physical(const kiosk::Session& session);

} // namespace kiosk_display
