// The pieces of a message on their own: header words, quoted-printable, base64, mailboxes, and
// the configuration's bounds.

#include "kiosk_mail/mail_config.hpp"
#include "kiosk_mail/mime.hpp"

#include <catch2/catch.hpp>

using namespace kiosk_mail;

namespace {

std::string decode_quoted_printable(const std::string& text)
{
    std::string out;
    for (std::size_t at = 0; at < text.size(); ++at) {
        if (text[at] != '=') {
            out += text[at];
            continue;
        }
        if (text.compare(at + 1, 2, "\r\n") == 0) {
            at += 2;
            continue;
        }
        out += static_cast<char>(std::stoi(text.substr(at + 1, 2), nullptr, 16));
        at += 2;
    }
    return out;
}

} // namespace

TEST_CASE("header words: ASCII stays readable — French is encoded in words under 76 characters — a line break in a title cannot add a header",
          "[mail]")
{
    CHECK(encode_words("Votre billet") == "Votre billet");
    const auto french = encode_words("Créer sa boutique en ligne : démarches et équipement — "
                                     "jeudi 26 novembre à 14 h 30");
    CHECK(french.starts_with("=?UTF-8?B?"));
    std::size_t start = 0;
    while (start < french.size()) {
        auto end = french.find("\r\n ", start);
        if (end == std::string::npos)
            end = french.size();
        CHECK(end - start <= 75);
        start = end + 3;
    }
    const auto injected = encode_words("Atelier\r\nBcc: tout-le-monde@example.org");
    CHECK(injected.find('\n') == std::string::npos);
    CHECK(injected.find('\r') == std::string::npos);
    // "=?" in plain text would read as an encoded word: it is encoded itself.
    CHECK(encode_words("a =?b").starts_with("=?UTF-8?B?"));
}

TEST_CASE("quoted-printable keeps lines under 77 characters and gives back the same text",
          "[mail]")
{
    const std::string text = "Présentez le QR code ci-dessous à l'écran d'accueil en arrivant, "
                             "sur votre téléphone ou imprimé : il vous enregistre.   \n"
                             ".un point en tête\nfin = égal\n";
    const auto encoded = quoted_printable(text);
    std::size_t start = 0;
    while (start < encoded.size()) {
        auto end = encoded.find("\r\n", start);
        if (end == std::string::npos)
            end = encoded.size();
        CHECK(end - start <= 76);
        CHECK(encoded[end - 1] != ' '); // trailing spaces do not survive transport
        start = end + 2;
    }
    std::string expected = text;
    std::string crlf;
    for (const char c : expected)
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    CHECK(decode_quoted_printable(encoded) == crlf);
    CHECK(encoded.find("\r\n.") == std::string::npos);
}

TEST_CASE("base64 of every length — and lines of 76", "[mail]")
{
    CHECK(base64("") == "");
    CHECK(base64("f") == "Zg==");
    CHECK(base64("fo") == "Zm8=");
    CHECK(base64("foo") == "Zm9v");
    CHECK(base64("\xff\xfe\xfd") == "//79");
    const auto lines = base64_lines(std::string(200, 'x'));
    CHECK(lines.find("\r\n") == 76);
    CHECK(lines.ends_with("\r\n"));
}

TEST_CASE("mailboxes: a name and an address — or an address — anything else is refused", "[mail]")
{
    const auto named = parse_mailbox("Atelier numérique de Rennes <rennes@atelier.example.org>");
    REQUIRE(named);
    CHECK(named->name == "Atelier numérique de Rennes");
    CHECK(named->address == "rennes@atelier.example.org");
    CHECK(parse_mailbox("rennes@atelier.example.org")->name.empty());
    for (const char* bad : {"", "rennes", "@example.org", "a@b@c", "a b@example.org",
                            "Nom <a@example.org", "x <a@example.org>\r\nBcc: b@example.org"})
        CHECK_FALSE(parse_mailbox(bad));
}

TEST_CASE("the mail configuration: its place for each mistake — bounds on every value", "[mail]")
{
    const std::string tail = "[messages]\ndomain = \"atelier.example.org\"\n"
                             "[online]\nfrom = \"en-ligne@atelier.example.org\"\n";
    auto config = parse_mail_config("[relay]\nhost = \"smtp.example.org\"\n" + tail, "mail.toml");
    REQUIRE(config);
    CHECK(config->relay.port == 587);
    CHECK(config->relay.security == Security::StartTls);
    CHECK(config->reminder_lead == std::chrono::hours{24});
    CHECK(config->sender_for(std::string("rennes")).from.address == "en-ligne@atelier.example.org");

    CHECK(parse_mail_config("[relay]\nhost = \"smtp.example.org\"\nsecurity = \"tls\"\n" + tail,
                            "mail.toml")
              ->relay.port == 465);
    CHECK(parse_mail_config("[relay]\nhost = \"smtp.example.org\"\nport = 0\n" + tail, "m.toml")
              .error() == "m.toml:3:8: attendu entre 1 et 65535 (relay.port)");
    CHECK(parse_mail_config(tail, "m.toml").error() == "m.toml:1:1: section [relay] manquante");
    CHECK(parse_mail_config("[relay]\nhost = \"smtp.example.org\"\nuser = \"k\"\n" + tail,
                            "m.toml")
              .error()
              .find("valeur manquante (relay.password_file)") != std::string::npos);
    CHECK(parse_mail_config("[relay]\nhost = \"smtp.example.org\"\n" + tail +
                                "[sites.lyon]\nfrom = \"lyon@atelier.example.org\"\n",
                            "m.toml")
              .error()
              .find("site inconnu") != std::string::npos);
    CHECK(parse_mail_config(std::string(70000, '#'), "m.toml").error().find("plus de 64 Ko") !=
          std::string::npos);
    CHECK(parse_mail_config("[relay\n", "m.toml").error().starts_with("m.toml:1:"));
}

TEST_CASE("an RFC 5322 date in Paris time", "[mail]")
{
    CHECK(rfc5322_date(kiosk::from_unix_seconds(1795699800)) == "Thu, 26 Nov 2026 14:30:00 +0100");
    CHECK(rfc5322_date(kiosk::from_unix_seconds(1812643200)) == "Thu, 10 Jun 2027 18:00:00 +0200");
}
