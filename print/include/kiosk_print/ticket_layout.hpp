#pragma once

// A printable ticket: the QR code with the session written beside it, in three forms — a PNG
// card for e-mails and phones, the same card as SVG, and a PDF page to print.

#include "kiosk/schedule/session.hpp"
#include "kiosk/tickets/ticket.hpp"
#include "kiosk_print/fonts.hpp"

#include <span>
#include <string>

namespace kiosk_print {

// Everything printed, already in the visitor's words ("jeudi 26 novembre 2026", "14 h 30").
struct TicketText {
    std::string payload; // what the QR code holds
    std::string title;
    std::string date;
    std::string time;
    std::string site;
    std::string room;   // empty for online sessions
    std::string holder; // the first name
    std::string reference; // the ticket id, for staff
};

// What is printed: the session in the visitor's words, the holder's first name.
[[nodiscard]] TicketText ticket_text(const kiosk::Session& session, const std::string& payload,
                                     kiosk::TicketId id, const std::string& first_name);

enum class Paper { A6, A4WithCutMarks };

// The PNG card puts at least this many pixels on each QR module.
inline constexpr int png_pixels_per_module = 10;

[[nodiscard]] std::string ticket_png(const TicketText& ticket, const Fonts& fonts);
[[nodiscard]] std::string ticket_svg(const TicketText& ticket, const Fonts& fonts);
// One page: the A6 ticket, or the same A6 ticket centred on A4 with cut marks at its corners.
[[nodiscard]] std::string ticket_pdf(const TicketText& ticket, const Fonts& fonts, Paper paper);

// A sheet to print at the office: the A6 tickets four to an A4 page (two across, two down, so
// two straight cuts part them), in order, with cut marks in the margins and at the centre; the
// last page keeps its empty places blank. `tickets` must not be empty.
[[nodiscard]] std::string tickets_sheet_pdf(std::span<const TicketText> tickets,
                                            const Fonts& fonts);

} // namespace kiosk_print
