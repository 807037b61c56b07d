#pragma once

// Ed25519 keys of the ticket issuer. The secret key lives in one file at the office; kiosks
// hold only public keys, in their database (see TrustedKeys). A key is named by a short key id
// derived from its public key, which every ticket carries.

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace kiosk {

// The first 4 bytes of BLAKE2b-256 of the public key, shown as 8 hexadecimal digits.
struct KeyId {
    std::array<std::uint8_t, 4> bytes{};

    [[nodiscard]] std::string to_string() const;
    [[nodiscard]] static std::optional<KeyId> parse(std::string_view hex);
    friend bool operator==(const KeyId&, const KeyId&) = default;
};

struct PublicKey {
    std::array<std::uint8_t, 32> bytes{};

    [[nodiscard]] KeyId id() const;
    [[nodiscard]] std::string to_string() const; // 64 hexadecimal digits
    [[nodiscard]] static std::optional<PublicKey> parse(std::string_view hex);
    friend bool operator==(const PublicKey&, const PublicKey&) = default;
};

using Signature = std::array<std::uint8_t, 64>;

[[nodiscard]] bool verify_signature(const PublicKey& key, std::span<const std::uint8_t> message,
                                    const Signature& signature);

// The issuer's secret key. Not copyable, wiped from memory when destroyed.
class SigningKey {
public:
    [[nodiscard]] static SigningKey generate();
    // Reads a key file written by save_new(); the message says what is wrong with it.
    [[nodiscard]] static tl::expected<SigningKey, std::string>
    load(const std::filesystem::path& path);

    SigningKey(SigningKey&& other) noexcept;
    SigningKey& operator=(SigningKey&&) = delete;
    SigningKey(const SigningKey&) = delete;
    SigningKey& operator=(const SigningKey&) = delete;
    ~SigningKey();

    // Writes the key to a new file, readable by its owner only; never replaces an existing file.
    [[nodiscard]] tl::expected<void, std::string> save_new(const std::filesystem::path& path) const;

    [[nodiscard]] const PublicKey& public_key() const { return public_key_; }
    [[nodiscard]] Signature sign(std::span<const std::uint8_t> message) const;

private:
    explicit SigningKey(const std::array<std::uint8_t, 32>& seed);

    std::array<std::uint8_t, 32> seed_{};
    std::array<std::uint8_t, 64> secret_{};
    PublicKey public_key_;
};

// Hexadecimal helpers shared by the key and ticket formats.
[[nodiscard]] std::string to_hex(std::span<const std::uint8_t> bytes);
[[nodiscard]] bool from_hex(std::string_view hex, std::span<std::uint8_t> out);

} // namespace kiosk
