#pragma once

#include "kiosk/base/time.hpp"

#include <openssl/ssl.h>

#include <chrono>
#include <condition_variable>
#include <ctime>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace kiosk_console {

// A certificate the console makes lasts 397 days (what browsers accept of a server
// certificate) and is renewed, with the same key, once fewer than 30 days remain.
inline constexpr std::chrono::days certificate_lifetime{397};
inline constexpr std::chrono::days renewal_margin{30};

// Creates a self-signed certificate (ECDSA P-256, for `host_name`, localhost and the loopback
// addresses, valid from `now`) and its key (mode 0600) unless both files exist. One existing
// without the other is an error: overwriting either could break a certificate staff trusted.
void ensure_certificate(const std::filesystem::path& certificate,
                        const std::filesystem::path& private_key, const std::string& host_name,
                        std::time_t now);

// Replaces a self-signed certificate (the console's own) by a new one for the same key when it ends
// within `renewal_margin` of `now` (written beside it, then renamed over it); returns the new
// end, or nothing when no renewal was due. A certificate an authority signed is left alone.
std::optional<std::time_t> renew_certificate_if_due(const std::filesystem::path& certificate,
                                                    const std::filesystem::path& private_key,
                                                    const std::string& host_name,
                                                    std::time_t now);

// The console's TLS, certificate and protocols, for the life of the server: the certificate
// made or renewed before the server reads it, then looked at twice a day while it serves; a
// renewed one is presented to new connections at once (same key: the sites' pins hold).
class CertificateKeeper {
public:
    CertificateKeeper(std::filesystem::path certificate, std::filesystem::path private_key,
                      std::string host_name, kiosk::Clock clock);
    ~CertificateKeeper();
    CertificateKeeper(const CertificateKeeper&) = delete;
    CertificateKeeper& operator=(const CertificateKeeper&) = delete;

    // Makes or renews the files now; the certificate's path, for the server to read.
    const char* prepare();
    // TLS 1.2 and 1.3 only, AEAD suites in the server's order; the renewed certificate, once
    // there is one, presented on every new connection.
    void configure(SSL_CTX* context);
    void start();
    void stop();

private:
    static int present(SSL* ssl, void* self);
    std::optional<std::time_t> renew_now();
    void keep_fresh();

    std::filesystem::path certificate_, private_key_;
    std::string host_name_;
    kiosk::Clock clock_;
    std::mutex certificate_mutex_;
    std::unique_ptr<X509, decltype(&X509_free)> renewed_{nullptr, X509_free};
    std::thread renewer_;
    std::mutex renewer_mutex_;
    std::condition_variable renewer_wake_;
    bool stopping_ = false;
};

} // namespace kiosk_console
