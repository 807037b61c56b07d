#pragma once

// The office and a site, each with its own database and a real `kioskctl serve` on a free
// loopback port (the office's with --office, which carries the live link's endpoint), their
// clocks frozen at the same instant: what the live link's tests pair, exchange and break.

#include "kioskctl.hpp"
#include "served.hpp"

#include <catch2/catch.hpp>
#include <optional>
#include <string>
#include <vector>

namespace test {

inline constexpr const char* link_now = "2026-11-26 10:00";

struct LinkPair {
    Kioskctl office;
    Kioskctl site; // Rennes
    std::optional<Served> served;

    LinkPair()
    {
        office.ok({"init"});
        office.ok({"keys", "generate", "--out", key()});
        office.ok({"sync", "identity", "--office", "--key", key()});
        site.ok({"init"});
        served.emplace(office, std::vector<std::string>{"--office"}, "office-console", link_now);
    }

    [[nodiscard]] std::string key() const { return (office.dir() / "office.key").string(); }

    // The line `kioskctl sync invite` prints at the office.
    std::string invite(const std::string& for_site = "rennes")
    {
        return trimmed(office.ok(
            {"--at", link_now, "sync", "invite", "--site", for_site, "--url", served->url()}));
    }

    ProcessResult join(const std::string& line)
    {
        return site({"--at", link_now, "sync", "join", line, "--site", "rennes"});
    }

    void paired()
    {
        const auto joined = join(invite());
        INFO(joined.err);
        REQUIRE(joined.exit_code == 0);
    }

    [[nodiscard]] std::string runtime() const { return (site.dir() / "run").string(); }

    ProcessResult exchange()
    {
        return site({"--at", link_now, "sync", "run", "--once", "--runtime-dir", runtime()});
    }

    void exchange_ok()
    {
        const auto result = exchange();
        INFO(result.err);
        REQUIRE(result.exit_code == 0);
    }
};

} // namespace test
