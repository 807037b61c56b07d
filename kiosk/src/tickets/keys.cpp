#include "kiosk/tickets/keys.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <sodium.h>
#include <stdexcept>
#include <unistd.h>

namespace kiosk {
namespace {

constexpr std::string_view file_header = "atelier-kiosk ed25519 secret key v1";

void ensure_sodium()
{
    static const bool ready = sodium_init() >= 0;
    if (!ready)
        throw std::runtime_error("libsodium ne s'initialise pas");
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && (text.back() == '\r' || text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    return text;
}

} // namespace

std::string to_hex(std::span<const std::uint8_t> bytes)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(bytes.size() * 2);
    for (const std::uint8_t byte : bytes) {
        hex += digits[byte >> 4];
        hex += digits[byte & 0x0F];
    }
    return hex;
}

bool from_hex(std::string_view hex, std::span<std::uint8_t> out)
{
    if (hex.size() != out.size() * 2)
        return false;
    auto nibble = [](char c) -> int {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int high = nibble(hex[2 * i]);
        const int low = nibble(hex[2 * i + 1]);
        if (high < 0 || low < 0)
            return false;
        out[i] = static_cast<std::uint8_t>(high * 16 + low);
    }
    return true;
}

std::string KeyId::to_string() const
{
    return to_hex(bytes);
}

std::optional<KeyId> KeyId::parse(std::string_view hex)
{
    KeyId id;
    if (!from_hex(trim(hex), id.bytes))
        return std::nullopt;
    return id;
}

KeyId PublicKey::id() const
{
    ensure_sodium();
    std::array<std::uint8_t, 32> digest{};
    crypto_generichash(digest.data(), digest.size(), bytes.data(), bytes.size(), nullptr, 0);
    KeyId id;
    std::copy_n(digest.begin(), id.bytes.size(), id.bytes.begin());
    return id;
}

std::string PublicKey::to_string() const
{
    return to_hex(bytes);
}

std::optional<PublicKey> PublicKey::parse(std::string_view hex)
{
    PublicKey key;
    if (!from_hex(trim(hex), key.bytes))
        return std::nullopt;
    return key;
}

bool verify_signature(const PublicKey& key, std::span<const std::uint8_t> message,
                      const Signature& signature)
{
    ensure_sodium();
    return crypto_sign_verify_detached(signature.data(), message.data(), message.size(),
                                       key.bytes.data()) == 0;
}

SigningKey::SigningKey(const std::array<std::uint8_t, 32>& seed)
    : seed_(seed)
{
    ensure_sodium();
    crypto_sign_seed_keypair(public_key_.bytes.data(), secret_.data(), seed_.data());
}

SigningKey::SigningKey(SigningKey&& other) noexcept
    : seed_(other.seed_)
    , secret_(other.secret_)
    , public_key_(other.public_key_)
{
    sodium_memzero(other.seed_.data(), other.seed_.size());
    sodium_memzero(other.secret_.data(), other.secret_.size());
}

SigningKey::~SigningKey()
{
    sodium_memzero(seed_.data(), seed_.size());
    sodium_memzero(secret_.data(), secret_.size());
}

SigningKey SigningKey::generate()
{
    ensure_sodium();
    std::array<std::uint8_t, 32> seed{};
    randombytes_buf(seed.data(), seed.size());
    SigningKey key(seed);
    sodium_memzero(seed.data(), seed.size());
    return key;
}

Signature SigningKey::sign(std::span<const std::uint8_t> message) const
{
    Signature signature{};
    crypto_sign_detached(signature.data(), nullptr, message.data(), message.size(), secret_.data());
    return signature;
}

// The file: a header line, then "public-key HEX" and "secret-seed HEX" lines. The public key
// is there for people (and is checked against the seed on loading).
tl::expected<void, std::string> SigningKey::save_new(const std::filesystem::path& path) const
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return tl::unexpected(
                fmt::format("{} existe déjà : une clé n'est jamais écrasée", path.string()));
        return tl::unexpected(
            fmt::format("impossible de créer {} : {}", path.string(), std::strerror(errno)));
    }
    std::string text = fmt::format("{}\npublic-key {}\nsecret-seed {}\n", file_header,
                                   public_key_.to_string(), to_hex(seed_));
    std::size_t written = 0;
    while (written < text.size()) {
        const ssize_t count = ::write(fd, text.data() + written, text.size() - written);
        if (count <= 0)
            break;
        written += static_cast<std::size_t>(count);
    }
    const bool complete = written == text.size() && ::fsync(fd) == 0;
    ::close(fd);
    sodium_memzero(text.data(), text.size());
    if (!complete) {
        std::filesystem::remove(path);
        return tl::unexpected(fmt::format("écriture de {} impossible", path.string()));
    }
    return {};
}

tl::expected<SigningKey, std::string> SigningKey::load(const std::filesystem::path& path)
{
    std::ifstream file(path);
    if (!file)
        return tl::unexpected(
            fmt::format("fichier de clé {} introuvable ou illisible", path.string()));
    auto malformed = [&](std::string_view what) {
        return tl::unexpected(
            fmt::format("{} n'est pas un fichier de clé du kiosque : {}", path.string(), what));
    };
    std::string line;
    if (!std::getline(file, line) || trim(line) != file_header)
        return malformed(fmt::format("la première ligne doit être « {} »", file_header));
    std::optional<PublicKey> public_key;
    std::array<std::uint8_t, 32> seed{};
    bool has_seed = false;
    while (std::getline(file, line)) {
        const std::string_view text = trim(line);
        if (text.empty() || text.front() == '#')
            continue;
        if (text.starts_with("public-key ")) {
            public_key = PublicKey::parse(text.substr(11));
            if (!public_key)
                return malformed("clé publique illisible");
        } else if (text.starts_with("secret-seed ")) {
            has_seed = from_hex(trim(text.substr(12)), seed);
            if (!has_seed)
                return malformed("secret illisible (64 chiffres hexadécimaux attendus)");
        } else {
            return malformed("ligne inattendue");
        }
    }
    sodium_memzero(line.data(), line.size());
    if (!has_seed)
        return malformed("pas de ligne secret-seed");
    SigningKey key(seed);
    sodium_memzero(seed.data(), seed.size());
    if (public_key && *public_key != key.public_key())
        return malformed("la clé publique ne correspond pas au secret");
    return key;
}

} // namespace kiosk
