// Console accounts and sign-ins in the core: argon2id hashes, the growing delay after failed
// attempts, expiry, and what signs a browser out.

#include "kiosk/staff/staff.hpp"
#include "sql.hpp"
#include "temp_dir.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <latch>
#include <optional>
#include <thread>
#include <vector>

using namespace kiosk;
using std::chrono::seconds;

namespace {

Instant at(const char* local) { return *parse_local_time(local); }

struct Site {
    test::TempDir dir;
    Store store{dir / "site.db", Access::ReadWrite, Creation::CreateIfMissing};
    StaffAccounts accounts{store};
    StaffSignIns sign_ins{store};
    Instant morning = at("2026-11-26 08:30");

    Site() { REQUIRE(accounts.add("accueil", StaffRole::Staff, "bonjour-accueil", morning)); }
};

} // namespace

TEST_CASE("passwords are kept as argon2id hashes only", "[staff]")
{
    Site site;
    const std::string hash = test::Sql(site.store.path())
                                 .text("SELECT password_hash FROM staff_accounts WHERE name = 'accueil'");
    REQUIRE_FALSE(hash.empty());
    CHECK(hash.rfind("$argon2id$", 0) == 0);
    CHECK(hash.find("bonjour-accueil") == std::string::npos);
    CHECK(site.sign_ins.sign_in("accueil", "bonjour-accueil", site.morning));
    CHECK_FALSE(site.sign_ins.sign_in("accueil", "Bonjour-accueil", site.morning));
}

TEST_CASE("names and passwords are checked before anything is written", "[staff]")
{
    Site site;
    CHECK(site.accounts.add("accueil", StaffRole::Manager, "encore-un-essai", site.morning)
              .error() == "le compte « accueil » existe déjà");
    CHECK_FALSE(site.accounts.add("Marie", StaffRole::Staff, "un-mot-de-passe", site.morning));
    CHECK_FALSE(site.accounts.add("marie", StaffRole::Staff, "court", site.morning));
    CHECK(site.accounts.list().size() == 1);
}

TEST_CASE("each failure past the free ones doubles the wait, and a success resets it", "[staff]")
{
    Site site;
    Instant now = site.morning;
    for (int attempt = 0; attempt < 3; ++attempt)
        CHECK(site.sign_ins.sign_in("accueil", "faux", now).error().reason ==
              SignInRefusal::WrongCredentials);
    // Waiting is required even to try the right password.
    const auto held = site.sign_ins.sign_in("accueil", "bonjour-accueil", now);
    REQUIRE_FALSE(held);
    CHECK(held.error().reason == SignInRefusal::Throttled);
    CHECK(held.error().retry_after == seconds{2});
    now += seconds{2};
    CHECK(site.sign_ins.sign_in("accueil", "faux", now).error().reason ==
          SignInRefusal::WrongCredentials);
    CHECK(site.sign_ins.sign_in("accueil", "faux", now).error().retry_after == seconds{4});
    now += seconds{4};
    CHECK_FALSE(site.sign_ins.sign_in("accueil", "faux", now));
    CHECK(site.sign_ins.sign_in("accueil", "faux", now).error().retry_after == seconds{8});
    now += seconds{8};
    REQUIRE(site.sign_ins.sign_in("accueil", "bonjour-accueil", now));
    // After a success, typos are free again.
    CHECK(site.sign_ins.sign_in("accueil", "faux", now).error().reason ==
          SignInRefusal::WrongCredentials);
    CHECK(site.sign_ins.sign_in("accueil", "faux", now).error().reason ==
          SignInRefusal::WrongCredentials);
}

TEST_CASE("the wait stops growing at fifteen minutes", "[staff]")
{
    Site site;
    Instant now = site.morning;
    std::chrono::seconds longest{0};
    for (int attempt = 0; attempt < 40; ++attempt) {
        const auto refused = site.sign_ins.sign_in("personne", "faux", now);
        REQUIRE_FALSE(refused);
        longest = std::max(longest, refused.error().retry_after);
        // Half the time try again at once (and be told to wait), half the time wait it out.
        if (refused.error().reason == SignInRefusal::Throttled)
            now += refused.error().retry_after;
    }
    CHECK(longest == std::chrono::minutes{15});
}

