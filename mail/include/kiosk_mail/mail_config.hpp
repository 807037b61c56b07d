#pragma once

// How the office sends mail: the organisation's relay, and who writes to visitors for each site
// and for the online programme (From, Reply-To, the address, how to get there, what to bring).
// One TOML file at the office (deploy/office/mail.toml); unknown keys are refused.

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tl/expected.hpp>

namespace kiosk_mail {

enum class Security {
    StartTls, // smtp:// on the submission port, TLS required before anything is said
    Tls,      // smtps://: TLS from the first byte
    None,     // plain text: accepted only towards the loopback address (tests, a local relay)
};

struct Relay {
    std::string host;
    int port = 587;
    Security security = Security::StartTls;
    std::string user;                    // empty: no login
    std::filesystem::path password_file; // readable by the service only
    std::filesystem::path ca_file; // the authorities to trust for the relay; empty: the system's
    std::chrono::seconds timeout{30};
};

struct Mailbox {
    std::string name;    // "Atelier numérique de Rennes"; may be empty
    std::string address; // "rennes@atelier.example.org"
};

// Who writes for a site (or for the online programme), and what a visitor needs to come.
struct Sender {
    Mailbox from;
    Mailbox reply_to; // the address a "je ne viendrai pas" reply reaches; empty: From
    std::string address;    // "12 rue Saint-Hélier, 35000 Rennes"
    std::string directions; // "Métro A, arrêt Charles de Gaulle"
    std::string bring;      // "votre ordinateur portable si vous en avez un"
};

struct MailConfig {
    Relay relay;
    std::string domain; // for Message-IDs and calendar UIDs: "atelier.example.org"
    std::chrono::minutes reminder_lead{24 * 60};
    Sender online;
    std::map<std::string, Sender> sites;
    // Who organises private sessions (as the sessions name them) and where their link goes.
    std::map<std::string, std::string> organisers;

    // The site's sender; the online one for a national session or a site not configured.
    [[nodiscard]] const Sender& sender_for(const std::optional<std::string>& site) const;
};

// "Name <address>" or a bare address; none when it is not one plausible address.
[[nodiscard]] std::optional<Mailbox> parse_mailbox(std::string_view text);

// Refuses with "file:line:column: what (key)" in French.
[[nodiscard]] tl::expected<MailConfig, std::string> parse_mail_config(std::string_view text,
                                                                      std::string_view source);
[[nodiscard]] tl::expected<MailConfig, std::string>
load_mail_config(const std::filesystem::path& path);

// The relay password, from a regular file of at most 1 KB that neither group nor others may
// read; the trailing line break is not part of it.
[[nodiscard]] tl::expected<std::string, std::string>
read_password_file(const std::filesystem::path& path);

} // namespace kiosk_mail
