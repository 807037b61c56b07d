#include "kiosk/tickets/ticket.hpp"
#include "process.hpp"
#include "temp_dir.hpp"
#include "tickets/base45.hpp"

#include <catch2/catch.hpp>
#include <fstream>
#include <memory>
#include <qrencode.h>
#include <sys/stat.h>

using kiosk::TicketProblem;
using Reason = kiosk::TicketProblem::Reason;

namespace {

constexpr std::string_view alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

kiosk::TrustedKey trusted(const kiosk::SigningKey& key)
{
    return {key.public_key().id(), key.public_key(), *kiosk::parse_local_time("2026-01-01 09:00"),
            std::nullopt};
}

kiosk::TicketClaims claims(std::optional<std::string> site = "nancy")
{
    return {kiosk::TicketId{0xF123456789ABCDEFu}, kiosk::SessionId{0x3d83fe1694d378f4},
            std::move(site), *kiosk::parse_day("2026-10-25")};
}

std::string test_read(const std::filesystem::path& path)
{
    return test::read_file(path.string());
}

std::optional<Reason> reason_of(std::string_view payload,
                                const std::vector<kiosk::TrustedKey>& keys)
{
    const auto verified = kiosk::verify_ticket(payload, keys);
    if (verified)
        return std::nullopt;
    return verified.error().reason;
}

} // namespace

TEST_CASE("a signed ticket verifies and carries its claims", "[ticket]")
{
    const auto key = kiosk::SigningKey::generate();
    const std::vector keys{trusted(key)};
    for (const auto& site :
         {std::optional<std::string>("nancy"), std::optional<std::string>("saint-etienne"),
          std::optional<std::string>()}) {
        const auto payload = kiosk::sign_ticket(claims(site), key);
        CHECK(payload.size() == 135);
        CHECK(payload.starts_with("AT:"));
        CHECK(payload.find_first_not_of(alphabet, 0) == std::string::npos);
        const auto verified = kiosk::verify_ticket(payload, keys);
        REQUIRE(verified);
        CHECK(verified->ticket().to_string() == "f123456789abcdef");
        CHECK(verified->session().to_string() == "3d83fe1694d378f4");
        CHECK(verified->signed_site() == site);
        CHECK(verified->signed_day() == *kiosk::parse_day("2026-10-25"));
        CHECK(verified->key() == key.public_key().id());
        // A handheld scanner's Enter is forgiven.
        CHECK(kiosk::verify_ticket(payload + "\r\n", keys));
    }
}

TEST_CASE("the ticket QR code is alphanumeric and at most version 6 at level M", "[ticket]")
{
    const auto key = kiosk::SigningKey::generate();
    const auto payload = kiosk::sign_ticket(claims(), key);
    const std::unique_ptr<QRinput, decltype(&QRinput_free)> input(QRinput_new2(0, QR_ECLEVEL_M),
                                                                  &QRinput_free);
    REQUIRE(input);
    // Appending in alphanumeric mode fails on any character outside that mode's set.
    REQUIRE(QRinput_append(input.get(), QR_MODE_AN, static_cast<int>(payload.size()),
                           reinterpret_cast<const unsigned char*>(payload.data())) == 0);
    const std::unique_ptr<QRcode, decltype(&QRcode_free)> code(QRcode_encodeInput(input.get()),
                                                               &QRcode_free);
    REQUIRE(code);
    INFO("QR version " << code->version);
    CHECK(code->version <= 6);
    // Version 6 holds up to 154 alphanumeric characters at level M: room is left to spare.
    CHECK(payload.size() <= 154);
}

TEST_CASE("flipping any byte of a ticket before Base45 makes it refused", "[ticket]")
{
    const auto key = kiosk::SigningKey::generate();
    const std::vector keys{trusted(key)};
    const auto bytes = kiosk::signed_ticket_bytes(claims(), key);
    REQUIRE(bytes.size() == kiosk::ticket_size);
    REQUIRE(kiosk::verify_ticket(kiosk::ticket_text(bytes), keys));
    for (std::size_t position = 0; position < bytes.size(); ++position) {
        for (const int mask : {0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x40, 0x80, 0xFF}) {
            auto flipped = bytes;
            flipped[position] = static_cast<std::uint8_t>(flipped[position] ^ mask);
            const auto reason = reason_of(kiosk::ticket_text(flipped), keys);
            INFO("byte " << position << " xor " << mask);
            REQUIRE(reason.has_value());
            if (position == 0)
                CHECK(*reason == Reason::NotATicket); // an unknown format version
            else if (position <= 4)
                CHECK(*reason == Reason::UnknownKey);
            else
                CHECK(*reason == Reason::BadSignature);
        }
    }
}

TEST_CASE("changing any character of a ticket's text makes it refused", "[ticket]")
{
    const auto key = kiosk::SigningKey::generate();
    const std::vector keys{trusted(key)};
    const auto payload = kiosk::sign_ticket(claims(), key);
    for (std::size_t position = 0; position < payload.size(); ++position) {
        // Every other character of the alphabet, a lower-case letter and a few raw bytes.
        std::string replacements(alphabet);
        replacements += "a\x7F\xFF";
        replacements += '\0';
        for (const char replacement : replacements) {
            if (replacement == payload[position])
                continue;
            auto changed = payload;
            changed[position] = replacement;
            INFO("character " << position << " → " << int(replacement));
            REQUIRE(reason_of(changed, keys).has_value());
        }
    }
}

