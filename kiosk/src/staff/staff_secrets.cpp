#include "staff_secrets.hpp"

#include "base/secrets.hpp"

#include "kiosk/staff/staff.hpp"

#include <array>
#include <sodium.h>
#include <stdexcept>

namespace kiosk {
namespace secrets {

std::string hash_password(std::string_view password)
{
    ensure_sodium();
    std::array<char, crypto_pwhash_STRBYTES> hash{};
    // The interactive limits (64 MiB, 2 passes): a sign-in stays well under a second on a
    // small board while a stolen database costs an attacker that much per guess.
    if (crypto_pwhash_str_alg(hash.data(), password.data(), password.size(),
                              crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw std::runtime_error("argon2id : mémoire insuffisante pour calculer l'empreinte");
    return hash.data();
}

bool password_matches(const std::string& hash, std::string_view password)
{
    ensure_sodium();
    return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

} // namespace secrets

bool same_secret(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

} // namespace kiosk
