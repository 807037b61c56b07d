#pragma once

// The signed ticket carried by a QR code. Text form: "AT:" followed by the Base45 form of
//
//   byte  0      format version (1)
//   bytes 1–4    key id of the signing key
//   bytes 5–12   ticket id, 64 random bits, big-endian
//   bytes 13–20  session id, big-endian
//   byte  21     the session's site when issued: 0 national, 1 Rennes, 2 Nancy,
//                3 Montpellier, 4 Saint-Étienne
//   bytes 22–23  the session's day (Paris) when issued, days since 1970-01-01, big-endian
//   bytes 24–87  Ed25519 signature of "AT:" followed by bytes 0–23
//
// 88 bytes, 135 characters of the QR alphanumeric set: QR version 6 at error correction M
// (which holds up to 154).
// No personal data: names stay in the databases.

#include "kiosk/base/ids.hpp"
#include "kiosk/base/time.hpp"
#include "kiosk/tickets/keys.hpp"
#include "kiosk/tickets/trusted_keys.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace kiosk {

// 64 random bits; stored in SQLite as the same bits read as a signed integer.
class TicketId {
public:
    constexpr TicketId() = default;
    constexpr explicit TicketId(std::uint64_t bits)
        : bits_(bits)
    {
    }

    [[nodiscard]] static TicketId random();
    [[nodiscard]] static std::optional<TicketId> parse(std::string_view hex);
    [[nodiscard]] static TicketId from_database(std::int64_t value)
    {
        return TicketId{static_cast<std::uint64_t>(value)};
    }

    [[nodiscard]] constexpr std::uint64_t bits() const { return bits_; }
    [[nodiscard]] std::int64_t database_value() const { return static_cast<std::int64_t>(bits_); }
    [[nodiscard]] std::string to_string() const; // 16 hexadecimal digits
    [[nodiscard]] constexpr bool is_valid() const { return bits_ != 0; }
    friend constexpr auto operator<=>(TicketId, TicketId) = default;

private:
    std::uint64_t bits_ = 0;
};

inline constexpr std::string_view ticket_prefix = "AT:";
inline constexpr std::uint8_t ticket_format_version = 1;
inline constexpr std::size_t ticket_signed_size = 24;
inline constexpr std::size_t ticket_size = ticket_signed_size + 64;

// What the office signs. `site` is none for a national online session.
struct TicketClaims {
    TicketId ticket;
    SessionId session;
    std::optional<std::string> site;
    Day day;
};

// The ticket's bytes before Base45 (signature included), and its text form.
[[nodiscard]] std::vector<std::uint8_t> signed_ticket_bytes(const TicketClaims& claims,
                                                            const SigningKey& key);
[[nodiscard]] std::string ticket_text(std::span<const std::uint8_t> bytes);
[[nodiscard]] std::string sign_ticket(const TicketClaims& claims, const SigningKey& key);

// A ticket whose signature was checked against a trusted, active key. Only verify_ticket()
// makes one, so code holding a VerifiedTicket never reads unchecked bytes.
class VerifiedTicket;

struct TicketProblem {
    enum class Reason { NotATicket, UnknownKey, BadSignature };
    Reason reason;
    std::string detail; // for staff, in French
};

[[nodiscard]] tl::expected<VerifiedTicket, TicketProblem>
verify_ticket(std::string_view payload, std::span<const TrustedKey> keys);

class VerifiedTicket {
public:
    [[nodiscard]] TicketId ticket() const { return claims_.ticket; }
    [[nodiscard]] SessionId session() const { return claims_.session; }
    [[nodiscard]] const std::optional<std::string>& signed_site() const { return claims_.site; }
    [[nodiscard]] Day signed_day() const { return claims_.day; }
    [[nodiscard]] const KeyId& key() const { return key_; }

private:
    VerifiedTicket(TicketClaims claims, KeyId key)
        : claims_(std::move(claims))
        , key_(key)
    {
    }
    friend tl::expected<VerifiedTicket, TicketProblem> verify_ticket(std::string_view,
                                                                     std::span<const TrustedKey>);
    TicketClaims claims_;
    KeyId key_;
};

} // namespace kiosk
