#include "kiosk/staff/staff.hpp"
#include "staff_secrets.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace kiosk {
namespace {

StaffAccount read_account(SQLite::Statement& row)
{
    return {row.getColumn(0).getString(),
            parse_staff_role(row.getColumn(1).getString()).value_or(StaffRole::Staff)};
}

} // namespace

std::string_view to_string(StaffRole role)
{
    return role == StaffRole::Manager ? "manager" : "staff";
}

std::optional<StaffRole> parse_staff_role(std::string_view text)
{
    if (text == "staff")
        return StaffRole::Staff;
    if (text == "manager")
        return StaffRole::Manager;
    return std::nullopt;
}

std::optional<std::string> staff_name_problem(std::string_view name)
{
    if (name.empty() || name.size() > 64)
        return "le nom doit faire de 1 à 64 caractères";
    for (const char c : name) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
                             c == '-' || c == '_';
        if (!allowed)
            return fmt::format("le nom « {} » ne peut contenir que des minuscules sans accent, "
                               "des chiffres, « . », « - » et « _ »",
                               name);
    }
    return std::nullopt;
}

std::optional<std::string> password_problem(std::string_view password)
{
    // Length is what makes a password strong; rules about symbols only make it a post-it.
    if (password.size() < 10)
        return "le mot de passe doit faire au moins 10 caractères";
    if (password.size() > 1024)
        return "le mot de passe ne doit pas dépasser 1024 caractères";
    return std::nullopt;
}

tl::expected<StaffAccount, std::string>
StaffAccounts::add(std::string_view name, StaffRole role, std::string_view password, Instant now)
{
    if (auto problem = staff_name_problem(name))
        return tl::unexpected(*problem);
    if (auto problem = password_problem(password))
        return tl::unexpected(*problem);
    const std::string hash = secrets::hash_password(password);
    return store_.write([&]() -> tl::expected<StaffAccount, std::string> {
        if (find(name))
            return tl::unexpected(fmt::format("le compte « {} » existe déjà", name));
        SQLite::Statement insert(database_of(store_),
                                 "INSERT INTO staff_accounts (name, role, password_hash, "
                                 "created_at, changed_at) VALUES (?1, ?2, ?3, ?4, ?4)");
        insert.bind(1, std::string(name));
        insert.bind(2, std::string(to_string(role)));
        insert.bind(3, hash);
        insert.bind(4, unix_seconds(now));
        insert.exec();
        return StaffAccount{std::string(name), role};
    });
}

bool StaffAccounts::remove(std::string_view name)
{
    return store_.write([&] {
        SQLite::Statement remove(database_of(store_), "DELETE FROM staff_accounts WHERE name = ?1");
        remove.bind(1, std::string(name));
        return remove.exec() == 1; // sign-ins follow by ON DELETE CASCADE
    });
}

tl::expected<void, std::string> StaffAccounts::set_password(std::string_view name,
                                                            std::string_view password, Instant now)
{
    if (auto problem = password_problem(password))
        return tl::unexpected(*problem);
    const std::string hash = secrets::hash_password(password);
    return store_.write([&]() -> tl::expected<void, std::string> {
        SQLite::Statement update(database_of(store_),
                                 "UPDATE staff_accounts SET password_hash = ?2, changed_at = ?3 "
                                 "WHERE name = ?1");
        update.bind(1, std::string(name));
        update.bind(2, hash);
        update.bind(3, unix_seconds(now));
        if (update.exec() != 1)
            return tl::unexpected(fmt::format("aucun compte « {} »", name));
        // Whoever knew the old password is signed out everywhere.
        SQLite::Statement sign_out(database_of(store_),
                                   "DELETE FROM staff_sign_ins WHERE account = ?1");
        sign_out.bind(1, std::string(name));
        sign_out.exec();
        return {};
    });
}

std::optional<StaffAccount> StaffAccounts::find(std::string_view name)
{
    SQLite::Statement select(database_of(store_),
                             "SELECT name, role FROM staff_accounts WHERE name = ?1");
    select.bind(1, std::string(name));
    if (!select.executeStep())
        return std::nullopt;
    return read_account(select);
}

std::vector<StaffAccount> StaffAccounts::list()
{
    SQLite::Statement select(database_of(store_),
                             "SELECT name, role FROM staff_accounts ORDER BY name");
    std::vector<StaffAccount> accounts;
    while (select.executeStep())
        accounts.push_back(read_account(select));
    return accounts;
}

} // namespace kiosk
