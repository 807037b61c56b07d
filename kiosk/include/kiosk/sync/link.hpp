#pragma once

// The live link between the office and a site, as far as the core knows it: how a site joins
// (a one-time invitation), how each of its requests is signed with its device key and checked at
// the office (the time, a nonce never seen before, a device not retired), and what the site keeps
// of the office (its address and the certificate it pinned). The bundles themselves are sync.hpp's;
// HTTPS is link/ (the site's agent) and console/ (the office's endpoint).

#include "kiosk/base/time.hpp"
#include "kiosk/store/store.hpp"
#include "kiosk/tickets/keys.hpp"

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tl/expected.hpp>
#include <vector>

namespace kiosk {

// What the office prints for a site to join with, in one line:
//   https://bureau.example.fr:8443/sync?empreinte=<SHA-256 of the certificate>&code=<code>
struct Invitation {
    std::string url;         // the office's address: https://host:port
    std::string fingerprint; // SHA-256 of the office certificate (DER), 64 hexadecimal digits
    std::string code;        // single use, valid 24 hours
};

inline constexpr std::chrono::hours invitation_lifetime{24};

[[nodiscard]] std::string format_invitation(const Invitation& invitation);
[[nodiscard]] tl::expected<Invitation, std::string> parse_invitation(std::string_view line);

// The headers a site adds to each request, signed by its device key over the request's
// method, path, body and these fields: a replay (same nonce) or a stale time is refused.
struct LinkSignature {
    std::string site;
    std::string key;       // the device's key id, 8 hexadecimal digits
    std::int64_t at = 0;   // Unix seconds
    std::string nonce;     // 128 random bits, hexadecimal
    std::string signature; // Ed25519, 128 hexadecimal digits
};

inline constexpr std::chrono::seconds link_clock_skew{300}; // accepted either way

[[nodiscard]] LinkSignature sign_link_request(const SigningKey& device, std::string_view site,
                                              std::string_view method, std::string_view path,
                                              std::span<const std::uint8_t> body, Instant now);

// What the site keeps of the office since it joined.
struct OfficeAddress {
    std::string url;
    std::string certificate; // PEM, pinned: another certificate is refused
    std::string fingerprint;
    Instant joined_at;
};

// A certificate the office announced to the sites before it changes its own (see Link).
struct OfficeCertificate {
    std::string fingerprint; // SHA-256 of the DER, 64 hexadecimal digits
    std::string certificate; // PEM
    Instant announced_at;
    std::optional<Instant> retired_at;
};

// The office's answer to a site joining: the keys the site must trust (the office signs tickets
// and bundles with them).
struct JoinAnswer {
    std::vector<PublicKey> office_keys;
};

class Link {
public:
    explicit Link(Store& store)
        : store_(store)
    {}

    // At the office: a new single-use code for `site`, valid invitation_lifetime.
    [[nodiscard]] tl::expected<std::string, std::string> invite(std::string_view site, Instant now);
    // At the office: a site joins with an invitation's code and its device key. Refused, with
    // the reason in French, when the code is unknown, used, expired or for another site.
    [[nodiscard]] tl::expected<JoinAnswer, std::string>
    join(std::string_view code, std::string_view site, const PublicKey& device, Instant now);

    // At the office: checks a request's signature; the site it comes from, else why not (for
    // the office's log only: the site is told nothing but 401).
    [[nodiscard]] tl::expected<std::string, std::string>
    authenticate(const LinkSignature& signature, std::string_view method, std::string_view path,
                 std::span<const std::uint8_t> body, Instant now);

    // At the office: a lost or stolen box. Its requests are refused and nothing more is sent
    // to it; joining again with a new invitation registers a new device.
    [[nodiscard]] tl::expected<void, std::string> retire_device(std::string_view site,
                                                                const KeyId& device, Instant now);

    // At a site: the office it joined.
    void set_office(const OfficeAddress& office);
    [[nodiscard]] std::optional<OfficeAddress> office();

    // Rolling the office's certificate without a new invitation at every site: the office
    // announces the next certificate (it reaches the sites in their next exchange), then starts
    // its console with it, then retires the old one. `by` names who did it, for the audit log.
    // Announcing again a retired certificate brings it back.
    [[nodiscard]] tl::expected<void, std::string>
    announce_certificate(std::string_view fingerprint, std::string_view certificate,
                         std::string_view by, Instant now);
    [[nodiscard]] tl::expected<void, std::string>
    retire_certificate(std::string_view fingerprint, std::string_view by, Instant now);
    [[nodiscard]] std::vector<OfficeCertificate> certificates();
    // At a site: the certificates the office may present, PEM: the one pinned at joining and
    // those announced since, less the retired ones.
    [[nodiscard]] std::vector<std::string> pinned_certificates();

private:
    Store& store_;
};

} // namespace kiosk
