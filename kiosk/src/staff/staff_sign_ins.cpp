#include "kiosk/staff/staff.hpp"
#include "staff_secrets.hpp"
#include "store/database.hpp"

#include <SQLiteCpp/Statement.h>
#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <semaphore>

namespace kiosk {
namespace {

// The wait a name has earned after `failures` failed attempts in a row.
std::chrono::seconds earned_delay(const SignInPolicy& policy, int failures, int free_attempts)
{
    if (failures < free_attempts)
        return std::chrono::seconds{0};
    auto delay = policy.first_delay;
    for (int extra = free_attempts; extra < failures && delay < policy.longest_delay; ++extra)
        delay *= 2;
    return std::min(delay, policy.longest_delay);
}

// Failures by client address, in this process (the console): a guesser trying many names from
// one address is slowed down like one trying many passwords for one name. Bounded: the oldest
// addresses are forgotten first.
class AddressFailures {
public:
    static constexpr std::size_t most_addresses = 4096;

    // The wait `address` must still sit out, else the attempt is counted now.
    std::optional<std::chrono::seconds> reserve(const std::string& address,
                                                const SignInPolicy& policy, Instant now)
    {
        const std::lock_guard lock(mutex_);
        auto& entry = failures_[address];
        const auto delay = earned_delay(policy, entry.first, policy.free_attempts_per_address);
        if (entry.first > 0 && now < entry.second + delay)
            return std::chrono::duration_cast<std::chrono::seconds>(entry.second + delay - now);
        ++entry.first;
        entry.second = now;
        if (failures_.size() > most_addresses) {
            const auto oldest = std::min_element(
                failures_.begin(), failures_.end(),
                [](const auto& a, const auto& b) { return a.second.second < b.second.second; });
            failures_.erase(oldest);
        }
        return std::nullopt;
    }
    void forget(const std::string& address)
    {
        const std::lock_guard lock(mutex_);
        failures_.erase(address);
    }

private:
    std::mutex mutex_;
    std::map<std::string, std::pair<int, Instant>> failures_;
};

AddressFailures& address_failures()
{
    static AddressFailures failures;
    return failures;
}

// Argon2id checks running at once in this process.
std::counting_semaphore<concurrent_password_checks>& password_checks()
{
    static std::counting_semaphore<concurrent_password_checks> slots(concurrent_password_checks);
    return slots;
}

// Checking an unknown name against a real hash costs as long as a wrong password, so the
// answer's timing does not tell which names exist.
const std::string& decoy_hash()
{
    static const std::string hash = secrets::hash_password(secrets::random_token());
    return hash;
}

} // namespace

tl::expected<SignIn, SignInFailure> StaffSignIns::sign_in(std::string_view typed_name,
                                                           std::string_view password, Instant now,
                                                           std::string_view from)
{
    const std::string name(typed_name.substr(0, 64));
    const std::string address(from.substr(0, 64));
    if (!address.empty())
        if (const auto wait = address_failures().reserve(address, policy_, now))
            return tl::unexpected(SignInFailure{SignInRefusal::Throttled, *wait});
    // The attempt counts as a failure from now on; a success takes it back. Failures a day old
    // are forgotten, so names tried once by a stranger do not pile up.
    const auto throttled = store_.write([&]() -> std::optional<std::chrono::seconds> {
        SQLite::Statement forget(database_of(store_),
                                 "DELETE FROM staff_sign_in_failures WHERE last_failure < ?1");
        forget.bind(1, unix_seconds(now - std::chrono::hours{24}));
        forget.exec();
        SQLite::Statement failures(database_of(store_),
                                   "SELECT failures, last_failure FROM staff_sign_in_failures "
                                   "WHERE name = ?1");
        failures.bind(1, name);
        if (failures.executeStep()) {
            const auto delay =
                earned_delay(policy_, failures.getColumn(0).getInt(), policy_.free_attempts);
            const Instant allowed = from_unix_seconds(failures.getColumn(1).getInt64()) + delay;
            if (now < allowed)
                return allowed - now;
        }
        failures.reset();
        SQLite::Statement failure(database_of(store_),
                                  "INSERT INTO staff_sign_in_failures (name, failures, "
                                  "last_failure) VALUES (?1, 1, ?2) ON CONFLICT (name) DO UPDATE "
                                  "SET failures = failures + 1, last_failure = excluded.last_failure");
        failure.bind(1, name);
        failure.bind(2, unix_seconds(now));
        failure.exec();
        return std::nullopt;
    });
    if (throttled)
        return tl::unexpected(SignInFailure{SignInRefusal::Throttled, *throttled});

    std::optional<std::string> hash;
    StaffRole role = StaffRole::Staff;
    {
        SQLite::Statement account(database_of(store_),
                                  "SELECT password_hash, role FROM staff_accounts WHERE name = ?1");
        account.bind(1, name);
        if (account.executeStep()) {
            hash = account.getColumn(0).getString();
            role = parse_staff_role(account.getColumn(1).getString()).value_or(StaffRole::Staff);
        }
    }
    // The slow hash runs outside any transaction: the kiosk keeps writing check-ins meanwhile.
    if (!password_checks().try_acquire_for(std::chrono::seconds{5}))
        return tl::unexpected(SignInFailure{SignInRefusal::Busy, std::chrono::seconds{5}});
    bool matches = false;
    try {
        matches = secrets::password_matches(hash ? *hash : decoy_hash(), password) && hash;
    } catch (...) {
        password_checks().release();
        throw;
    }
    password_checks().release();
    if (!matches)
        return tl::unexpected(SignInFailure{SignInRefusal::WrongCredentials});
    if (!address.empty())
        address_failures().forget(address);
    SignIn sign_in{{name, role}, secrets::random_token(), secrets::random_token(),
                   now + policy_.lifetime};
    store_.write([&] {
        SQLite::Statement forget(database_of(store_),
                                 "DELETE FROM staff_sign_in_failures WHERE name = ?1");
        forget.bind(1, name);
        forget.exec();
        SQLite::Statement expired(database_of(store_),
                                  "DELETE FROM staff_sign_ins WHERE expires_at <= ?1");
        expired.bind(1, unix_seconds(now));
        expired.exec();
        SQLite::Statement insert(database_of(store_),
                                 "INSERT INTO staff_sign_ins (token_hash, account, csrf_token, "
                                 "created_at, last_seen_at, expires_at) "
                                 "VALUES (?1, ?2, ?3, ?4, ?4, ?5)");
        const auto token_hash = secrets::token_hash(sign_in.token);
        insert.bind(1, token_hash.data(), static_cast<int>(token_hash.size()));
        insert.bind(2, name);
        insert.bind(3, sign_in.csrf);
        insert.bind(4, unix_seconds(now));
        insert.bind(5, unix_seconds(sign_in.expires));
        insert.exec();
    });
    return sign_in;
}

std::optional<SignedIn> StaffSignIns::find(std::string_view token, Instant now)
{
    if (token.empty() || token.size() > 128)
        return std::nullopt;
    const auto token_hash = secrets::token_hash(token);
    return store_.write([&]() -> std::optional<SignedIn> {
        SQLite::Statement select(database_of(store_),
                                 "SELECT a.name, a.role, s.csrf_token, s.last_seen_at, "
                                 "s.expires_at FROM staff_sign_ins s JOIN staff_accounts a "
                                 "ON a.name = s.account WHERE s.token_hash = ?1");
        select.bind(1, token_hash.data(), static_cast<int>(token_hash.size()));
        if (!select.executeStep())
            return std::nullopt;
        SignedIn signed_in{
            {select.getColumn(0).getString(),
             parse_staff_role(select.getColumn(1).getString()).value_or(StaffRole::Staff)},
            select.getColumn(2).getString(),
            from_unix_seconds(select.getColumn(4).getInt64())};
        const Instant last_seen = from_unix_seconds(select.getColumn(3).getInt64());
        select.reset();
        if (now >= signed_in.expires || now >= last_seen + policy_.idle) {
            SQLite::Statement remove(database_of(store_),
                                     "DELETE FROM staff_sign_ins WHERE token_hash = ?1");
            remove.bind(1, token_hash.data(), static_cast<int>(token_hash.size()));
            remove.exec();
            return std::nullopt;
        }
        SQLite::Statement touch(database_of(store_),
                                "UPDATE staff_sign_ins SET last_seen_at = ?2 WHERE token_hash = ?1");
        touch.bind(1, token_hash.data(), static_cast<int>(token_hash.size()));
        touch.bind(2, unix_seconds(now));
        touch.exec();
        return signed_in;
    });
}

void StaffSignIns::sign_out(std::string_view token)
{
    const auto token_hash = secrets::token_hash(token);
    store_.write([&] {
        SQLite::Statement remove(database_of(store_),
                                 "DELETE FROM staff_sign_ins WHERE token_hash = ?1");
        remove.bind(1, token_hash.data(), static_cast<int>(token_hash.size()));
        remove.exec();
    });
}

} // namespace kiosk
