#pragma once

// CLI11 speaks English ("The following arguments were not expected"); the programs speak
// French. These put its help and its errors in French, for the three programs alike.

#include <CLI/CLI.hpp>

#include <string>

namespace kiosk_cli {

// French help labels and help flag, and global options accepted after a subcommand too
// (`kioskctl session list --at "…"`, as the README writes it). Call before adding options.
void speak_french(CLI::App& app);

// The French sentence for a parse error.
[[nodiscard]] std::string french_message(const CLI::Error& error);

// What `app.exit(error)` does, in French: help printed, or "PROGRAM : message" on stderr.
// Returns 0 for help, `failure` otherwise.
int exit_in_french(CLI::App& app, const CLI::Error& error, const char* program, int failure);

} // namespace kiosk_cli
