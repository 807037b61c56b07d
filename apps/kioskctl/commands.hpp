#pragma once

#include "context.hpp"

#include <CLI/CLI.hpp>
#include <filesystem>

namespace kioskctl {

// Each group of commands registers its subcommands on the application. Callbacks run after
// parsing and report failures by throwing (UserError, kiosk::StoreError).
void add_database_commands(CLI::App& app, Context& context);
void add_session_commands(CLI::App& app, Context& context);
void add_key_commands(CLI::App& app, Context& context);
void add_ticket_commands(CLI::App& app, Context& context);
void add_checkin_commands(CLI::App& app, Context& context);
void add_schedule_commands(CLI::App& app, Context& context);
void add_attendance_commands(CLI::App& app, Context& context);
// `attendance import-online`, a subcommand of `attendance`.
void add_import_online_command(CLI::App& attendance, Context& context);
void add_sync_commands(CLI::App& app, Context& context);
// The live link's subcommands of `sync` (invite, join, run, retire).
void add_link_commands(CLI::App& sync, Context& context);
void add_walkin_commands(CLI::App& app, Context& context);
void add_notice_commands(CLI::App& app, Context& context);
void add_staff_commands(CLI::App& app, Context& context);
void add_serve_command(CLI::App& app, Context& context);
void add_backup_commands(CLI::App& app, Context& context);
void add_health_commands(CLI::App& app, Context& context);
void add_audit_command(CLI::App& app, Context& context);
void add_mail_commands(CLI::App& app, Context& context);

// --runtime-dir as given, else where the camera process writes its heartbeat by default.
[[nodiscard]] std::filesystem::path runtime_dir_option(const std::string& value);

} // namespace kioskctl
