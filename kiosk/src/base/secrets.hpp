#pragma once

// Random secrets and their hashes (libsodium): sign-in tokens, invitation codes, nonces.

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::secrets {

// Throws std::runtime_error when libsodium cannot start.
void ensure_sodium();
// 256 random bits, base64url without padding.
[[nodiscard]] std::string random_token();
// `bytes` random bytes as lower-case hexadecimal.
[[nodiscard]] std::string random_hex(std::size_t bytes);
// What a database keeps of a secret: BLAKE2b-256 of it.
[[nodiscard]] std::vector<unsigned char> token_hash(std::string_view token);
[[nodiscard]] std::vector<unsigned char> hash_bytes(std::span<const std::uint8_t> bytes);

} // namespace kiosk::secrets
