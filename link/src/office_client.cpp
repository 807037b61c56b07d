#include "kiosk_link/office_client.hpp"

#include <algorithm>
#include <cstdio>
#include <fmt/format.h>
#include <fstream>
#include <httplib.h>
#include <mutex>
#include <nlohmann/json.hpp>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <unistd.h>

namespace kiosk_link {
namespace {

struct Address {
    std::string host;
    int port = 443;
};

tl::expected<Address, LinkError> address_of(const std::string& url)
{
    const auto refused = [&] {
        return tl::unexpected(
            LinkError{Failure::Refused, fmt::format("adresse du siège « {} » illisible "
                                                    "(attendu https://nom:port)",
                                                    url.substr(0, 200))});
    };
    if (!url.starts_with("https://"))
        return refused();
    std::string rest = url.substr(8);
    if (!rest.empty() && rest.back() == '/')
        rest.pop_back();
    Address address;
    const auto colon = rest.rfind(':');
    address.host = rest.substr(0, colon);
    if (colon != std::string::npos) {
        try {
            std::size_t used = 0;
            address.port = std::stoi(rest.substr(colon + 1), &used);
            if (used != rest.size() - colon - 1)
                return refused();
        } catch (const std::exception&) {
            return refused();
        }
    }
    if (address.host.empty() || address.host.find_first_of("/?# ") != std::string::npos ||
        address.port <= 0 || address.port > 65535)
        return refused();
    return address;
}

LinkError unreachable(httplib::Error error, const std::string& url)
{
    if (error == httplib::Error::SSLServerVerification)
        return {Failure::Certificate,
                fmt::format("le siège ({}) présente un certificat que ce site ne connaît pas "
                            "(ni celui de l'invitation, ni un certificat annoncé depuis) : rien "
                            "n'a été envoyé ; le siège annonce d'abord son prochain certificat "
                            "(kioskctl sync certificate announce), sinon une nouvelle invitation",
                            url)};
    return {Failure::Unreachable,
            fmt::format("siège injoignable ({}) : {}", url, httplib::to_string(error))};
}

LinkError refused_by(const httplib::Response& response)
{
    if (response.status == 401)
        return {Failure::Unauthorised,
                "le siège ne reconnaît pas cet appareil (retiré, ou jamais invité) : demandez "
                "une nouvelle invitation"};
    const auto document = nlohmann::json::parse(response.body, nullptr, false);
    std::string message = fmt::format("le siège refuse (statut {})", response.status);
    if (document.is_object() && document.contains("erreur") && document["erreur"].is_string())
        message = document["erreur"].get<std::string>();
    return {Failure::Refused, message};
}

// The pinned certificate as a file of its own: the TLS library then trusts it and nothing else
// (no system authority is loaded when a file is given).
class PinnedFile {
public:
    explicit PinnedFile(const std::string& pem)
    {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "atelier-siege-XXXXXX").string();
        const int fd = ::mkstemp(pattern.data());
        if (fd < 0)
            throw std::runtime_error("impossible de créer le fichier du certificat du siège");
        path_ = pattern;
        const auto written = ::write(fd, pem.data(), pem.size());
        ::close(fd);
        if (written != static_cast<ssize_t>(pem.size()))
            throw std::runtime_error("impossible d'écrire le certificat du siège");
    }
    ~PinnedFile()
    {
        std::error_code ignored;
        std::filesystem::remove(path_, ignored);
    }
    PinnedFile(const PinnedFile&) = delete;
    PinnedFile& operator=(const PinnedFile&) = delete;
    [[nodiscard]] const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
};

std::string hex_of(const unsigned char* digest, unsigned int length)
{
    std::string hex;
    for (unsigned int i = 0; i < length; ++i)
        hex += fmt::format("{:02x}", digest[i]);
    return hex;
}

// The SHA-256 of the whole certificate, as `openssl x509 -fingerprint -sha256` shows it.
std::optional<std::string> fingerprint_of(const X509* certificate)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(certificate, EVP_sha256(), digest, &length) != 1)
        return std::nullopt;
    return hex_of(digest, length);
}

