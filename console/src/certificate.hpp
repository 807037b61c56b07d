#pragma once

#include <chrono>
#include <ctime>
#include <filesystem>
#include <optional>
#include <string>

namespace kiosk_console {

// A certificate the console makes lasts 397 days (what browsers accept of a server
// certificate) and is renewed, with the same key, once fewer than 30 days remain.
inline constexpr std::chrono::days certificate_lifetime{397};
inline constexpr std::chrono::days renewal_margin{30};

// Creates a self-signed certificate (ECDSA P-256, for `host_name`, localhost and the loopback
// addresses, valid from `now`) and its key (mode 0600) unless both files exist. One existing
// without the other is an error: overwriting either could break a certificate staff trusted.
void ensure_certificate(const std::filesystem::path& certificate,
                        const std::filesystem::path& private_key, const std::string& host_name,
                        std::time_t now);

// Replaces a self-signed certificate (the console's own) by a new one for the same key when it ends
// within `renewal_margin` of `now` (written beside it, then renamed over it); returns the new
// end, or nothing when no renewal was due. A certificate an authority signed is left alone.
std::optional<std::time_t> renew_certificate_if_due(const std::filesystem::path& certificate,
                                                    const std::filesystem::path& private_key,
                                                    const std::string& host_name,
                                                    std::time_t now);

} // namespace kiosk_console
