// kioskctl: the command line for site staff, the office and managers. Works with no display.

#include "commands.hpp"
#include "context.hpp"
#include "french_cli.hpp"

#include <fmt/format.h>

int main(int argc, char** argv)
{
    CLI::App app{"kioskctl — gestion du kiosque d'accueil des ateliers numériques"};
    kiosk_cli::speak_french(app);
    app.require_subcommand(1);
    app.set_help_all_flag("--help-all", "aide de toutes les commandes");

    kioskctl::Context context;
    context.add_global_options(app);
    kioskctl::add_database_commands(app, context);
    kioskctl::add_session_commands(app, context);
    kioskctl::add_key_commands(app, context);
    kioskctl::add_ticket_commands(app, context);
    kioskctl::add_checkin_commands(app, context);
    kioskctl::add_schedule_commands(app, context);
    kioskctl::add_attendance_commands(app, context);
    kioskctl::add_sync_commands(app, context);
    kioskctl::add_walkin_commands(app, context);
    kioskctl::add_notice_commands(app, context);
    kioskctl::add_staff_commands(app, context);
    kioskctl::add_serve_command(app, context);
    kioskctl::add_backup_commands(app, context);
    kioskctl::add_health_commands(app, context);
    kioskctl::add_audit_command(app, context);
    kioskctl::add_mail_commands(app, context);

    try {
        app.parse(argc, argv);
        return context.exit_code();
    } catch (const CLI::Error& error) {
        return kiosk_cli::exit_in_french(app, error, "kioskctl", 2);
    } catch (const kioskctl::UserError& error) {
        fmt::print(stderr, "kioskctl : {}\n", error.what());
    } catch (const std::exception& error) {
        // A broken database or installation (a missing font, a failing library): say what,
        // exit non-zero.
        fmt::print(stderr, "kioskctl : {}\n", kiosk::failure_message(error));
    }
    return 2;
}
