#include "tickets/base45.hpp"

#include <catch2/catch.hpp>
#include <random>

using kiosk::Base45Problem;

namespace {

std::vector<std::uint8_t> bytes_of(std::string_view text)
{
    return {text.begin(), text.end()};
}

} // namespace

TEST_CASE("Base45 encodes the examples of RFC 9285", "[base45]")
{
    CHECK(kiosk::base45_encode(bytes_of("AB")) == "BB8");
    CHECK(kiosk::base45_encode(bytes_of("Hello!!")) == "%69 VD92EX0");
    CHECK(kiosk::base45_encode(bytes_of("base-45")) == "UJCLQE7W581");
    CHECK(kiosk::base45_encode(bytes_of("ietf!")) == "QED8WEX0");
    CHECK(kiosk::base45_encode(bytes_of("")).empty());
}

TEST_CASE("Base45 decodes the examples of RFC 9285", "[base45]")
{
    CHECK(kiosk::base45_decode("QED8WEX0") == bytes_of("ietf!"));
    CHECK(kiosk::base45_decode("BB8") == bytes_of("AB"));
    CHECK(kiosk::base45_decode("%69 VD92EX0") == bytes_of("Hello!!"));
    CHECK(kiosk::base45_decode("UJCLQE7W581") == bytes_of("base-45"));
    CHECK(kiosk::base45_decode("")->empty());
}

TEST_CASE("Base45 refuses what no bytes encode to", "[base45]")
{
    // A lone character, characters outside the alphabet (lower case is not upper case),
    // and groups worth more than two bytes (":::" is 45³ − 1) or one byte ("::" is 2024).
    CHECK(kiosk::base45_decode("BB8B").error() == Base45Problem::BadLength);
    CHECK(kiosk::base45_decode("A").error() == Base45Problem::BadLength);
    CHECK(kiosk::base45_decode("bb8").error() == Base45Problem::BadCharacter);
    CHECK(kiosk::base45_decode("QED8WEX=").error() == Base45Problem::BadCharacter);
    CHECK(kiosk::base45_decode(std::string_view("BB\0", 3)).error() == Base45Problem::BadCharacter);
    CHECK(kiosk::base45_decode(":::").error() == Base45Problem::OutOfRange);
    CHECK(kiosk::base45_decode("GGW").error() == Base45Problem::OutOfRange); // 65536
    CHECK(kiosk::base45_decode("FGW") == std::vector<std::uint8_t>{0xFF, 0xFF});
    CHECK(kiosk::base45_decode("::").error() == Base45Problem::OutOfRange);
    CHECK(kiosk::base45_decode("U5") == std::vector<std::uint8_t>{0xFF});
    CHECK(kiosk::base45_decode("V5").error() == Base45Problem::OutOfRange); // 256
}

TEST_CASE("Base45 round-trips any bytes", "[base45]")
{
    std::mt19937 random(45);
    for (std::size_t size = 0; size < 100; ++size) {
        std::vector<std::uint8_t> bytes(size);
        for (auto& byte : bytes)
            byte = static_cast<std::uint8_t>(random());
        const auto text = kiosk::base45_encode(bytes);
        CHECK(text.size() == size / 2 * 3 + size % 2 * 2);
        CHECK(kiosk::base45_decode(text) == bytes);
    }
}
