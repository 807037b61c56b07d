#pragma once

// A QR code as a square of modules (libqrencode, error correction M), without its quiet zone.

#include <string_view>
#include <vector>

namespace kiosk_qr {

struct QrCode {
    int modules = 0;        // modules per side
    std::vector<bool> dark; // row by row, modules × modules

    [[nodiscard]] bool is_dark(int x, int y) const
    {
        return dark[static_cast<std::size_t>(y * modules + x)];
    }
};

inline constexpr int qr_quiet_zone = 4; // modules of white around the code, as the standard asks

// Throws std::runtime_error when the text does not fit in a QR code.
[[nodiscard]] QrCode encode_qr(std::string_view text);

} // namespace kiosk_qr
