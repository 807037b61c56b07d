#pragma once

// Staff accounts for the console, and the browsers signed in with them. Passwords are kept
// only as argon2id hashes; a signed-in browser holds a random token of which the database
// keeps only a hash, with the CSRF token that every change it posts must carry.

#include "kiosk/base/time.hpp"
#include "kiosk/store/store.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace kiosk {

// Staff run the day (sessions, visitors, notices); managers also see the audit trail.
enum class StaffRole { Staff, Manager };
[[nodiscard]] std::string_view to_string(StaffRole role); // "staff", "manager"
[[nodiscard]] std::optional<StaffRole> parse_staff_role(std::string_view text);

struct StaffAccount {
    std::string name;
    StaffRole role = StaffRole::Staff;
};

// Why a name or a password cannot be used, in French; none when it can.
[[nodiscard]] std::optional<std::string> staff_name_problem(std::string_view name);
[[nodiscard]] std::optional<std::string> password_problem(std::string_view password);

class StaffAccounts {
public:
    explicit StaffAccounts(Store& store) : store_(store) {}

    // Fails, writing nothing, for a bad or taken name or a password too weak.
    [[nodiscard]] tl::expected<StaffAccount, std::string>
    add(std::string_view name, StaffRole role, std::string_view password, Instant now);
    // Removes the account and signs out its browsers; false when there is no such account.
    bool remove(std::string_view name);
    // Changes the password and signs out every browser of the account.
    [[nodiscard]] tl::expected<void, std::string>
    set_password(std::string_view name, std::string_view password, Instant now);
    [[nodiscard]] std::optional<StaffAccount> find(std::string_view name);
    [[nodiscard]] std::vector<StaffAccount> list();

private:
    Store& store_;
};

struct SignInPolicy {
    std::chrono::seconds lifetime{std::chrono::hours{12}}; // a working day, then sign in again
    std::chrono::seconds idle{std::chrono::hours{2}};      // a phone left on the desk
    int free_attempts = 3;                                 // typos cost nothing
    std::chrono::seconds first_delay{2};                   // then doubles at each failure
    std::chrono::seconds longest_delay{std::chrono::minutes{15}};
    int free_attempts_per_address = 10; // then the same doubling wait, for the address
};

inline constexpr int concurrent_password_checks = 2;

struct SignIn {
    StaffAccount account;
    std::string token; // for the cookie: 256 random bits, base64url
    std::string csrf;  // for the forms
    Instant expires;
};

struct SignedIn {
    StaffAccount account;
    std::string csrf;
    Instant expires;
};

enum class SignInRefusal {
    WrongCredentials, // the same answer for an unknown name and a wrong password
    Throttled,        // too many failures for this name or from this address: wait `retry_after`
    Busy,             // as many passwords as the box affords are being checked: try again soon
};

struct SignInFailure {
    SignInRefusal reason;
    std::chrono::seconds retry_after{0};
};

class StaffSignIns {
public:
    explicit StaffSignIns(Store& store, SignInPolicy policy = {})
        : store_(store), policy_(policy)
    {
    }

    // Checks the password, after the delay earned by earlier failures of this name and of the
    // address `from` (when given). The attempt is counted before the password is checked, so
    // simultaneous attempts cannot all slip in under one wait; at most
    // `concurrent_password_checks` checks run at once in this process (each takes 64 MiB), the
    // others wait a little, then are told to come back.
    [[nodiscard]] tl::expected<SignIn, SignInFailure>
    sign_in(std::string_view name, std::string_view password, Instant now,
            std::string_view from = {});
    // The browser holding `token`, when its sign-in is still valid; touches its idle time.
    [[nodiscard]] std::optional<SignedIn> find(std::string_view token, Instant now);
    void sign_out(std::string_view token);

private:
    Store& store_;
    SignInPolicy policy_;
};

// Compares secrets in constant time.
[[nodiscard]] bool same_secret(std::string_view a, std::string_view b);

} // namespace kiosk
