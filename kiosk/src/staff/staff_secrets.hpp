#pragma once

// The libsodium primitives behind staff accounts: argon2id password hashes and random tokens.

#include <string>
#include <string_view>
#include <vector>

namespace kiosk::secrets {

[[nodiscard]] std::string hash_password(std::string_view password);
[[nodiscard]] bool password_matches(const std::string& hash, std::string_view password);
// 256 random bits, base64url without padding.
[[nodiscard]] std::string random_token();
// What the database keeps of a cookie token: BLAKE2b-256 of it.
[[nodiscard]] std::vector<unsigned char> token_hash(std::string_view token);

} // namespace kiosk::secrets
