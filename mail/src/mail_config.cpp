#include "kiosk_mail/mail_config.hpp"

#include "kiosk/base/site.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <sys/stat.h>
#include <toml++/toml.h>

namespace kiosk_mail {
namespace {

constexpr std::size_t max_config_bytes = 64 * 1024;
constexpr std::size_t max_text_bytes = 500;

struct Refusal {
    std::string message;
};

class Reader {
public:
    explicit Reader(std::string_view source)
        : source_(source)
    {
    }

    [[noreturn]] void refuse(const toml::node& node, std::string_view key,
                             std::string_view what) const
    {
        const auto& where = node.source().begin;
        throw Refusal{fmt::format("{}:{}:{}: {} ({})", source_, where.line, where.column, what, key)};
    }

    void only_keys(const toml::table& table, std::string_view section,
                   std::initializer_list<std::string_view> allowed) const
    {
        for (const auto& [key, node] : table)
            if (std::find(allowed.begin(), allowed.end(), key.str()) == allowed.end()) {
                const auto& where = key.source().begin;
                throw Refusal{fmt::format(
                    "{}:{}:{}: clé inconnue ({})", source_, where.line, where.column,
                    section.empty() ? std::string(key.str())
                                    : fmt::format("{}.{}", section, key.str()))};
            }
    }

    [[nodiscard]] const toml::table& section(const toml::table& root, std::string_view name) const
    {
        const toml::node* node = root.get(name);
        if (!node)
            throw Refusal{fmt::format("{}:1:1: section [{}] manquante", source_, name)};
        if (!node->is_table())
            refuse(*node, name, "attendu une section");
        return *node->as_table();
    }

    [[nodiscard]] std::string text(const toml::table& table, std::string_view section,
                                   std::string_view key, bool required) const
    {
        const std::string name = fmt::format("{}.{}", section, key);
        const toml::node* node = table.get(key);
        if (!node) {
            if (required)
                refuse(table, name, "valeur manquante");
            return {};
        }
        if (!node->is_string())
            refuse(*node, name, "attendu une chaîne entre guillemets");
        auto value = *node->value<std::string>();
        if (value.size() > max_text_bytes)
            refuse(*node, name, fmt::format("plus de {} octets", max_text_bytes));
        if (value.find_first_of("\r\n") != std::string::npos)
            refuse(*node, name, "retour à la ligne interdit");
        if (required && value.empty())
            refuse(*node, name, "valeur vide");
        return value;
    }

    [[nodiscard]] std::int64_t number(const toml::table& table, std::string_view section,
                                      std::string_view key, std::int64_t fallback,
                                      std::int64_t lowest, std::int64_t highest) const
    {
        const std::string name = fmt::format("{}.{}", section, key);
        const toml::node* node = table.get(key);
        if (!node)
            return fallback;
        if (!node->is_integer())
            refuse(*node, name, "attendu un nombre entier");
        const auto value = *node->value<std::int64_t>();
        if (value < lowest || value > highest)
            refuse(*node, name, fmt::format("attendu entre {} et {}", lowest, highest));
        return value;
    }

