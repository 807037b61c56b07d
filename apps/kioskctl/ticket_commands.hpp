#pragma once

#include "context.hpp"
#include "kiosk_print/fonts.hpp"
#include "ticket_files.hpp"

#include <CLI/CLI.hpp>
#include <string_view>

namespace kioskctl {

// `ticket issue`, `ticket issue-batch` and `ticket list`, on the `ticket` group.
void add_ticket_issue_commands(CLI::App& group, Context& context);
void add_ticket_batch_command(CLI::App& group, Context& context);

// The command-line option naming a registration field: "prenom" → "first-name".
[[nodiscard]] std::string_view option_for_field(std::string_view field);
[[nodiscard]] kiosk_print::Fonts load_fonts(const std::string& option_value);
// After issuing with --over-capacity: says on stderr by how many the session's valid tickets
// pass its seats, if they do.
void warn_over_capacity(kiosk::Store& store, kiosk::SessionId session);

// write_ticket(), its failures reported as the user's (an unwritable directory).
void write_printed(const RenderedTicket& rendered, const TicketFiles& files);

} // namespace kioskctl