// The SHA-256 of the certificate's public key (its SubjectPublicKeyInfo).
std::optional<std::string> key_fingerprint_of(const X509* certificate)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_pubkey_digest(certificate, EVP_sha256(), digest, &length) != 1)
        return std::nullopt;
    return hex_of(digest, length);
}

// `digest` of every certificate of a PEM text, in order.
std::vector<std::string> fingerprints_of(const std::string& pem,
                                         std::optional<std::string> (*digest)(const X509*))
{
    std::vector<std::string> found;
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    if (!bio)
        return found;
    while (X509* certificate = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) {
        if (const auto fingerprint = digest(certificate))
            found.push_back(*fingerprint);
        X509_free(certificate);
    }
    BIO_free(bio);
    return found;
}

// Pinning by key: the certificate the office presents must carry the key of one of the pinned
// certificates. The office renews its own certificate with the same key before it expires, so
// a renewal needs nothing from the sites; a new key is announced first (and the old retired).
// (The office's certificates are self-signed and share a subject, so the usual chain
// building, which looks issuers up by name, could try the wrong one of them.)
int pinned_only(X509_STORE_CTX* context, void* argument)
{
    const auto& pinned = *static_cast<const std::vector<std::string>*>(argument);
    const X509* presented = X509_STORE_CTX_get0_cert(context);
    const auto fingerprint = presented ? key_fingerprint_of(presented) : std::nullopt;
    if (fingerprint && std::find(pinned.begin(), pinned.end(), *fingerprint) != pinned.end()) {
        X509_STORE_CTX_set_error(context, X509_V_OK);
        return 1;
    }
    X509_STORE_CTX_set_error(context, X509_V_ERR_CERT_UNTRUSTED);
    return 0;
}

} // namespace

std::optional<std::string> certificate_fingerprint(const std::string& pem)
{
    const auto found = fingerprints_of(pem, fingerprint_of);
    if (found.empty())
        return std::nullopt;
    return found.front();
}

struct OfficeClient::Impl {
    std::string url;
    Address address;
    PinnedFile pinned;
    std::mutex mutex;
    // One client for the life of this object: its TLS context is made once and its connection
    // kept alive between exchanges, so a held request that comes back empty costs no handshake.
    std::unique_ptr<httplib::SSLClient> kept;
    httplib::SSLClient* current = nullptr; // the request under way, for stop()

    std::vector<std::string> keys; // fingerprints of the pinned certificates' keys

    Impl(std::string office_url, Address office, const std::string& certificate)
        : url(std::move(office_url))
        , address(std::move(office))
        , pinned(certificate)
        , keys(fingerprints_of(certificate, key_fingerprint_of))
    {}

    httplib::SSLClient& client(std::chrono::seconds read_timeout)
    {
        if (!kept) {
            kept = std::make_unique<httplib::SSLClient>(address.host, address.port);
            kept->set_ca_cert_path(pinned.path().c_str());
            kept->enable_server_certificate_verification(true);
            SSL_CTX_set_cert_verify_callback(kept->ssl_context(), pinned_only, &keys);
            kept->set_keep_alive(true);
            kept->set_connection_timeout(std::chrono::seconds{10});
            kept->set_write_timeout(std::chrono::seconds{30});
        }
        kept->set_read_timeout(read_timeout);
        return *kept;
    }

    // Runs `request` on the kept client, which stop() may cut.
    template <typename Request> httplib::Result run(httplib::SSLClient& client, Request&& request)
    {
        {
            const std::lock_guard lock(mutex);
            current = &client;
        }
        auto result = request(client);
        const std::lock_guard lock(mutex);
        current = nullptr;
        return result;
    }
};

