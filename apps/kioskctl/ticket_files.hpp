#pragma once

// The printable files of a ticket, written only once the database holds the ticket.

#include "kiosk/schedule/session.hpp"
#include "kiosk/tickets/ticket.hpp"
#include "kiosk_print/fonts.hpp"
#include "kiosk_print/ticket_layout.hpp"

#include <filesystem>
#include <string>

namespace kioskctl {

using kiosk_print::ticket_text;

struct TicketFiles {
    std::filesystem::path png, svg, pdf; // empty: not wanted
    kiosk_print::Paper paper = kiosk_print::Paper::A6;
};

struct RenderedTicket {
    std::string png, svg, pdf;
};

// Renders the wanted forms in memory; writing comes after, so a batch can render everything
// before it commits and write nothing when any rendering fails.
[[nodiscard]] RenderedTicket render_ticket(const kiosk_print::TicketText& text,
                                           const TicketFiles& wanted,
                                           const kiosk_print::Fonts& fonts);

// Writes each rendered form to its path, atomically. Throws kiosk_print::OutputError.
void write_ticket(const RenderedTicket& rendered, const TicketFiles& files);

[[nodiscard]] kiosk_print::Paper parse_paper(const std::string& value);

// A file name people can read, the same on every run for the same ticket, without extension:
// "billet-zoe-nguyen-<ticket id>"; letters of scripts without an ASCII spelling are kept.
[[nodiscard]] std::string ticket_file_stem(const std::string& first_name,
                                           const std::string& last_name, kiosk::TicketId id);

// Refuses, as the user's error, a file whose directory cannot be written; nothing for "".
void check_parent_writable(const std::filesystem::path& file);

} // namespace kioskctl
