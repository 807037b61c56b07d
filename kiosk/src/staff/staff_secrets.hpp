#pragma once

// The libsodium primitives behind staff accounts: argon2id password hashes (random tokens and
// their hashes are base/secrets.hpp).

#include "base/secrets.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::secrets {

[[nodiscard]] std::string hash_password(std::string_view password);
[[nodiscard]] bool password_matches(const std::string& hash, std::string_view password);

} // namespace kiosk::secrets
