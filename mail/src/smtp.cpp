#include "kiosk_mail/smtp.hpp"

#include <algorithm>
#include <cstring>
#include <curl/curl.h>
#include <fmt/format.h>
#include <mutex>
#include <stdexcept>
#include <string_view>

namespace kiosk_mail {
namespace {

struct Upload {
    std::string_view data;
    std::size_t offset = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* context)
{
    auto& upload = *static_cast<Upload*>(context);
    const std::size_t room = size * count;
    const std::size_t take = std::min(room, upload.data.size() - upload.offset);
    std::memcpy(buffer, upload.data.data() + upload.offset, take);
    upload.offset += take;
    return take;
}

struct RecipientList {
    curl_slist* list = nullptr;
    explicit RecipientList(const std::string& to)
        : list(curl_slist_append(nullptr, fmt::format("<{}>", to).c_str()))
    {
    }
    ~RecipientList() { curl_slist_free_all(list); }
    RecipientList(const RecipientList&) = delete;
    RecipientList& operator=(const RecipientList&) = delete;
};

bool relay_unreachable(CURLcode code)
{
    switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_OPERATION_TIMEDOUT: // a relay that stops answering would make each message wait
    case CURLE_LOGIN_DENIED:
    case CURLE_USE_SSL_FAILED:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CACERT_BADFILE:
        return true;
    default:
        return false;
    }
}

} // namespace

struct SmtpTransport::Handle {
    CURL* curl = nullptr;
    char error[CURL_ERROR_SIZE] = {};
    ~Handle()
    {
        if (curl)
            curl_easy_cleanup(curl);
    }
};

SmtpTransport::SmtpTransport(const Relay& relay, std::string password)
    : handle_(std::make_unique<Handle>())
    , relay_(relay)
    , password_(std::move(password))
{
    static std::once_flag global;
    std::call_once(global, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    handle_->curl = curl_easy_init();
    if (!handle_->curl)
        throw std::runtime_error("libcurl n'a pas pu démarrer");
}

SmtpTransport::~SmtpTransport() = default;

DeliveryResult SmtpTransport::send(const std::string& from, const std::string& to,
                                   const std::string& message)
{
    CURL* curl = handle_->curl;
    curl_easy_reset(curl);
    const auto url = fmt::format("{}://{}:{}", relay_.security == Security::Tls ? "smtps" : "smtp",
                                 relay_.host, relay_.port);
    Upload upload{message};
    RecipientList recipients(to);
    const auto sender = fmt::format("<{}>", from);
    handle_->error[0] = '\0';
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, handle_->error);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    if (relay_.security == Security::StartTls)
        curl_easy_setopt(curl, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    if (!relay_.ca_file.empty())
        curl_easy_setopt(curl, CURLOPT_CAINFO, relay_.ca_file.c_str());
    if (!relay_.user.empty()) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, relay_.user.c_str());
        curl_easy_setopt(curl, CURLOPT_PASSWORD, password_.c_str());
    }
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, static_cast<long>(std::min<long long>(
                                                       relay_.timeout.count(), 30)));
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, static_cast<long>(relay_.timeout.count()));
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, sender.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, recipients.list);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(curl, CURLOPT_READDATA, &upload);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));

    const CURLcode code = curl_easy_perform(curl);
    long reply = 0;
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply);
    DeliveryResult result;
    result.code = reply;
    const std::string said = handle_->error[0] ? handle_->error : curl_easy_strerror(code);
    if (code == CURLE_OK) {
        result.outcome = Delivery::Accepted;
        return result;
    }
    if (relay_unreachable(code)) {
        result.outcome = Delivery::Unreachable;
        const auto relay = fmt::format("{}:{}", relay_.host, relay_.port);
        if (code == CURLE_LOGIN_DENIED)
            result.detail = fmt::format("le relais {} refuse l'identifiant ou le mot de passe "
                                        "({}) : {}",
                                        relay, relay_.user, said);
        else if (code == CURLE_COULDNT_CONNECT || code == CURLE_COULDNT_RESOLVE_HOST)
            result.detail = fmt::format("relais {} injoignable : {}", relay, said);
        else if (code == CURLE_OPERATION_TIMEDOUT)
            result.detail = fmt::format("le relais {} ne répond plus : {}", relay, said);
        else
            result.detail = fmt::format("connexion chiffrée au relais {} impossible (certificat "
                                        "non reconnu ?) : {}",
                                        relay, said);
    } else if (reply >= 500 && reply < 600 && std::string_view(said).starts_with("MAIL")) {
        // The relay refuses the sender (530 login required, 553 sender not allowed): every
        // message would be refused alike; nothing is failed for it.
        result.outcome = Delivery::Unreachable;
        result.detail = fmt::format("le relais {}:{} refuse l'expéditeur ({}) : {}", relay_.host,
                                    relay_.port, reply, said);
    } else if (reply >= 500 && reply < 600) {
        result.outcome = Delivery::Refused;
        result.detail = fmt::format("refusé par le relais ({}) : {}", reply, said);
    } else {
        result.outcome = Delivery::Deferred;
        result.detail = reply > 0 ? fmt::format("différé par le relais ({}) : {}", reply, said)
                                  : fmt::format("échange interrompu : {}", said);
    }
    return result;
}

} // namespace kiosk_mail
