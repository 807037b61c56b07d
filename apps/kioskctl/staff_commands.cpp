#include "commands.hpp"
#include "kiosk/staff/staff.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <iostream>
#include <memory>
#include <termios.h>
#include <unistd.h>

namespace kioskctl {
namespace {

// One line from the terminal with echo off; from a pipe (scripts, tests) the line as is.
std::string read_secret(const char* prompt)
{
    if (!isatty(STDIN_FILENO)) {
        std::string line;
        if (!std::getline(std::cin, line))
            throw UserError("mot de passe attendu sur l'entrée standard");
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        return line;
    }
    fmt::print(stderr, "{}", prompt);
    termios saved{};
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    std::string line;
    std::getline(std::cin, line);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    fmt::print(stderr, "\n");
    return line;
}

// Typed twice on a terminal, so a typo does not lock the account's owner out.
std::string new_password()
{
    std::string password = read_secret("Mot de passe : ");
    if (auto problem = kiosk::password_problem(password))
        throw UserError(*problem);
    if (isatty(STDIN_FILENO) && read_secret("Encore une fois : ") != password)
        throw UserError("les deux saisies diffèrent : rien n'a changé");
    return password;
}

void add_command(CLI::App& group, Context& context)
{
    struct AddOptions {
        std::string name, role = "staff";
    };
    auto options = std::make_shared<AddOptions>();
    auto* add = group.add_subcommand(
        "add", "crée un compte de la console (mot de passe demandé, ou lu sur l'entrée standard)");
    add->add_option("name", options->name, "nom du compte : minuscules, chiffres, . - _")
        ->required();
    add->add_option("--role", options->role,
                    "staff (la journée, les visiteurs, les avis) ou manager (aussi le journal)")
        ->check(CLI::IsMember({"staff", "manager"}));
    add->callback([options, &context] {
        if (auto problem = kiosk::staff_name_problem(options->name))
            throw UserError(*problem);
        auto store = context.open_store(kiosk::Access::ReadWrite);
        if (kiosk::StaffAccounts(store).find(options->name))
            throw UserError(fmt::format("le compte « {} » existe déjà", options->name));
        const std::string password = new_password();
        const auto added = store.write([&] {
            auto account = kiosk::StaffAccounts(store).add(
                options->name, *kiosk::parse_staff_role(options->role), password, context.now());
            if (account)
                context.audit(store, "staff.add", account->name, "",
                              nlohmann::ordered_json{{"role", options->role}}.dump());
            return account;
        });
        if (!added)
            throw UserError(added.error());
        fmt::print("compte {} créé ({})\n", added->name, options->role);
    });
}

void remove_command(CLI::App& group, Context& context)
{
    auto name = std::make_shared<std::string>();
    auto* remove = group.add_subcommand("remove", "supprime un compte et ferme ses connexions");
    remove->add_option("name", *name, "nom du compte")->required();
    remove->callback([name, &context] {
        auto store = context.open_store(kiosk::Access::ReadWrite);
        store.write([&] {
            if (!kiosk::StaffAccounts(store).remove(*name))
                throw UserError(fmt::format("aucun compte « {} »", *name));
            context.audit(store, "staff.remove", *name, "", "");
        });
        fmt::print("compte {} supprimé\n", *name);
    });
}

void passwd_command(CLI::App& group, Context& context)
{
    auto name = std::make_shared<std::string>();
    auto* passwd = group.add_subcommand(
        "passwd", "change le mot de passe d'un compte et ferme ses connexions");
    passwd->add_option("name", *name, "nom du compte")->required();
    passwd->callback([name, &context] {
        auto store = context.open_store(kiosk::Access::ReadWrite);
        if (!kiosk::StaffAccounts(store).find(*name))
            throw UserError(fmt::format("aucun compte « {} »", *name));
        const std::string password = new_password();
        store.write([&] {
            if (auto changed = kiosk::StaffAccounts(store).set_password(*name, password,
                                                                         context.now());
                !changed)
                throw UserError(changed.error());
            context.audit(store, "staff.password", *name, "", "");
        });
        fmt::print("mot de passe de {} changé\n", *name);
    });
}

void list_command(CLI::App& group, Context& context)
{
    auto* list = group.add_subcommand("list", "les comptes de la console");
    list->callback([&context] {
        auto store = context.open_store(kiosk::Access::ReadOnly);
        for (const auto& account : kiosk::StaffAccounts(store).list())
            fmt::print("{}\t{}\n", account.name, kiosk::to_string(account.role));
    });
}

} // namespace

void add_staff_commands(CLI::App& app, Context& context)
{
    auto* staff = app.add_subcommand("staff", "les comptes de la console du site");
    staff->require_subcommand(1);
    add_command(*staff, context);
    remove_command(*staff, context);
    passwd_command(*staff, context);
    list_command(*staff, context);
}

} // namespace kioskctl