OfficeClient::OfficeClient(const std::string& url, const std::string& certificate)
{
    auto address = address_of(url);
    if (!address)
        throw std::invalid_argument(address.error().message);
    impl_ = std::make_unique<Impl>(url, std::move(*address), certificate);
}

OfficeClient::~OfficeClient() = default;

tl::expected<std::string, LinkError> OfficeClient::fetch_certificate(const std::string& url)
{
    const auto address = address_of(url);
    if (!address)
        return tl::unexpected(address.error());
    httplib::SSLClient client(address->host, address->port);
    // Nothing is trusted yet: what comes back is compared with the invitation's fingerprint.
    client.enable_server_certificate_verification(false);
    client.set_connection_timeout(std::chrono::seconds{10});
    client.set_read_timeout(std::chrono::seconds{10});
    const auto response = client.Get("/sync/certificat");
    if (!response)
        return tl::unexpected(unreachable(response.error(), url));
    if (response->status != 200 || response->body.size() > 64 * 1024)
        return tl::unexpected(refused_by(*response));
    return response->body;
}

tl::expected<kiosk::JoinAnswer, LinkError>
OfficeClient::join(std::string_view site, std::string_view code, const kiosk::PublicKey& device)
{
    const nlohmann::json body{{"site", site}, {"code", code}, {"appareil", device.to_string()}};
    auto& client = impl_->client(std::chrono::seconds{30});
    const auto response = impl_->run(client, [&](httplib::SSLClient& on) {
        return on.Post("/sync/rejoindre", body.dump(), "application/json");
    });
    if (!response)
        return tl::unexpected(unreachable(response.error(), impl_->url));
    if (response->status != 200)
        return tl::unexpected(refused_by(*response));
    const auto document = nlohmann::json::parse(response->body, nullptr, false);
    kiosk::JoinAnswer answer;
    if (document.is_object() && document.contains("cles_du_siege") &&
        document["cles_du_siege"].is_array())
        for (const auto& key : document["cles_du_siege"])
            if (key.is_string())
                if (const auto parsed = kiosk::PublicKey::parse(key.get<std::string>()))
                    answer.office_keys.push_back(*parsed);
    if (answer.office_keys.empty())
        return tl::unexpected(
            LinkError{Failure::Refused, "réponse du siège illisible : aucune clé à approuver"});
    return answer;
}

namespace {

httplib::Headers signed_headers(const kiosk::SigningKey& device, std::string_view site,
                                const std::string& path, std::span<const std::uint8_t> body,
                                kiosk::Instant now)
{
    const auto signature = kiosk::sign_link_request(device, site, "POST", path, body, now);
    return {{"X-Atelier-Site", signature.site},
            {"X-Atelier-Cle", signature.key},
            {"X-Atelier-Heure", std::to_string(signature.at)},
            {"X-Atelier-Nonce", signature.nonce},
            {"X-Atelier-Signature", signature.signature}};
}

} // namespace

tl::expected<std::vector<std::uint8_t>, LinkError>
OfficeClient::exchange(const kiosk::SigningKey& device, std::string_view site,
                       std::span<const std::uint8_t> bundle, std::chrono::seconds wait,
                       kiosk::Instant now)
{
    const std::string path = "/sync/echange";
    const auto headers = signed_headers(device, site, path, bundle, now);
    const std::string body(bundle.begin(), bundle.end());
    auto& client = impl_->client(wait + std::chrono::seconds{20});
    const auto response = impl_->run(client, [&](httplib::SSLClient& on) {
        return on.Post(fmt::format("{}?attente={}", path, wait.count()), headers, body,
                       "application/octet-stream");
    });
    if (!response)
        return tl::unexpected(unreachable(response.error(), impl_->url));
    if (response->status != 200)
        return tl::unexpected(refused_by(*response));
    return std::vector<std::uint8_t>(response->body.begin(), response->body.end());
}

void OfficeClient::stop()
{
    const std::lock_guard lock(impl_->mutex);
    if (impl_->current)
        impl_->current->stop();
}

} // namespace kiosk_link
