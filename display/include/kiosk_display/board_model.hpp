#pragma once

// The board as people read it at one instant: a header, sections of rows with their states,
// and the small staff corner. No positions and no SFML here; see board_layout.hpp.

#include "kiosk_display/board_data.hpp"
#include "kiosk_display/greeting.hpp"
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

// One piece of a row's details. The layout never cuts a place; the others are shortened or
// left out, the trainer first, when room runs out.
enum class FactKind {
    Place,   // "Salle Bréhat", "Salle Ouessant (au lieu de Salle Bréhat)", "en visio, sur rendez-vous"
    Until,   // "jusqu'à 16 h 30"
    Planned, // "prévu 10 h", for a delayed session
    Trainer, // "Hugo Martin"
};

struct Fact {
    FactKind kind = FactKind::Place;
    std::string text;

    friend bool operator==(const Fact&, const Fact&) = default;
};

// Whether the layout must show a fact whole, whatever the room.
[[nodiscard]] constexpr bool kept_whole(FactKind kind) { return kind == FactKind::Place; }

struct BoardRow {
    kiosk::SessionId id; // none for a summary row (the day's coaching slots)
    std::string time;    // "14 h 30"
    std::string title;   // "Session privée — CCI Ille-et-Vilaine" for a private session
    std::vector<Fact> facts; // in reading order: place, end, planned start, trainer
    std::vector<Badge> badges;
    std::string join_url; // set only for a live online session that is on now or next
    // On now, or starting within the hour: on every page, never paged away.
    bool pinned = false;

    // The facts in one line: "Salle Bréhat · jusqu'à 16 h 30 · Hugo Martin".
    [[nodiscard]] std::string detail() const;
};

enum class SectionKind { Now, Next, Later, Online, Today };

struct BoardSection {
    SectionKind kind = SectionKind::Now;
    std::string heading; // "En cours", "À suivre", …
    std::vector<BoardRow> rows;
};

// The state a section's heading already writes for each of its rows ("en cours" under
// "En cours", "à venir" under "À suivre" and "Plus tard"): the layout does not repeat it.
[[nodiscard]] std::string_view implied_state(SectionKind kind);

// A notice across the screen: an information band under the header, or an alert that takes
// over the top of the screen above it.
enum class BandSize { Band, TakeOver };

struct Band {
    std::string text;
    Tone tone = Tone::Info;
    BandSize size = BandSize::Band;
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
    std::string opening;  // "Demain, l'accueil est ouvert de 9 h à 18 h"; empty without hours
    std::string next;     // "Prochaine session : vendredi 27 novembre à 9 h 30 — …"
};

struct StaffCorner {
    std::string camera; // "caméra OK", "caméra muette", "caméra ?"
    std::string data;   // "données 14 h 32"
    std::string link;   // "synchro il y a 40 s", "hors ligne depuis 2 h"; empty off the link
    Freshness freshness = Freshness::Current;
    std::string stale_badge; // "données de 14 h 32" when the last reload failed
    std::string staff_call;  // "accueil demandé 9 h 02" after a ticket with a staff note
};

struct Board {
    BoardHeader header;
    std::vector<Band> bands;     // alerts first
    std::vector<Banner> banners; // check-in greetings on screen now, in their places
    std::size_t banners_waiting = 0;
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
    std::optional<LinkState> link{}; // none: the site is not on the live link
};

// The check-in side of the board at that instant (see BannerQueue).
struct Greetings {
    std::vector<Banner> banners; // on screen now, in their places
    std::size_t waiting = 0;
    std::optional<kiosk::Instant> staff_called_at; // the last ticket with a staff note
};

// How long the staff corner says that someone at the door needs staff.
inline constexpr kiosk::Minutes staff_call_shown{10};

// A session that ended this long ago still shows "terminé" for latecomers, then drops off.
inline constexpr kiosk::Minutes ended_grace{10};
// Upcoming sessions starting within this window are "À suivre", later ones "Plus tard".
inline constexpr kiosk::Minutes next_window{120};
// Sessions starting this soon stay on every page (BoardRow::pinned).
inline constexpr kiosk::Minutes pinned_window{60};

[[nodiscard]] Board build_board(const BoardData& data, const BoardContext& context,
                                const Greetings& greetings = {});

// The states of one session at `now`, as badges, in reading order. Exposed for tests.
[[nodiscard]] std::vector<Badge> session_badges(const kiosk::Session& session, kiosk::Instant now,
                                                kiosk::Minutes doors_open_lead,
                                                std::optional<int> seats_left);

[[nodiscard]] bool is_physical(const kiosk::Session& session);

// The title the public screen may show is the core's rule (kiosk::public_title).
using kiosk::public_title;

} // namespace kiosk_display
