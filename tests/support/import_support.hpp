#pragma once

// Running `kioskctl schedule import` on the fixtures in tests/data/import/.

#include "build_paths.hpp"
#include "kioskctl.hpp"

#include <fstream>
#include <string>
#include <vector>

namespace test {

inline std::string fixture(const std::string& name)
{
    return test::source_dir() + "/tests/data/import/" + name;
}

inline void write_file(const std::filesystem::path& path, const std::string& content)
{
    std::ofstream(path, std::ios::binary) << content;
}

// Runs an import under `timeout`, so a hang fails the test instead of stalling the suite.
inline ProcessResult import(const Kioskctl& kioskctl, const std::string& file,
                            std::vector<std::string> options)
{
    std::vector<std::string> arguments{"timeout", "20", test::kioskctl_program(), "--db",
                                       kioskctl.database()};
    const bool has_clock = std::find(options.begin(), options.end(), "--at") != options.end();
    if (!has_clock)
        arguments.insert(arguments.end(), {"--at", "2026-03-01 08:00"});
    for (std::size_t i = 0; i + 1 < options.size(); ++i)
        if (options[i] == "--at" || options[i] == "--config") {
            arguments.insert(arguments.end(), {options[i], options[i + 1]});
            options.erase(options.begin() + static_cast<long>(i),
                          options.begin() + static_cast<long>(i) + 2);
            --i;
        }
    arguments.insert(arguments.end(), {"schedule", "import", file});
    arguments.insert(arguments.end(), options.begin(), options.end());
    return run_process(arguments, {{"DISPLAY", ""}, {"KIOSK_DB", ""}, {"KIOSK_CONFIG", ""}});
}

inline nlohmann::json import_json(const Kioskctl& kioskctl, const std::string& file,
                                  std::vector<std::string> options)
{
    options.push_back("--json");
    const auto result = import(kioskctl, file, options);
    INFO("stderr: " << result.err);
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out);
}

// The session of `site` starting on `date` whose title contains `title`; null when none.
inline nlohmann::json find_session(const Kioskctl& kioskctl, const std::string& site,
                                   const std::string& date, const std::string& title)
{
    const auto day = kioskctl.day(site, date);
    for (const auto& session : day["sessions"])
        if (session["title"].get<std::string>().find(title) != std::string::npos)
            return session;
    return nullptr;
}

} // namespace test