TEST_CASE("a sign-in lasts a working day, and two idle hours end it", "[staff]")
{
    Site site;
    const auto signed_in = site.sign_ins.sign_in("accueil", "bonjour-accueil", site.morning);
    REQUIRE(signed_in);
    CHECK(signed_in->token.size() == 43);
    CHECK(signed_in->csrf.size() == 43);
    CHECK(signed_in->token != signed_in->csrf);
    Instant now = site.morning;
    for (int hour = 0; hour < 11; ++hour) {
        now += std::chrono::minutes{60};
        const auto found = site.sign_ins.find(signed_in->token, now);
        REQUIRE(found);
        CHECK(found->account.name == "accueil");
        CHECK(found->csrf == signed_in->csrf);
    }
    CHECK_FALSE(site.sign_ins.find(signed_in->token, site.morning + std::chrono::hours{12}));

    const auto other = site.sign_ins.sign_in("accueil", "bonjour-accueil", site.morning);
    REQUIRE(other);
    CHECK(site.sign_ins.find(other->token, site.morning + std::chrono::minutes{119}));
    CHECK_FALSE(site.sign_ins.find(other->token, site.morning + std::chrono::minutes{240}));
}

TEST_CASE("signing out, a new password or removing the account end sign-ins", "[staff]")
{
    Site site;
    const auto first = site.sign_ins.sign_in("accueil", "bonjour-accueil", site.morning);
    const auto second = site.sign_ins.sign_in("accueil", "bonjour-accueil", site.morning);
    REQUIRE((first && second));
    site.sign_ins.sign_out(first->token);
    CHECK_FALSE(site.sign_ins.find(first->token, site.morning));
    CHECK(site.sign_ins.find(second->token, site.morning));
    REQUIRE(site.accounts.set_password("accueil", "un-nouveau-secret", site.morning));
    CHECK_FALSE(site.sign_ins.find(second->token, site.morning));
    const auto third = site.sign_ins.sign_in("accueil", "un-nouveau-secret", site.morning);
    REQUIRE(third);
    REQUIRE(site.accounts.remove("accueil"));
    CHECK_FALSE(site.sign_ins.find(third->token, site.morning));
    CHECK_FALSE(site.sign_ins.find("", site.morning));
}

TEST_CASE("simultaneous attempts after a wait cannot all slip in: one is checked, the rest wait",
          "[staff]")
{
    Site site;
    for (int attempt = 0; attempt < 3; ++attempt)
        REQUIRE_FALSE(site.sign_ins.sign_in("accueil", "faux", site.morning));
    const Instant after_wait = site.morning + seconds{2};
    constexpr int attempts = 10;
    std::vector<std::optional<SignInRefusal>> outcomes(attempts);
    std::latch start(attempts);
    std::vector<std::thread> threads;
    for (int i = 0; i < attempts; ++i)
        threads.emplace_back([&, i] {
            Store store(site.dir / "site.db", Access::ReadWrite);
            start.arrive_and_wait();
            // One of them has the right password.
            const auto result = StaffSignIns(store).sign_in(
                "accueil", i == attempts / 2 ? "bonjour-accueil" : "faux", after_wait);
            if (!result)
                outcomes[static_cast<std::size_t>(i)] = result.error().reason;
        });
    for (auto& thread : threads)
        thread.join();
    const auto throttled = std::count(outcomes.begin(), outcomes.end(),
                                      std::optional(SignInRefusal::Throttled));
    CHECK(throttled == attempts - 1);
}

TEST_CASE("many names tried from one address slow that address down, not the others", "[staff]")
{
    Site site;
    const Instant now = site.morning;
    SignInPolicy policy;
    for (int i = 0; i < policy.free_attempts_per_address; ++i)
        CHECK(site.sign_ins.sign_in(fmt::format("inconnu{}", i), "faux", now, "192.0.2.7")
                  .error()
                  .reason == SignInRefusal::WrongCredentials);
    const auto held = site.sign_ins.sign_in("accueil", "bonjour-accueil", now, "192.0.2.7");
    REQUIRE_FALSE(held);
    CHECK(held.error().reason == SignInRefusal::Throttled);
    CHECK(held.error().retry_after == seconds{2});
    // Another address is not held up, and the right password still works there.
    CHECK(site.sign_ins.sign_in("accueil", "bonjour-accueil", now, "192.0.2.8"));
    // After the wait, the address may try again.
    CHECK(site.sign_ins.sign_in("accueil", "bonjour-accueil", now + seconds{2}, "192.0.2.7"));
}

TEST_CASE("failures of names tried once are forgotten after a day", "[staff]")
{
    Site site;
    for (int i = 0; i < 5; ++i)
        REQUIRE_FALSE(site.sign_ins.sign_in(fmt::format("passant{}", i), "faux", site.morning));
    const auto rows = [&] {
        return test::Sql(site.store.path()).integer("SELECT count(*) FROM staff_sign_in_failures");
    };
    CHECK(rows() == 5);
    REQUIRE_FALSE(site.sign_ins.sign_in("passant-du-lendemain", "faux",
                                        site.morning + std::chrono::hours{25}));
    CHECK(rows() == 1);
}
