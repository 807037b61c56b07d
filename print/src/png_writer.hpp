#pragma once

#include <cstdint>
#include <string>

namespace kiosk_print {

// Encodes a cairo RGB24 image (native-endian 0x00RRGGBB words) as PNG, grey when every pixel
// is grey. Fast deflate (level 1, no filter): cairo's own writer compresses hard, and took most
// of a ticket batch's time for files barely smaller. Returns false when libpng fails.
[[nodiscard]] bool encode_png(const unsigned char* data, int width, int height, int stride,
                              std::string& out);

} // namespace kiosk_print
