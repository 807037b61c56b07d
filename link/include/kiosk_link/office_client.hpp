#pragma once

// The site's side of an HTTPS conversation with the office, the office's certificate pinned:
// only the certificate the site took when it joined (checked against the invitation's
// fingerprint) is accepted, whatever a public authority would say.

#include "kiosk/base/time.hpp"
#include "kiosk/sync/link.hpp"
#include "kiosk/tickets/keys.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <tl/expected.hpp>
#include <vector>

namespace kiosk_link {

// SHA-256 of a PEM certificate's DER, 64 lower-case hexadecimal digits; none when it is not a
// certificate.
[[nodiscard]] std::optional<std::string> certificate_fingerprint(const std::string& pem);

enum class Failure {
    Unreachable,  // no answer: network down, office stopped, connection cut
    Certificate,  // the office presented another certificate than the one pinned
    Unauthorised, // the office did not recognise this device (retired, or never joined)
    Refused,      // the office answered but refused what was sent (message says why)
};

struct LinkError {
    Failure failure = Failure::Unreachable;
    std::string message; // in French
};

class OfficeClient {
public:
    // `url`: https://host:port. `certificate`: the office's PEM, pinned (one or more
    // certificates: the office may present any of them, nothing else).
    OfficeClient(const std::string& url, const std::string& certificate);
    ~OfficeClient();
    OfficeClient(const OfficeClient&) = delete;
    OfficeClient& operator=(const OfficeClient&) = delete;

    // The certificate the office presents, before anything is trusted: the caller compares
    // its fingerprint with the invitation's.
    [[nodiscard]] static tl::expected<std::string, LinkError>
    fetch_certificate(const std::string& url);

    [[nodiscard]] tl::expected<kiosk::JoinAnswer, LinkError>
    join(std::string_view site, std::string_view code, const kiosk::PublicKey& device);

    // Sends this site's bundle, signed by its device key; the office's bundle comes back, after
    // up to `wait` if the office has nothing yet.
    [[nodiscard]] tl::expected<std::vector<std::uint8_t>, LinkError>
    exchange(const kiosk::SigningKey& device, std::string_view site,
             std::span<const std::uint8_t> bundle, std::chrono::seconds wait, kiosk::Instant now);

    // Cuts the request under way, if there is one, from another thread: it fails as
    // Unreachable.
    void stop();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

} // namespace kiosk_link