TEST_CASE("truncated, padded or lower-cased tickets are not tickets", "[ticket]")
{
    const auto key = kiosk::SigningKey::generate();
    const std::vector keys{trusted(key)};
    const auto payload = kiosk::sign_ticket(claims(), key);
    for (std::size_t length = 0; length < payload.size(); ++length)
        REQUIRE(reason_of(payload.substr(0, length), keys) == Reason::NotATicket);
    for (const std::string padding : {" ", "0", "00", "000", "   ", "\t", "\n0"})
        CHECK(reason_of(payload + padding, keys) == Reason::NotATicket);
    CHECK(reason_of(" " + payload, keys) == Reason::NotATicket);
    std::string lower = payload;
    for (char& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    CHECK(reason_of(lower, keys) == Reason::NotATicket);
    CHECK(reason_of(std::string(10240, 'A'), keys) == Reason::NotATicket);
    CHECK(reason_of("AT:" + std::string(10239, 'A'), keys) == Reason::NotATicket);
    CHECK(reason_of("", keys) == Reason::NotATicket);
}

TEST_CASE("a valid signature by an untrusted or retired key is refused", "[ticket]")
{
    const auto office = kiosk::SigningKey::generate();
    const auto stranger = kiosk::SigningKey::generate();
    const auto payload = kiosk::sign_ticket(claims(), stranger);
    CHECK(reason_of(payload, {trusted(office)}) == Reason::UnknownKey);
    CHECK(reason_of(payload, {}) == Reason::UnknownKey);

    auto retired = trusted(stranger);
    retired.retired_at = *kiosk::parse_local_time("2026-06-01 09:00");
    const auto verified = kiosk::verify_ticket(payload, std::vector{trusted(office), retired});
    REQUIRE_FALSE(verified);
    CHECK(verified.error().reason == Reason::UnknownKey);
    CHECK_THAT(verified.error().detail, Catch::Contains("retirée"));
    // Rotation: both keys trusted, both kinds of ticket admitted.
    const std::vector both{trusted(office), trusted(stranger)};
    CHECK(kiosk::verify_ticket(payload, both));
    CHECK(kiosk::verify_ticket(kiosk::sign_ticket(claims(), office), both));
}

TEST_CASE("a key id posing as another key's is a bad signature", "[ticket]")
{
    const auto office = kiosk::SigningKey::generate();
    const auto forger = kiosk::SigningKey::generate();
    auto bytes = kiosk::signed_ticket_bytes(claims(), forger);
    const auto office_id = office.public_key().id();
    std::copy(office_id.bytes.begin(), office_id.bytes.end(), bytes.begin() + 1);
    CHECK(reason_of(kiosk::ticket_text(bytes), {trusted(office)}) == Reason::BadSignature);
}

TEST_CASE("ticket ids use all 64 bits and print as 16 hexadecimal digits", "[ticket]")
{
    const kiosk::TicketId high{0xFFFFFFFFFFFFFFFFu};
    CHECK(high.to_string() == "ffffffffffffffff");
    CHECK(high.database_value() == -1);
    CHECK(kiosk::TicketId::from_database(-1) == high);
    CHECK(kiosk::TicketId::parse("ffffffffffffffff") == high);
    CHECK_FALSE(kiosk::TicketId::parse("0"));
    CHECK_FALSE(kiosk::TicketId::parse("1ffffffffffffffff"));
    CHECK_FALSE(kiosk::TicketId::parse("xyz"));
    bool seen_high_bit = false;
    for (int i = 0; i < 64; ++i)
        seen_high_bit |= (kiosk::TicketId::random().bits() >> 63) != 0;
    CHECK(seen_high_bit);
}

TEST_CASE("a key file is created once, private, and read back", "[ticket][keys]")
{
    test::TempDir dir;
    const auto path = dir / "issuer.key";
    const auto key = kiosk::SigningKey::generate();
    REQUIRE(key.save_new(path));
    struct stat status {};
    REQUIRE(::stat(path.c_str(), &status) == 0);
    CHECK((status.st_mode & 0777) == 0600);
    const auto other = kiosk::SigningKey::generate();
    const auto again = other.save_new(path);
    REQUIRE_FALSE(again);
    CHECK_THAT(again.error(), Catch::Contains("existe déjà"));
    const auto loaded = kiosk::SigningKey::load(path);
    REQUIRE(loaded);
    CHECK(loaded->public_key() == key.public_key());
    const auto payload = kiosk::sign_ticket(claims(), *loaded);
    CHECK(kiosk::verify_ticket(payload, std::vector{trusted(key)}));
}

TEST_CASE("a missing or malformed key file is refused with a clear message", "[ticket][keys]")
{
    test::TempDir dir;
    CHECK_THAT(kiosk::SigningKey::load(dir / "absent.key").error(), Catch::Contains("introuvable"));
    auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir / name) << text;
        return kiosk::SigningKey::load(dir / name);
    };
    CHECK_FALSE(write("empty.key", ""));
    CHECK_FALSE(write("other.key", "-----BEGIN OPENSSH PRIVATE KEY-----\n"));
    CHECK_FALSE(write("short.key", "atelier-kiosk ed25519 secret key v1\nsecret-seed abcd\n"));
    CHECK_FALSE(write("noseed.key", "atelier-kiosk ed25519 secret key v1\n"));
    const auto key = kiosk::SigningKey::generate();
    const auto other = kiosk::SigningKey::generate();
    REQUIRE(key.save_new(dir / "good.key"));
    std::string text = test_read(dir / "good.key");
    const auto mismatched =
        write("mismatch.key", text.replace(text.find(key.public_key().to_string()), 64,
                                           other.public_key().to_string()));
    REQUIRE_FALSE(mismatched);
    CHECK_THAT(mismatched.error(), Catch::Contains("ne correspond pas"));
}
