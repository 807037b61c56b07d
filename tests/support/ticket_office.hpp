#pragma once

// An office database with a signing key it trusts and a workshop, driven through kioskctl.

#include "kioskctl.hpp"

#include <string>
#include <vector>

namespace test {

struct TicketOffice {
    Kioskctl kioskctl;
    std::string key_file;
    std::string session;

    explicit TicketOffice(const std::string& capacity = "14")
        : key_file((kioskctl.dir() / "issuer.key").string())
    {
        kioskctl.ok({"init"});
        const auto out = kioskctl.ok({"keys", "generate", "--out", key_file});
        kioskctl.ok({"keys", "trust", out.substr(out.find("clé publique ") + 14, 64)});
        session = trimmed(kioskctl.ok(
            {"session", "add", "--site", "saint-etienne", "--kind", "atelier", "--title",
             "Créer sa boutique en ligne : démarches et équipement", "--start",
             "2026-11-26 14:30", "--end", "16:30", "--room", "Salle Éole", "--capacity",
             capacity}));
    }

    std::string issue(const std::string& first, const std::string& last,
                      std::vector<std::string> extra = {})
    {
        std::vector<std::string> arguments{"ticket",      "issue", "--session", session,
                                           "--first-name", first,   "--last-name", last,
                                           "--key",        key_file};
        arguments.insert(arguments.end(), extra.begin(), extra.end());
        return trimmed(kioskctl.ok(arguments));
    }

    ProcessResult checkin(const std::string& when, std::vector<std::string> what)
    {
        std::vector<std::string> arguments{"--at", when, "checkin", "--site", "saint-etienne"};
        arguments.insert(arguments.end(), what.begin(), what.end());
        return kioskctl(arguments);
    }
};

} // namespace test
