#include "kiosk_qr/qr_code.hpp"

#include <memory>
#include <qrencode.h>
#include <stdexcept>
#include <string>

namespace kiosk_qr {

QrCode encode_qr(std::string_view text)
{
    const std::string data(text);
    // Version 0: the smallest that holds the data. Ticket payloads use the alphanumeric set,
    // which QRencode_encodeString picks by itself (QR_MODE_8 is only the fallback).
    std::unique_ptr<QRcode, decltype(&QRcode_free)> encoded(
        QRcode_encodeString(data.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1), &QRcode_free);
    if (!encoded)
        throw std::runtime_error("impossible de créer le code QR pour « " + data + " »");
    QrCode code;
    code.modules = encoded->width;
    const auto count =
        static_cast<std::size_t>(code.modules) * static_cast<std::size_t>(code.modules);
    code.dark.reserve(count);
    for (std::size_t i = 0; i < count; ++i)
        code.dark.push_back((encoded->data[i] & 1) != 0); // bit 0: dark module
    return code;
}

} // namespace kiosk_qr