    [[nodiscard]] Mailbox mailbox(const toml::table& table, std::string_view section,
                                  std::string_view key, bool required) const
    {
        const auto value = text(table, section, key, required);
        if (value.empty())
            return {};
        auto parsed = parse_mailbox(value);
        if (!parsed)
            refuse(*table.get(key), fmt::format("{}.{}", section, key),
                   fmt::format("adresse e-mail invalide « {} »", value));
        return *parsed;
    }

private:
    std::string source_;
};

Relay read_relay(const Reader& reader, const toml::table& relay)
{
    reader.only_keys(relay, "relay",
                     {"host", "port", "security", "user", "password_file", "ca_file",
                      "timeout_seconds"});
    Relay read;
    read.host = reader.text(relay, "relay", "host", true);
    if (read.host.find_first_of(" /@:") != std::string::npos)
        reader.refuse(*relay.get("host"), "relay.host", "nom d'hôte invalide");
    const auto security = reader.text(relay, "relay", "security", false);
    if (security.empty() || security == "starttls")
        read.security = Security::StartTls;
    else if (security == "tls")
        read.security = Security::Tls;
    else if (security == "none")
        read.security = Security::None;
    else
        reader.refuse(*relay.get("security"), "relay.security",
                      fmt::format("« {} » : attendu starttls, tls ou none", security));
    if (read.security == Security::None && read.host != "127.0.0.1" && read.host != "localhost")
        reader.refuse(*relay.get("security"), "relay.security",
                      "sans chiffrement, seul un relais local (127.0.0.1) est accepté");
    read.port = static_cast<int>(reader.number(
        relay, "relay", "port", read.security == Security::Tls ? 465 : 587, 1, 65535));
    read.user = reader.text(relay, "relay", "user", false);
    read.password_file = reader.text(relay, "relay", "password_file", !read.user.empty());
    read.ca_file = reader.text(relay, "relay", "ca_file", false);
    read.timeout = std::chrono::seconds{reader.number(relay, "relay", "timeout_seconds", 30, 1, 600)};
    return read;
}

Sender read_sender(const Reader& reader, const toml::table& table, std::string_view section)
{
    reader.only_keys(table, section,
                     {"from", "reply_to", "address", "directions", "bring"});
    Sender sender;
    sender.from = reader.mailbox(table, section, "from", true);
    sender.reply_to = reader.mailbox(table, section, "reply_to", false);
    sender.address = reader.text(table, section, "address", false);
    sender.directions = reader.text(table, section, "directions", false);
    sender.bring = reader.text(table, section, "bring", false);
    return sender;
}

MailConfig read_config(const Reader& reader, const toml::table& root)
{
    reader.only_keys(root, "", {"relay", "messages", "online", "sites", "organisers"});
    MailConfig config;
    config.relay = read_relay(reader, reader.section(root, "relay"));
    const auto& messages = reader.section(root, "messages");
    reader.only_keys(messages, "messages", {"domain", "reminder_hours_before"});
    config.domain = reader.text(messages, "messages", "domain", true);
    if (config.domain.find_first_of(" <>@\"") != std::string::npos ||
        config.domain.find('.') == std::string::npos)
        reader.refuse(*messages.get("domain"), "messages.domain", "nom de domaine invalide");
    config.reminder_lead = std::chrono::hours{
        reader.number(messages, "messages", "reminder_hours_before", 24, 1, 24 * 7)};
    config.online = read_sender(reader, reader.section(root, "online"), "online");
    if (const toml::node* sites = root.get("sites")) {
        if (!sites->is_table())
            reader.refuse(*sites, "sites", "attendu une section");
        for (const auto& [key, node] : *sites->as_table()) {
            const std::string section = fmt::format("sites.{}", key.str());
            if (!kiosk::find_site(key.str()))
                reader.refuse(node, section,
                              fmt::format("site inconnu (sites : {})", kiosk::known_site_ids()));
            if (!node.is_table())
                reader.refuse(node, section, "attendu une section");
            config.sites.emplace(std::string(key.str()),
                                 read_sender(reader, *node.as_table(), section));
        }
    }
    if (const toml::node* organisers = root.get("organisers")) {
        if (!organisers->is_table())
            reader.refuse(*organisers, "organisers", "attendu une section");
        const auto& table = *organisers->as_table();
        if (table.size() > 500)
            reader.refuse(table, "organisers", "plus de 500 organisateurs");
        for (const auto& [key, node] : table) {
            if (key.str().empty() || key.str().size() > 200)
                reader.refuse(node, "organisers", "nom d'organisateur vide ou trop long");
            const auto mailbox = reader.mailbox(table, "organisers", key.str(), true);
            config.organisers.emplace(std::string(key.str()), mailbox.address);
        }
    }
    return config;
}

} // namespace

const Sender& MailConfig::sender_for(const std::optional<std::string>& site) const
{
    if (site)
        if (const auto found = sites.find(*site); found != sites.end())
            return found->second;
    return online;
}

std::optional<Mailbox> parse_mailbox(std::string_view text)
{
    Mailbox mailbox;
    std::string_view address = text;
    if (const auto open = text.rfind('<'); open != std::string_view::npos) {
        if (text.back() != '>')
            return std::nullopt;
        address = text.substr(open + 1, text.size() - open - 2);
        auto name = text.substr(0, open);
        while (!name.empty() && name.back() == ' ')
            name.remove_suffix(1);
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"')
            name = name.substr(1, name.size() - 2);
        mailbox.name = std::string(name);
    }
    const auto at = address.find('@');
    if (address.empty() || address.size() > 254 || at == std::string_view::npos || at == 0 ||
        at + 1 == address.size() || address.find('@', at + 1) != std::string_view::npos ||
        address.find_first_of(" <>\"\\,;:()[]\r\n\t") != std::string_view::npos ||
        mailbox.name.find_first_of("\r\n<>\"") != std::string::npos)
        return std::nullopt;
    mailbox.address = std::string(address);
    return mailbox;
}

tl::expected<MailConfig, std::string> parse_mail_config(std::string_view text,
                                                        std::string_view source)
{
    if (text.size() > max_config_bytes)
        return tl::unexpected(
            fmt::format("{}: plus de {} Ko, ce n'est pas une configuration", source,
                        max_config_bytes / 1024));
    const Reader reader(source);
    try {
        return read_config(reader, toml::parse(text, source));
    } catch (const toml::parse_error& error) {
        const auto& where = error.source().begin;
        return tl::unexpected(
            fmt::format("{}:{}:{}: {}", source, where.line, where.column, error.description()));
    } catch (const Refusal& refusal) {
        return tl::unexpected(refusal.message);
    }
}

tl::expected<MailConfig, std::string> load_mail_config(const std::filesystem::path& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return tl::unexpected(
            fmt::format("{}: configuration de l'envoi des e-mails illisible", path.string()));
    std::string text(max_config_bytes + 1, '\0');
    file.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(file.gcount()));
    return parse_mail_config(text, path.string());
}

tl::expected<std::string, std::string> read_password_file(const std::filesystem::path& path)
{
    struct stat status {};
    if (::stat(path.c_str(), &status) != 0 || !S_ISREG(status.st_mode))
        return tl::unexpected(
            fmt::format("{}: fichier du mot de passe du relais introuvable", path.string()));
    if ((status.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        return tl::unexpected(fmt::format(
            "{}: le mot de passe du relais est lisible par d'autres que le service (mode {:o}) ; "
            "faites chmod 600",
            path.string(), status.st_mode & 0777));
    if (status.st_size > 1024)
        return tl::unexpected(
            fmt::format("{}: plus de 1 Ko, ce n'est pas un mot de passe", path.string()));
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    auto password = text.str();
    while (!password.empty() && (password.back() == '\n' || password.back() == '\r'))
        password.pop_back();
    if (password.empty() || password.find_first_of("\r\n") != std::string::npos)
        return tl::unexpected(fmt::format(
            "{}: attendu un mot de passe sur une seule ligne, non vide", path.string()));
    return password;
}

} // namespace kiosk_mail
