#include "certificate.hpp"

#include <cstdio>
#include <fmt/format.h>
#include <memory>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>
#include <stdexcept>
#include <sys/stat.h>

namespace kiosk_console {
namespace {

struct FileCloser {
    void operator()(FILE* file) const { std::fclose(file); }
};
using File = std::unique_ptr<FILE, FileCloser>;
using Key = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using Certificate = std::unique_ptr<X509, decltype(&X509_free)>;

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

} // namespace

void ensure_certificate(const std::filesystem::path& certificate_path,
                        const std::filesystem::path& key_path, const std::string& host_name)
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
    Certificate certificate(X509_new(), X509_free);
    check(certificate != nullptr, "X509_new");
    X509_set_version(certificate.get(), 2);
    unsigned char serial[16];
    check(RAND_bytes(serial, sizeof serial) == 1, "le numéro de série");
    serial[0] &= 0x7f;
    BIGNUM* serial_number = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(serial_number, X509_get_serialNumber(certificate.get()));
    BN_free(serial_number);
    X509_gmtime_adj(X509_getm_notBefore(certificate.get()), -3600);
    X509_gmtime_adj(X509_getm_notAfter(certificate.get()), 10L * 365 * 24 * 3600);
    X509_set_pubkey(certificate.get(), key.get());
    X509_NAME* name = X509_get_subject_name(certificate.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>("Atelier kiosk"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(host_name.c_str()), -1, -1,
                               0);
    X509_set_issuer_name(certificate.get(), name);
    add_extension(certificate.get(), NID_subject_alt_name,
                  fmt::format("DNS:{},DNS:localhost,IP:127.0.0.1,IP:::1", host_name));
    add_extension(certificate.get(), NID_basic_constraints, "critical,CA:FALSE");
    add_extension(certificate.get(), NID_ext_key_usage, "serverAuth");
    check(X509_sign(certificate.get(), key.get(), EVP_sha256()) > 0, "la signature");

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

} // namespace kiosk_console
