#include "kiosk/tickets/ticket.hpp"

#include "kiosk/base/site.hpp"
#include "tickets/base45.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <fmt/format.h>
#include <sodium.h>

namespace kiosk {
namespace {

void put_big_endian(std::vector<std::uint8_t>& out, std::uint64_t value, int bytes)
{
    for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8)
        out.push_back(static_cast<std::uint8_t>(value >> shift));
}

std::uint64_t get_big_endian(std::span<const std::uint8_t> bytes)
{
    std::uint64_t value = 0;
    for (const std::uint8_t byte : bytes)
        value = value << 8 | byte;
    return value;
}

std::uint8_t site_code(const std::optional<std::string>& site)
{
    if (!site)
        return 0;
    if (const auto known = find_site(*site))
        return known->wire_code();
    throw std::invalid_argument(fmt::format("site inconnu « {} »", *site));
}

// The message the signature covers: the prefix, then the unsigned part of the bytes.
std::vector<std::uint8_t> signed_message(std::span<const std::uint8_t> bytes)
{
    std::vector<std::uint8_t> message(ticket_prefix.size() + ticket_signed_size);
    std::copy(ticket_prefix.begin(), ticket_prefix.end(), message.begin());
    std::copy_n(bytes.begin(), ticket_signed_size,
                message.begin() + static_cast<std::ptrdiff_t>(ticket_prefix.size()));
    return message;
}

TicketProblem not_a_ticket(std::string detail)
{
    return {TicketProblem::Reason::NotATicket, std::move(detail)};
}

} // namespace

TicketId TicketId::random()
{
    if (sodium_init() < 0)
        throw std::runtime_error("libsodium ne s'initialise pas");
    std::uint64_t bits = 0;
    while (bits == 0)
        randombytes_buf(&bits, sizeof bits);
    return TicketId{bits};
}

std::optional<TicketId> TicketId::parse(std::string_view hex)
{
    std::uint64_t bits = 0;
    if (hex.empty() || hex.size() > 16)
        return std::nullopt;
    const auto [end, error] = std::from_chars(hex.data(), hex.data() + hex.size(), bits, 16);
    if (error != std::errc{} || end != hex.data() + hex.size() || bits == 0)
        return std::nullopt;
    return TicketId{bits};
}

std::string TicketId::to_string() const
{
    return fmt::format("{:016x}", bits_);
}

std::vector<std::uint8_t> signed_ticket_bytes(const TicketClaims& claims, const SigningKey& key)
{
    std::vector<std::uint8_t> bytes;
    bytes.reserve(ticket_size);
    bytes.push_back(ticket_format_version);
    const KeyId id = key.public_key().id();
    bytes.insert(bytes.end(), id.bytes.begin(), id.bytes.end());
    put_big_endian(bytes, claims.ticket.bits(), 8);
    put_big_endian(bytes, static_cast<std::uint64_t>(claims.session.value()), 8);
    bytes.push_back(site_code(claims.site));
    const auto days = date::sys_days{claims.day}.time_since_epoch().count();
    if (days < 0 || days > 0xFFFF)
        throw std::invalid_argument("jour hors de la plage d'un billet");
    put_big_endian(bytes, static_cast<std::uint64_t>(days), 2);
    const Signature signature = key.sign(signed_message(bytes));
    bytes.insert(bytes.end(), signature.begin(), signature.end());
    return bytes;
}

std::string ticket_text(std::span<const std::uint8_t> bytes)
{
    return std::string(ticket_prefix) + base45_encode(bytes);
}

std::string sign_ticket(const TicketClaims& claims, const SigningKey& key)
{
    return ticket_text(signed_ticket_bytes(claims, key));
}

tl::expected<VerifiedTicket, TicketProblem> verify_ticket(std::string_view payload,
                                                          std::span<const TrustedKey> keys)
{
    // A handheld scanner may end what it reads with Enter; nothing else is forgiven.
    while (!payload.empty() && (payload.back() == '\n' || payload.back() == '\r'))
        payload.remove_suffix(1);
    if (!payload.starts_with(ticket_prefix))
        return tl::unexpected(not_a_ticket("pas le préfixe « AT: » d'un billet"));
    const auto decoded = base45_decode(payload.substr(ticket_prefix.size()));
    if (!decoded)
        return tl::unexpected(not_a_ticket("texte illisible (Base45 invalide)"));
    const std::vector<std::uint8_t>& bytes = *decoded;
    if (bytes.size() != ticket_size)
        return tl::unexpected(not_a_ticket(
            fmt::format("longueur {} octets au lieu de {}", bytes.size(), ticket_size)));
    if (bytes[0] != ticket_format_version)
        return tl::unexpected(not_a_ticket(fmt::format("version de format {} inconnue", bytes[0])));

    KeyId key_id;
    std::copy_n(bytes.begin() + 1, key_id.bytes.size(), key_id.bytes.begin());
    const TrustedKey* key = nullptr;
    for (const auto& candidate : keys)
        if (candidate.id == key_id)
            key = &candidate;
    if (key == nullptr)
        return tl::unexpected(
            TicketProblem{TicketProblem::Reason::UnknownKey,
                          fmt::format("clé {} inconnue ici", key_id.to_string())});
    if (!key->is_active())
        return tl::unexpected(TicketProblem{TicketProblem::Reason::UnknownKey,
                                            fmt::format("clé {} retirée le {}", key_id.to_string(),
                                                        format_local_datetime(*key->retired_at))});

    Signature signature{};
    std::copy(bytes.begin() + static_cast<std::ptrdiff_t>(ticket_signed_size), bytes.end(),
              signature.begin());
    if (!verify_signature(key->public_key, signed_message(bytes), signature))
        return tl::unexpected(TicketProblem{TicketProblem::Reason::BadSignature,
                                            "signature invalide : billet modifié ou contrefait"});

    // From here on the bytes are the office's: decode the claims.
    const std::span<const std::uint8_t> view(bytes);
    TicketClaims claims;
    claims.ticket = TicketId{get_big_endian(view.subspan(5, 8))};
    claims.session = SessionId{static_cast<std::int64_t>(get_big_endian(view.subspan(13, 8)))};
    if (const std::uint8_t code = bytes[21]; code != 0) {
        const auto site = SiteId::from_wire_code(code);
        if (!site)
            return tl::unexpected(not_a_ticket(fmt::format("code de site {} inconnu", code)));
        claims.site = std::string(site->id());
    }
    const auto days = static_cast<int>(get_big_endian(view.subspan(22, 2)));
    claims.day = Day{date::sys_days{date::days{days}}};
    return VerifiedTicket(std::move(claims), key_id);
}

} // namespace kiosk
