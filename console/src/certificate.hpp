#pragma once

#include <filesystem>
#include <string>

namespace kiosk_console {

// Creates a self-signed certificate (ECDSA P-256, ten years, for `host_name`, localhost and
// the loopback addresses) and its key (mode 0600) unless both files exist. One existing
// without the other is an error: overwriting either could break a certificate staff trusted.
void ensure_certificate(const std::filesystem::path& certificate,
                        const std::filesystem::path& private_key, const std::string& host_name);

} // namespace kiosk_console
