#pragma once

// A QR code as a square of modules (libqrencode), without its quiet zone: the renderer turns
// it into a texture with whole-pixel modules so phones read it crisply.

#include <string_view>
#include <vector>

namespace kiosk_display {

struct QrCode {
    int modules = 0;         // modules per side
    std::vector<bool> dark;  // row by row, modules × modules

    [[nodiscard]] bool is_dark(int x, int y) const
    {
        return dark[static_cast<std::size_t>(y * modules + x)];
    }
};

inline constexpr int qr_quiet_zone = 4; // modules of white around the code, as the standard asks

// Encodes `text` at error-correction level M; throws std::runtime_error when it cannot.
[[nodiscard]] QrCode encode_qr(std::string_view text);

} // namespace kiosk_display
