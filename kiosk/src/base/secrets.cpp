#include "secrets.hpp"

#include <array>
#include <sodium.h>
#include <stdexcept>

namespace kiosk::secrets {

void ensure_sodium()
{
    static const bool ready = sodium_init() >= 0;
    if (!ready)
        throw std::runtime_error("libsodium ne s'initialise pas");
}

std::string random_token()
{
    ensure_sodium();
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::array<char, sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)>
        text{};
    sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return text.data();
}

std::string random_hex(std::size_t bytes)
{
    ensure_sodium();
    std::vector<unsigned char> random(bytes);
    randombytes_buf(random.data(), random.size());
    std::string text(bytes * 2 + 1, '\0');
    sodium_bin2hex(text.data(), text.size(), random.data(), random.size());
    text.pop_back();
    return text;
}

std::vector<unsigned char> token_hash(std::string_view token)
{
    return hash_bytes({reinterpret_cast<const std::uint8_t*>(token.data()), token.size()});
}

std::vector<unsigned char> hash_bytes(std::span<const std::uint8_t> bytes)
{
    ensure_sodium();
    std::vector<unsigned char> hash(crypto_generichash_BYTES);
    crypto_generichash(hash.data(), hash.size(), bytes.data(), bytes.size(), nullptr, 0);
    return hash;
}

} // namespace kiosk::secrets
