// What the console's TLS offers, seen from a client made with OpenSSL directly: versions and
// suites, the certificate it makes and renews, and the icon browsers ask for.

#include "console_site.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <optional>
#include <string>

using test::ConsoleServer;
using test::ConsoleSite;

namespace {

constexpr const char* afternoon = "2026-11-26 14:20";

struct Handshake {
    bool done = false;
    std::string suite;
    std::string certificate; // PEM of what the server presented
};

// One TLS handshake with the console at `port`, offering at most `highest` and `suites` (TLS
// 1.2 and older), in that order of the client's preference.
Handshake handshake(int port, int highest, const std::string& suites = {})
{
    SSL_CTX* context = SSL_CTX_new(TLS_client_method());
    SSL_CTX_set_security_level(context, 0); // let the client offer what old ones would
    SSL_CTX_set_min_proto_version(context, TLS1_VERSION);
    SSL_CTX_set_max_proto_version(context, highest);
    if (!suites.empty())
        REQUIRE(SSL_CTX_set_cipher_list(context, suites.c_str()) == 1);
    const int socket = ::socket(AF_INET, SOCK_STREAM, 0);
    const timeval patience{10, 0};
    setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &patience, sizeof patience);
    sockaddr_in to{};
    to.sin_family = AF_INET;
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(socket, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0);
    SSL* tls = SSL_new(context);
    SSL_set_fd(tls, socket);
    Handshake result;
    result.done = SSL_connect(tls) == 1;
    if (result.done) {
        result.suite = SSL_get_cipher_name(tls);
        X509* presented = SSL_get1_peer_certificate(tls);
        BIO* out = BIO_new(BIO_s_mem());
        PEM_write_bio_X509(out, presented);
        char* data = nullptr;
        const long length = BIO_get_mem_data(out, &data);
        result.certificate.assign(data, static_cast<std::size_t>(length));
        BIO_free(out);
        X509_free(presented);
        SSL_shutdown(tls);
    }
    SSL_free(tls);
    ::close(socket);
    SSL_CTX_free(context);
    return result;
}

using Certificate = std::unique_ptr<X509, decltype(&X509_free)>;

Certificate parse(const std::string& pem)
{
    BIO* in = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    Certificate certificate(PEM_read_bio_X509(in, nullptr, nullptr, nullptr), X509_free);
    BIO_free(in);
    REQUIRE(certificate);
    return certificate;
}

// notAfter − notBefore, in seconds.
long lifetime(const Certificate& certificate)
{
    int days = 0;
    int seconds = 0;
    REQUIRE(ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(certificate.get()),
                           X509_get0_notAfter(certificate.get())) == 1);
    return days * 86400L + seconds;
}

std::string key_digest(const Certificate& certificate)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    REQUIRE(X509_pubkey_digest(certificate.get(), EVP_sha256(), digest, &length) == 1);
    return {reinterpret_cast<const char*>(digest), length};
}

} // namespace

TEST_CASE("TLS 1.2 gets AEAD suites in the server's order and no CBC, older versions nothing",
          "[console]")
{
    ConsoleSite site;
    ConsoleServer server(site.kioskctl, afternoon, "serve");

    // The client prefers ChaCha20 then AES-256; the server's first choice wins.
    const auto chosen = handshake(server.port(), TLS1_2_VERSION,
                                  "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES256-GCM-SHA384:"
                                  "ECDHE-ECDSA-AES128-GCM-SHA256");
    REQUIRE(chosen.done);
    CHECK(chosen.suite == "ECDHE-ECDSA-AES128-GCM-SHA256");
    // CBC suites only: no handshake.
    CHECK_FALSE(handshake(server.port(), TLS1_2_VERSION,
                          "ECDHE-ECDSA-AES128-SHA:ECDHE-ECDSA-AES256-SHA:"
                          "ECDHE-ECDSA-AES128-SHA256:ECDHE-ECDSA-AES256-SHA384")
                    .done);
    CHECK_FALSE(handshake(server.port(), TLS1_1_VERSION).done);
    CHECK_FALSE(handshake(server.port(), TLS1_VERSION).done);
    // TLS 1.3 as a browser would.
    const auto modern = handshake(server.port(), TLS1_3_VERSION);
    REQUIRE(modern.done);
    CHECK(modern.suite.starts_with("TLS_"));
}

TEST_CASE("The console's own certificate lasts 397 days and is renewed with its key 30 days "
          "before its end",
          "[console]")
{
    ConsoleSite site;
    const std::string file = (site.kioskctl.dir() / "console-cert.pem").string();
    std::string made;
    {
        ConsoleServer server(site.kioskctl, afternoon, "serve");
        made = test::read_file(file);
        CHECK(handshake(server.port(), TLS1_3_VERSION).certificate == made);
        server.stop();
    }
    const auto first = parse(made);
    CHECK(lifetime(first) == 397L * 86400 + 3600); // from an hour before it was made

    // 40 days before its end: left as it is.
    {
        ConsoleServer server(site.kioskctl, "2027-11-18 10:00", "serve-early");
        CHECK(test::read_file(file) == made);
        CHECK(server.log().find("renouvelé") == std::string::npos);
        server.stop();
    }
    // 20 days before: a new certificate, for the same key, presented at once.
    ConsoleServer server(site.kioskctl, "2027-12-08 10:00", "serve-renewing");
    CHECK_THAT(server.log(), Catch::Contains("certificat de la console renouvelé (même clé), "
                                             "valable jusqu'au 08/01/2029"));
    const std::string renewed_pem = test::read_file(file);
    REQUIRE(renewed_pem != made);
    const auto renewed = parse(renewed_pem);
    CHECK(key_digest(renewed) == key_digest(first));
    CHECK(lifetime(renewed) == 397L * 86400 + 3600);
    CHECK(handshake(server.port(), TLS1_3_VERSION).certificate == renewed_pem);
}

TEST_CASE("The console has an icon for browsers", "[console]")
{
    ConsoleSite site;
    ConsoleServer server(site.kioskctl, afternoon, "serve");
    test::Browser browser(server);
    const auto icon = browser.get("/favicon.ico");
    CHECK(icon.status == 200);
    CHECK(icon.headers.find("Content-Type")->second == "image/x-icon");
    REQUIRE(icon.body.size() > 6);
    CHECK(icon.body.substr(0, 4) == std::string("\0\0\1\0", 4)); // an ICO header
}
