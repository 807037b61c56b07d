#pragma once

// Handing a composed message to the organisation's relay over SMTP, through libcurl: STARTTLS
// or TLS as configured (certificates checked), a login when one is configured, one recipient
// per message. One connection serves a whole run (libcurl keeps it open between messages).

#include "kiosk_mail/mail_config.hpp"

#include <memory>
#include <string>

namespace kiosk_mail {

enum class Delivery {
    Accepted,    // the relay said 250: it is the relay's now
    Refused,     // a permanent refusal (5xx) of this message or address: not tried again
    Deferred,    // a temporary refusal (4xx) or a failure during the exchange: tried again later
    Unreachable, // no relay to talk to (connection, TLS, login): nothing else is tried this run
};

struct DeliveryResult {
    Delivery outcome = Delivery::Deferred;
    long code = 0;      // the relay's last reply code, 0 when it said nothing
    std::string detail = {}; // in French, for the outbox and the operator
};

// What delivers a message: the relay, or a test's stand-in for the bench's baseline.
class Transport {
public:
    virtual ~Transport() = default;
    virtual DeliveryResult send(const std::string& from, const std::string& to,
                                const std::string& message) = 0;
};

class SmtpTransport final : public Transport {
public:
    // `password` is used when the relay has a user.
    SmtpTransport(const Relay& relay, std::string password);
    ~SmtpTransport() override;
    SmtpTransport(const SmtpTransport&) = delete;
    SmtpTransport& operator=(const SmtpTransport&) = delete;

    DeliveryResult send(const std::string& from, const std::string& to,
                        const std::string& message) override;

private:
    struct Handle;
    std::unique_ptr<Handle> handle_;
    Relay relay_;
    std::string password_;
};

} // namespace kiosk_mail
