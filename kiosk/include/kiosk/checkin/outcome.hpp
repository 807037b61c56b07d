#pragma once

// What a check-in tells the visitor, as facts: the verdict and what it depends on (the session
// as the rules saw it, the instant the doors open, the site the ticket is for…), never a
// sentence. It is returned by the rules, stored with the scan and read back by the board, and
// turned into French by one function, visitor_message(), for every screen and every program.

#include "kiosk/base/time.hpp"
#include "kiosk/schedule/session.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

enum class Verdict {
    Accepted,
    AlreadyCheckedIn, // the holder came in already: shown amber, never counted twice
    WrongSite,
    WrongDay,
    TooEarly,
    Closed, // the session is over, or started longer ago than the late-entry grace
    SessionCancelled,
    Revoked,
    UnknownKey, // signed by a key this site does not trust, or no longer trusts
    BadSignature,
    NotATicket,
    // The system clock is not synchronised: a ticket valid today is admitted all the same,
    // its check-in flagged "à vérifier" for staff, rather than refused on a doubtful time.
    ClockUntrusted,
};

[[nodiscard]] std::string_view to_string(Verdict verdict); // "accepted", "wrong_site"…
[[nodiscard]] std::optional<Verdict> parse_verdict(std::string_view text);
// Whether the verdict lets the holder in (and makes a check-in).
[[nodiscard]] bool admits(Verdict verdict);

// The session as a greeting names it, when this database knows it.
struct GreetedSession {
    SessionId id;
    Kind kind = Kind::Atelier;
    std::string title; // the public title: a private session shows its organiser, never more
    std::string room;
    Instant start; // delayed, if it is
    Instant end;

    friend bool operator==(const GreetedSession&, const GreetedSession&) = default;
};

// What a greeting names of `session`: its public title, room and (delayed) times.
[[nodiscard]] GreetedSession greeted_session(const Session& session);

struct CheckinOutcome {
    Verdict verdict = Verdict::NotATicket;
    std::optional<GreetedSession> session;
    std::optional<Instant> first_checkin;   // AlreadyCheckedIn: when the holder came in
    std::optional<Instant> doors_open;      // TooEarly: when to come back
    std::optional<Instant> entry_closed;    // Closed, while the session still runs
    std::optional<std::string> ticket_site; // WrongSite: the site id the ticket is for
    std::optional<Day> ticket_day;          // WrongDay: the day the ticket is for…
    std::optional<Day> scan_day;            // …and the day it was shown ("était" or "est")

    friend bool operator==(const CheckinOutcome&, const CheckinOutcome&) = default;
};

// What a screen shows of an outcome, in French. A banner puts the visitor's first name between
// the headline and its ending ("Bienvenue" "Marie" " !"), then the advice.
struct VisitorMessage {
    std::string headline; // "Bienvenue", "Ce billet est pour Nancy", "L'atelier commence à 14 h"
    std::string ending;   // after the headline and a first name: " !" for a welcome
    // What to do: "Revenez à 13 h 30", "Adressez-vous à l'accueil" (every refusal has one);
    // where to go, for a welcome in a room: "Rendez-vous : Salle Bréhat".
    std::string advice;
};

[[nodiscard]] VisitorMessage visitor_message(const CheckinOutcome& outcome);

// The same in one line, for what prints a single sentence (kioskctl, kiosk-checkin, the
// console): "Bienvenue ! Rendez-vous : Salle Bréhat", "L'atelier commence à 14 h — revenez à
// 13 h 30". A refusal whose headline speaks for itself ("Ce billet est pour Nancy") leaves the
// desk unsaid.
[[nodiscard]] std::string visitor_sentence(const CheckinOutcome& outcome);

// How the outcome is stored with its scan and printed by the programs. Reading accepts a
// document with fields missing: they stay unset.
void to_json(nlohmann::ordered_json& document, const GreetedSession& session);
void from_json(const nlohmann::ordered_json& document, GreetedSession& session);
void to_json(nlohmann::ordered_json& document, const CheckinOutcome& outcome);
void from_json(const nlohmann::ordered_json& document, CheckinOutcome& outcome);

} // namespace kiosk
