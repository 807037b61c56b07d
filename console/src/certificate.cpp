#include "certificate.hpp"

#include <cstdio>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>
#include <stdexcept>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

namespace kiosk_console {
namespace {

struct FileCloser {
    void operator()(FILE* file) const { std::fclose(file); }
};
using File = std::unique_ptr<FILE, FileCloser>;
using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Certificate = std::unique_ptr<X509, decltype(&X509_free)>;

constexpr const char* maker = "Atelier kiosk";

void check(bool ok, const char* what)
{
    if (!ok)
        throw std::runtime_error(fmt::format("certificat de la console : {} a échoué", what));
}

void add_extension(X509* certificate, int nid, const std::string& value)
{
    X509V3_CTX context;
    X509V3_set_ctx_nodb(&context);
    X509V3_set_ctx(&context, certificate, certificate, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value.c_str());
    check(extension != nullptr, "l'extension X.509");
    X509_add_ext(certificate, extension, -1);
    X509_EXTENSION_free(extension);
}

File open_for_writing(const std::filesystem::path& path, mode_t mode)
{
    const mode_t previous = umask(static_cast<mode_t>(~mode & 0777));
    File file(std::fopen(path.c_str(), "wx"));
    umask(previous);
    if (!file)
        throw std::runtime_error(fmt::format("{} : impossible de l'écrire", path.string()));
    return file;
}

// A certificate for `host_name`, localhost and the loopback addresses, signed by `key` itself,
// valid from an hour before `now` for `certificate_lifetime`.
Certificate make_certificate(EVP_PKEY* key, const std::string& host_name, std::time_t now)
{
    Certificate certificate(X509_new(), X509_free);
    check(certificate != nullptr, "X509_new");
    X509_set_version(certificate.get(), 2);
    unsigned char serial[16];
    check(RAND_bytes(serial, sizeof serial) == 1, "le numéro de série");
    serial[0] &= 0x7f;
    BIGNUM* serial_number = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(serial_number, X509_get_serialNumber(certificate.get()));
    BN_free(serial_number);
    X509_time_adj_ex(X509_getm_notBefore(certificate.get()), 0, -3600, &now);
    X509_time_adj_ex(X509_getm_notAfter(certificate.get()),
                     static_cast<int>(certificate_lifetime.count()), 0, &now);
    X509_set_pubkey(certificate.get(), key);
    X509_NAME* name = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(maker), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(host_name.c_str()), -1, -1,
                               0);
    X509_set_issuer_name(certificate.get(), name);
    add_extension(certificate.get(), NID_subject_alt_name,
                  fmt::format("DNS:{},DNS:localhost,IP:127.0.0.1,IP:::1", host_name));
    add_extension(certificate.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_extension(certificate.get(), NID_ext_key_usage, "serverAuth");
    check(X509_sign(certificate.get(), key, EVP_sha256()) > 0, "la signature");
    return certificate;
}

// Whether the certificate is self-signed (as the console and earlier installers made them): only
// those are renewed; one an authority signed is the site's to replace.
bool self_signed(X509* certificate)
{
    if (X509_NAME_cmp(X509_get_subject_name(certificate), X509_get_issuer_name(certificate)) != 0)
        return false;
    EVP_PKEY* key = X509_get0_pubkey(certificate);
    return key != nullptr && X509_verify(certificate, key) == 1;
}

Certificate read_certificate(const std::filesystem::path& path)
{
    File file(std::fopen(path.c_str(), "r"));
    if (!file)
        throw std::runtime_error(fmt::format("{} : illisible", path.string()));
    Certificate certificate(PEM_read_X509(file.get(), nullptr, nullptr, nullptr), X509_free);
    if (!certificate)
        throw std::runtime_error(fmt::format("{} : pas un certificat PEM", path.string()));
    return certificate;
}

} // namespace

void ensure_certificate(const std::filesystem::path& certificate_path,
                        const std::filesystem::path& key_path, const std::string& host_name,
                        std::time_t now)
{
    const bool have_certificate = std::filesystem::exists(certificate_path);
    const bool have_key = std::filesystem::exists(key_path);
    if (have_certificate && have_key)
        return;
    if (have_certificate != have_key)
        throw std::runtime_error(fmt::format(
            "{} existe sans {} : donnez les deux fichiers, ou aucun pour en créer une paire",
            (have_certificate ? certificate_path : key_path).string(),
            (have_certificate ? key_path : certificate_path).string()));

    Key key(EVP_EC_gen("P-256"), EVP_PKEY_free);
    check(key != nullptr, "la clé P-256");
    const Certificate certificate = make_certificate(key.get(), host_name, now);

    std::filesystem::create_directories(std::filesystem::absolute(key_path).parent_path());
    std::filesystem::create_directories(std::filesystem::absolute(certificate_path).parent_path());
    {
        File key_file = open_for_writing(key_path, 0600);
        check(PEM_write_PrivateKey(key_file.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                   nullptr) == 1,
              "l'écriture de la clé");
    }
    File certificate_file = open_for_writing(certificate_path, 0644);
    check(PEM_write_X509(certificate_file.get(), certificate.get()) == 1,
          "l'écriture du certificat");
}

std::optional<std::time_t> renew_certificate_if_due(const std::filesystem::path& certificate_path,
                                                    const std::filesystem::path& key_path,
                                                    const std::string& host_name,
                                                    std::time_t now)
{
    const Certificate current = read_certificate(certificate_path);
    std::time_t threshold =
        now + std::chrono::duration_cast<std::chrono::seconds>(renewal_margin).count();
    if (!self_signed(current.get()) ||
        X509_cmp_time(X509_get0_notAfter(current.get()), &threshold) > 0)
        return std::nullopt;
    Key key(nullptr, EVP_PKEY_free);
    {
        File key_file(std::fopen(key_path.c_str(), "r"));
        if (key_file)
            key.reset(PEM_read_PrivateKey(key_file.get(), nullptr, nullptr, nullptr));
    }
    if (!key)
        throw std::runtime_error(fmt::format("{} : clé privée illisible", key_path.string()));
    // The same key: the sites pin the office's key, and it stays theirs to trust.
    const Certificate renewed = make_certificate(key.get(), host_name, now);
    auto written = certificate_path;
    written += ".nouveau";
    std::filesystem::remove(written);
    {
        File file = open_for_writing(written, 0644);
        check(PEM_write_X509(file.get(), renewed.get()) == 1 && std::fflush(file.get()) == 0 &&
                  fsync(fileno(file.get())) == 0,
              "l'écriture du certificat renouvelé");
    }
    std::filesystem::rename(written, certificate_path);
    return now + std::chrono::duration_cast<std::chrono::seconds>(certificate_lifetime).count();
}

CertificateKeeper::CertificateKeeper(std::filesystem::path certificate,
                                     std::filesystem::path private_key, std::string host_name,
                                     kiosk::Clock clock)
    : certificate_(std::move(certificate)),
      private_key_(std::move(private_key)),
      host_name_(std::move(host_name)),
      clock_(clock)
{
}

CertificateKeeper::~CertificateKeeper() { stop(); }

std::optional<std::time_t> CertificateKeeper::renew_now()
{
    const auto now = static_cast<std::time_t>(kiosk::unix_seconds(clock_.now()));
    const auto until = renew_certificate_if_due(certificate_, private_key_, host_name_, now);
    if (until) {
        fmt::print("certificat de la console renouvelé (même clé), valable jusqu'au "
                   "{:%d/%m/%Y}\n",
                   fmt::gmtime(*until));
        std::fflush(stdout);
    }
    return until;
}

const char* CertificateKeeper::prepare()
{
    ensure_certificate(certificate_, private_key_, host_name_,
                       static_cast<std::time_t>(kiosk::unix_seconds(clock_.now())));
    renew_now();
    return certificate_.c_str();
}

void CertificateKeeper::configure(SSL_CTX* context)
{
    SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
    // For 1.2, forward-secret AEAD suites alone (no CBC); 1.3's are all AEAD.
    SSL_CTX_set_cipher_list(context,
                            "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
                            "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256:"
                            "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305");
    SSL_CTX_set_options(context, SSL_OP_CIPHER_SERVER_PREFERENCE);
    SSL_CTX_set_cert_cb(context, &CertificateKeeper::present, this);
}

int CertificateKeeper::present(SSL* ssl, void* self)
{
    auto& keeper = *static_cast<CertificateKeeper*>(self);
    const std::lock_guard lock(keeper.certificate_mutex_);
    return !keeper.renewed_ || SSL_use_certificate(ssl, keeper.renewed_.get()) == 1 ? 1 : 0;
}

void CertificateKeeper::start()
{
    renewer_ = std::thread([this] { keep_fresh(); });
}

void CertificateKeeper::stop()
{
    {
        const std::lock_guard lock(renewer_mutex_);
        stopping_ = true;
    }
    renewer_wake_.notify_all();
    if (renewer_.joinable() && renewer_.get_id() != std::this_thread::get_id())
        renewer_.join();
}

void CertificateKeeper::keep_fresh()
{
    std::unique_lock lock(renewer_mutex_);
    while (!renewer_wake_.wait_for(lock, std::chrono::hours{12}, [this] { return stopping_; })) {
        try {
            if (!renew_now())
                continue;
            Certificate renewed = read_certificate(certificate_);
            const std::lock_guard swap(certificate_mutex_);
            renewed_.reset(renewed.release());
        } catch (const std::exception& error) {
            fmt::print(stderr, "certificat de la console : {}\n", error.what());
        }
    }
}

} // namespace kiosk_console
