#pragma once

// A real PNG written byte by byte (stored deflate blocks, CRC and Adler checksums computed), so
// core and console tests hold a picture any decoder reads without linking an image library.

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

namespace test {

inline std::uint32_t png_crc(const std::string& bytes)
{
    static const auto table = [] {
        std::array<std::uint32_t, 256> entries{};
        for (std::uint32_t n = 0; n < 256; ++n) {
            std::uint32_t c = n;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) != 0 ? 0xedb88320U ^ (c >> 1) : c >> 1;
            entries[n] = c;
        }
        return entries;
    }();
    std::uint32_t crc = 0xffffffffU;
    for (const char byte : bytes)
        crc = table[(crc ^ static_cast<unsigned char>(byte)) & 0xff] ^ (crc >> 8);
    return crc ^ 0xffffffffU;
}

inline void put_big_endian(std::string& out, std::uint32_t value)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(static_cast<char>((value >> shift) & 0xff));
}

inline void put_chunk(std::string& out, const std::string& type, const std::string& data)
{
    put_big_endian(out, static_cast<std::uint32_t>(data.size()));
    const std::string typed = type + data;
    out += typed;
    put_big_endian(out, png_crc(typed));
}

// A grey picture of `width` × `height` (uncompressed: 480 × 270 is some 130 kB), a gradient
// across and down shifted by `shade`, never uniform.
inline std::string png_bytes(unsigned width, unsigned height, std::uint8_t shade = 0)
{
    std::string pixels;
    for (unsigned y = 0; y < height; ++y) {
        pixels.push_back(0); // no filter
        for (unsigned x = 0; x < width; ++x)
            pixels.push_back(static_cast<char>((shade + (x * 127 / (width > 1 ? width - 1 : 1)) +
                                                (y * 127 / (height > 1 ? height - 1 : 1))) &
                                               0xff));
    }
    std::string deflated{"\x78\x01", 2};
    for (std::size_t at = 0; at == 0 || at < pixels.size(); at += 65535) {
        const std::size_t length = std::min<std::size_t>(65535, pixels.size() - at);
        deflated.push_back(at + length >= pixels.size() ? 1 : 0);
        deflated.push_back(static_cast<char>(length & 0xff));
        deflated.push_back(static_cast<char>(length >> 8));
        deflated.push_back(static_cast<char>(~length & 0xff));
        deflated.push_back(static_cast<char>((~length >> 8) & 0xff));
        deflated += pixels.substr(at, length);
    }
    std::uint32_t a = 1;
    std::uint32_t b = 0;
    for (const char byte : pixels) {
        a = (a + static_cast<unsigned char>(byte)) % 65521;
        b = (b + a) % 65521;
    }
    put_big_endian(deflated, (b << 16) | a);

    std::string png{"\x89PNG\r\n\x1a\n", 8};
    std::string header;
    put_big_endian(header, width);
    put_big_endian(header, height);
    header += std::string{"\x08\x00\x00\x00\x00", 5}; // 8 bits, grey
    put_chunk(png, "IHDR", header);
    put_chunk(png, "IDAT", deflated);
    put_chunk(png, "IEND", "");
    return png;
}

} // namespace test
